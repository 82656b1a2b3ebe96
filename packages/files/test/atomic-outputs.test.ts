import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendToFile, AtomicOutputs, checkInputFolder, OutputFileError, removeLeftovers, withAtomicOutputs, writeFileAtomic } from '../src/index.js';
import { tempDir } from './helpers.js';

/** A pid that no process has: one that just ended. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('AtomicOutputs', () => {
  it('replaces all the files or none: a folder where one goes leaves the old set whole and no temporary file', async () => {
    const dir = tempDir('commit');
    for (const t of ['a', 'b', 'c']) writeFileSync(join(dir, `${t}.csv`), `old ${t}`);
    // Written last: the first two are already in place when the third cannot be.
    mkdirSync(join(dir, 'd.csv'));
    const write = withAtomicOutputs(async (outputs) => {
      for (const t of ['a', 'b', 'c', 'd']) writeFileSync(outputs.temp(join(dir, `${t}.csv`)), `new ${t}`);
    });
    const error = await write.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputFileError);
    expect((error as OutputFileError).message).toBe(`cannot write ${join(dir, 'd.csv')}: it is a folder`);
    expect(['a', 'b', 'c'].map((t) => readFileSync(join(dir, `${t}.csv`), 'utf8'))).toEqual(['old a', 'old b', 'old c']);
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.csv', 'c.csv', 'd.csv']);
  });

  it('puts the old files back when a rename fails part-way (the folder of one output is gone)', () => {
    const dir = tempDir('undo');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.csv'), 'old a');
    writeFileSync(join(dir, 'sub', 'b.csv'), 'old b');
    const outputs = new AtomicOutputs();
    writeFileSync(outputs.temp(join(dir, 'a.csv')), 'new a');
    const b = outputs.temp(join(dir, 'sub', 'b.csv'));
    writeFileSync(b, 'new b');
    // The second output's temporary file vanishes: its rename fails after the first one moved.
    spawnSync('rm', ['-f', b]);
    expect(() => outputs.commit()).toThrow(OutputFileError);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('old a');
    expect(readFileSync(join(dir, 'sub', 'b.csv'), 'utf8')).toBe('old b');
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'sub']);
  });

  it("removes a dead writer's temporary files and puts back an old file it had set aside; a live writer's stay", () => {
    const dir = tempDir('leftovers');
    const dead = deadPid();
    const final = join(dir, 'x.parquet');
    writeFileSync(join(dir, `.x.parquet.tmp-${dead}-0123abcd`), 'half');
    writeFileSync(join(dir, `.x.parquet.tmp-${dead}-0123abcd.wal`), 'wal');
    writeFileSync(join(dir, `.x.parquet.old-${dead}-0123abcd`), 'the old file');
    writeFileSync(join(dir, `.x.parquet.tmp-${process.pid}-0123abcd`), 'mine');
    removeLeftovers(final);
    expect(readFileSync(final, 'utf8')).toBe('the old file');
    expect(readdirSync(dir).sort()).toEqual([`.x.parquet.tmp-${process.pid}-0123abcd`, 'x.parquet']);
  });

  it('a SIGKILL between any two renames of a commit: the next reader sees the old set whole, or the new one', () => {
    // A real process commits three new files over three old ones plus one file the old set lacks (the
    // package as built), and kills itself at its k-th rename: 7 renames in all (3 old files set aside, 4
    // new ones moved in), so k = 1..7 covers every gap; k = 8 kills it after the last rename, as it starts
    // removing the old files.
    const dist = new URL('../dist/index.js', import.meta.url).href;
    const files = ['a', 'b', 'c'];
    const visible = (dir: string) =>
      Object.fromEntries(
        readdirSync(dir)
          .filter((f) => !f.startsWith('.'))
          .sort()
          .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
      );
    const oldSet = Object.fromEntries(files.map((t) => [`${t}.csv`, `old ${t}`]));
    const newSet = { ...Object.fromEntries(files.map((t) => [`${t}.csv`, `new ${t}`])), 'd.csv': 'new d' };
    const seen = new Set<string>();
    for (let k = 1; k <= 8; k++) {
      const dir = tempDir(`kill-${k}`);
      for (const t of files) writeFileSync(join(dir, `${t}.csv`), `old ${t}`);
      const script = `
        import fs from 'node:fs';
        import { syncBuiltinESMExports } from 'node:module';
        const rename = fs.renameSync;
        let n = 0;
        const remove = fs.rmSync;
        fs.renameSync = (from, to) => { if (++n === ${k}) process.kill(process.pid, 'SIGKILL'); return rename(from, to); };
        fs.rmSync = (...args) => { if (${k} === 8) process.kill(process.pid, 'SIGKILL'); return remove(...args); };
        syncBuiltinESMExports();
        const { AtomicOutputs } = await import(${JSON.stringify(dist)});
        const outputs = new AtomicOutputs();
        for (const t of ['a', 'b', 'c', 'd']) fs.writeFileSync(outputs.temp(${JSON.stringify(dir)} + '/' + t + '.csv'), 'new ' + t);
        outputs.commit();`;
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
      expect({ k, signal: child.signal, stderr: child.stderr }).toEqual({ k, signal: 'SIGKILL', stderr: '' });
      checkInputFolder(dir, 'the folder');
      const now = JSON.stringify(visible(dir));
      expect({ k, whole: now === JSON.stringify(oldSet) || now === JSON.stringify(newSet) }).toEqual({ k, whole: true });
      seen.add(now === JSON.stringify(oldSet) ? 'old' : 'new');
      // Nothing of the killed commit is left once the folder has been put right.
      expect({ k, left: readdirSync(dir).filter((f) => f.startsWith('.')) }).toEqual({ k, left: [] });
    }
    expect([...seen].sort()).toEqual(['new', 'old']);
  });
});

describe('writeFileAtomic', () => {
  it('keeps the permissions of the file it replaces and the link that names it', () => {
    const dir = tempDir('write');
    const target = join(dir, 'setup.sh');
    writeFileSync(target, 'old');
    chmodSync(target, 0o750);
    symlinkSync(target, join(dir, 'link.sh'));
    writeFileAtomic(join(dir, 'link.sh'), 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(statSync(target).mode & 0o777).toBe(0o750);
    expect(readdirSync(dir).sort()).toEqual(['link.sh', 'setup.sh']);
  });

  it('writes through a link whose target does not exist yet: the target is made, the link stays a link', () => {
    const dir = tempDir('dangling');
    symlinkSync('later.sh', join(dir, 'link.sh'));
    writeFileAtomic(join(dir, 'link.sh'), 'made');
    expect(readFileSync(join(dir, 'later.sh'), 'utf8')).toBe('made');
    expect(readdirSync(dir).sort()).toEqual(['later.sh', 'link.sh']);
    expect(readFileSync(join(dir, 'link.sh'), 'utf8')).toBe('made');
  });

  it('names the file and the reason when it cannot write, and leaves nothing behind', () => {
    const dir = tempDir('write-fail');
    mkdirSync(join(dir, 'folder'));
    expect(() => writeFileAtomic(join(dir, 'folder'), 'x')).toThrow(`cannot write ${join(dir, 'folder')}: it is a folder`);
    expect(() => writeFileAtomic(join(dir, 'no', 'x.json'), 'x')).toThrow(`cannot write ${join(dir, 'no', 'x.json')}: its folder does not exist`);
    expect(readdirSync(dir)).toEqual(['folder']);
  });

  it('fails at once on a FIFO that nobody reads, instead of waiting for a reader for ever', () => {
    const dir = tempDir('fifo-out');
    const fifo = join(dir, 'fifo');
    spawnSync('mkfifo', [fifo]);
    expect(() => writeFileAtomic(fifo, 'x')).toThrow(`cannot write ${fifo}: it is a pipe that nobody reads`);
    expect(() => appendToFile(fifo, 'x', '$GITHUB_STEP_SUMMARY')).toThrow(/it is a pipe that nobody reads \(\$GITHUB_STEP_SUMMARY\)/);
    expect(existsSync(fifo)).toBe(true);
  });

  it('a FIFO with a reader gets all the data, every time (checking for the reader must not end its input)', async () => {
    // The writer is a real process (the package as built) with a time limit: a writer that shows the
    // reader an end of file before the data would then wait for a reader for ever.
    const dist = new URL('../dist/index.js', import.meta.url).href;
    const dir = tempDir('fifo-read');
    const text = `${'x'.repeat(100_000)}\n`;
    for (let i = 0; i < 20; i++) {
      const fifo = join(dir, `fifo-${i}`);
      spawnSync('mkfifo', [fifo]);
      const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
      let read = '';
      reader.stdout.on('data', (d: Buffer) => (read += d.toString()));
      const closed = new Promise((done) => reader.on('close', done));
      // Both ways in: a report written in place, and the step summary appended to.
      const call = i % 2 ? `appendToFile(${JSON.stringify(fifo)}, text, 'summary')` : `writeFileAtomic(${JSON.stringify(fifo)}, text)`;
      const script = `const { appendToFile, writeFileAtomic } = await import(${JSON.stringify(dist)}); const text = 'x'.repeat(100000) + '\\n'; ${call};`;
      const writer = await new Promise<number | null>((done) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.on('close', (code) => {
          clearTimeout(timer);
          done(code);
        });
      });
      if (writer !== 0) reader.kill();
      await closed;
      expect({ i, writer, bytes: read.length }).toEqual({ i, writer: 0, bytes: text.length });
    }
  }, 60_000);
});
