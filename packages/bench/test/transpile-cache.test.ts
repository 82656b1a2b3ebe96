import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchWorker } from '../src/index.js';

// A suite with a type annotation (it must be transpiled) and no imports (a bare project can load it).
const suiteSource = (name: string) => `const label: string = '${name}';\nexport default { name: label, benchmarks: { one: () => 1 } };\n`;

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'bench-transpiled-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function listedName(projectDir: string): Promise<string> {
  const worker = BenchWorker.start({ projectDir });
  try {
    return (await worker.list(join(projectDir, 'cached.bench.ts'))).name;
  } finally {
    await worker.close();
  }
}

const cacheDir = () => join(root, 'node_modules', '.cache', 'frozen-duckdb', 'transpiled');
const entries = () => readdirSync(cacheDir()).filter((name) => name.endsWith('.json'));
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe("transpiled suites kept in the project's node_modules/.cache", () => {
  it('are written by one worker, read by the next instead of transpiling, and transpiled again when damaged or stale', async () => {
    mkdirSync(join(root, 'node_modules'));
    writeFileSync(join(root, 'cached.bench.ts'), suiteSource('transpiled'));
    expect(await listedName(root)).toBe('transpiled');
    expect(entries()).toHaveLength(1);
    const file = join(cacheDir(), entries()[0] as string);
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { key: string; hash: string; output: string };
    expect(entry.output).not.toContain(': string');

    // An entry whose output says something else, whole: the next worker runs it, so it read the cache.
    const edited = entry.output.replace("'transpiled'", "'from the cache'");
    writeFileSync(file, JSON.stringify({ ...entry, output: edited, hash: sha256(edited) }));
    expect(await listedName(root)).toBe('from the cache');

    // The same output with a hash that does not match it: transpiled from the source again, and the entry mended.
    writeFileSync(file, JSON.stringify({ ...entry, output: edited }));
    expect(await listedName(root)).toBe('transpiled');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(entry);

    // Cut short, as by a full disk: transpiled again.
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 40));
    expect(await listedName(root)).toBe('transpiled');

    // An edited source has its own entry: the old one is never taken for it.
    writeFileSync(join(root, 'cached.bench.ts'), suiteSource('edited'));
    expect(await listedName(root)).toBe('edited');
    expect(entries()).toHaveLength(2);
  }, 60_000);

  it('are not kept where there is no node_modules, and the suite still loads', async () => {
    writeFileSync(join(root, 'cached.bench.ts'), suiteSource('no cache'));
    expect(await listedName(root)).toBe('no cache');
    expect(existsSync(join(root, 'node_modules'))).toBe(false);
    expect(readdirSync(root)).toEqual(['cached.bench.ts']);
  }, 30_000);
});
