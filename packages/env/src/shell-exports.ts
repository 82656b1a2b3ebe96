/** The shells and formats `env --shell` speaks. */
export const SHELLS = ['bash', 'zsh', 'fish', 'dotenv', 'github'] as const;
export type Shell = (typeof SHELLS)[number];

/** What a native build needs to see: where libduckdb is and which version it is. */
export interface NativeExports {
  libDir: string;
  duckdbVersion: string;
  platform: NodeJS.Platform;
}

/** The loader variable of a platform (searched at run time) and whether cc's LIBRARY_PATH applies (link time). */
export function loaderVariables(platform: NodeJS.Platform): string[] {
  if (platform === 'darwin') return ['DYLD_LIBRARY_PATH', 'LIBRARY_PATH'];
  if (platform === 'win32') return ['PATH'];
  return ['LD_LIBRARY_PATH', 'LIBRARY_PATH'];
}

/** A path list with `dir` first, unchanged when it is already in it (so repeating the setup is harmless). */
export function prependPath(dir: string, current: string | undefined, separator: string): string {
  const parts = (current ?? '').split(separator).filter((p) => p !== '');
  return parts.includes(dir) ? parts.join(separator) : [dir, ...parts].join(separator);
}

/** Exports to evaluate in a shell (bash, zsh, fish) or lines for a dotenv / $GITHUB_ENV file. */
export function renderExports(shell: Shell, x: NativeExports, currentEnv: NodeJS.ProcessEnv): string {
  const separator = x.platform === 'win32' ? ';' : ':';
  const paths = loaderVariables(x.platform);
  switch (shell) {
    case 'bash':
    case 'zsh':
      return [
        `export DUCKDB_LIB_DIR=${shQuote(x.libDir)}`,
        `export DUCKDB_VERSION=${shQuote(x.duckdbVersion)}`,
        ...paths.map((v) => shPrepend(v, '$DUCKDB_LIB_DIR', separator)),
        '',
      ].join('\n');
    case 'fish':
      return [
        `set -gx DUCKDB_LIB_DIR ${shQuote(x.libDir)}`,
        `set -gx DUCKDB_VERSION ${shQuote(x.duckdbVersion)}`,
        ...paths.map((v) => fishPrepend(v)),
        '',
      ].join('\n');
    case 'dotenv':
    case 'github': {
      // These files hold values, not code: the lists are computed now from the current environment.
      const lines = [
        ['DUCKDB_LIB_DIR', x.libDir],
        ['DUCKDB_VERSION', x.duckdbVersion],
        ...paths.map((v) => [v, prependPath(x.libDir, currentEnv[v], separator)]),
      ] as [string, string][];
      return `${lines.map(([k, v]) => (shell === 'dotenv' ? `${k}=${dotenvQuote(v)}` : githubLine(k, v))).join('\n')}\n`;
    }
  }
}

/** Single-quotes for POSIX shells and fish. */
export function shQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function shPrepend(variable: string, dirExpr: string, sep: string): string {
  return `case "${sep}\${${variable}:-}${sep}" in *"${sep}${dirExpr}${sep}"*) ;; *) export ${variable}="${dirExpr}\${${variable}:+${sep}\$${variable}}" ;; esac`;
}

function fishPrepend(variable: string): string {
  // fish keeps *PATH variables as lists; --prepend needs fish 3.0.
  return `contains -- $DUCKDB_LIB_DIR $${variable}; or set -gx --prepend ${variable} $DUCKDB_LIB_DIR`;
}

function dotenvQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=-]*$/.test(value) ? value : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function githubLine(key: string, value: string): string {
  // $GITHUB_ENV takes NAME=value per line; a value with a newline needs the delimiter form.
  if (!value.includes('\n')) return `${key}=${value}`;
  const delimiter = `EOF_${key}_${Date.now()}`;
  return `${key}<<${delimiter}\n${value}\n${delimiter}`;
}
