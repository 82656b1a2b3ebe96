import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeFolders, OutputFileError } from '../src/index.js';
import { tempDir } from './helpers.js';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

describe('makeFolders', () => {
  // Node's own recursive mkdir loops for ever under /proc (mkdir answers ENOENT there): run in a child, bounded.
  it('says why it cannot make a folder under /proc or under a file, at once', () => {
    const dir = tempDir('folders');
    writeFileSync(join(dir, 'file'), '');
    const script = `import { makeFolders } from ${JSON.stringify(dist)};
      for (const d of ['/proc/self/x/y', ${JSON.stringify(join(dir, 'file', 'x'))}]) {
        try { makeFolders(d); console.log('made'); } catch (e) { console.log(e.name + ': ' + e.message); }
      }`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 10_000 });
    expect(run.signal).toBeNull();
    expect(run.stdout.trim().split('\n')).toEqual([
      'OutputFileError: cannot write /proc/self/x/y: files cannot be created in /proc/self',
      `OutputFileError: cannot write ${join(dir, 'file', 'x')}: ${join(dir, 'file')} is a file, not a folder`,
    ]);
  });

  it('makes what is missing and undoes only that', () => {
    const dir = tempDir('undo');
    const undo = makeFolders(join(dir, 'a', 'b', 'c'));
    expect(existsSync(join(dir, 'a', 'b', 'c'))).toBe(true);
    undo();
    expect(existsSync(join(dir, 'a'))).toBe(false);
    expect(existsSync(dir)).toBe(true);
    expect(() => makeFolders(join(dir, 'x'))).not.toThrow(OutputFileError);
  });
});
