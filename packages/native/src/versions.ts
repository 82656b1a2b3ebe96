/** Compares dotted version numbers numerically: '2.34' > '2.4'. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** The highest version among symbol versions with a prefix: highestVersion(['GLIBC_2.17','GLIBC_2.3'], 'GLIBC_') = '2.17'. */
export function highestVersion(versions: string[], prefix: string): string | null {
  const numbers = versions.filter((v) => v.startsWith(prefix) && /^\d/.test(v.slice(prefix.length))).map((v) => v.slice(prefix.length));
  return numbers.sort(compareVersions).at(-1) ?? null;
}
