import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputFileError, pathKind, readInput, regularInput } from '../src/index.js';
import { tempDir } from './helpers.js';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

describe('inputs that are not regular files', () => {
  const dir = tempDir('inputs');
  const data = 'id,name\n1,a\n2,b\n'.repeat(20_000);

  it('names a path no file can have (a name too long) as a usage error, in every reader', async () => {
    const path = join(tempDir('long-in'), 'x'.repeat(300));
    const readers: (() => unknown)[] = [() => pathKind(path), () => readInput(path, 'input'), () => regularInput(path, 'input')];
    for (const read of readers) {
      const error = await Promise.resolve()
        .then(read)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputFileError);
      expect((error as InputFileError).message).toBe(`${path}: the name is too long`);
      expect((error as InputFileError).category).toBe('usage');
    }
  });

  it('reads a FIFO whose writer is there, to the end, and copies it to a temporary file that goes on dispose', async () => {
    const fifo = join(dir, 'live.csv');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `cat > "$1"`, 'sh', fifo], { stdio: ['pipe', 'ignore', 'ignore'] });
    writer.stdin.end(data);
    const copy = await regularInput(fifo, '--input');
    expect(copy.copied).toBe(true);
    expect(copy.path.endsWith('/live.csv')).toBe(true);
    expect(readFileSync(copy.path, 'utf8')).toBe(data);
    copy.dispose();
    expect(existsSync(copy.path)).toBe(false);
  });

  it('refuses a FIFO whose writer is gone with exit-2 words, and does not hang', async () => {
    const fifo = join(dir, 'done.csv');
    execFileSync('mkfifo', [fifo]);
    const error = await readInput(fifo, '--input').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as InputFileError).message).toBe(`--input ${fifo} is a pipe that gave no data (its writer finished before, or never started)`);
    expect((error as InputFileError).category).toBe('usage');
  });

  it('reads process substitution (<(cmd)) whole, in a real shell, every time', () => {
    writeFileSync(join(dir, 'n.csv'), data);
    const script = `import { readInput } from ${JSON.stringify(dist)}; const b = await readInput(process.argv[1], 'x'); process.stdout.write(String(b.length));`;
    for (let i = 0; i < 5; i++) {
      const run = spawnSync('bash', ['-c', `"$0" --input-type=module -e "$1" <(cat "$2")`, process.execPath, script, join(dir, 'n.csv')], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(Number(run.stdout)).toBe(Buffer.byteLength(data));
    }
  });

  it('names a missing file, a folder and a device', async () => {
    expect(pathKind('/dev/null')).toBe('device');
    for (const [path, words] of [
      [join(dir, 'nope.csv'), 'does not exist'],
      [dir, 'is a folder, not a file'],
      ['/dev/zero', 'is a device, not a file'],
    ] as const) {
      const error = await readInput(path, '--input').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputFileError);
      expect((error as InputFileError).message).toBe(`--input ${path} ${words}`);
      expect((error as InputFileError).hint).toBeTruthy();
    }
  });
});
