import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { acquireLock, LockedError, OutputFileError, withFileLock } from '../src/index.js';
import { tempDir } from './helpers.js';

const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

describe('lock files', () => {
  const dir = tempDir('lock');

  it('keeps a second writer out while the first holds the lock, and goes with the holder', async () => {
    const path = join(dir, '.performance_baseline');
    await withFileLock(path, async () => {
      expect(existsSync(`${path}.lock`)).toBe(true);
      // A real second process trying to take it.
      const child = spawn(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `
        import { writeFileSync } from 'node:fs';
        try { writeFileSync(${JSON.stringify(`${path}.lock`)}, '1', { flag: 'wx' }); console.log('took'); }
        catch (e) { console.log(e.code); }`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const out = await new Promise<string>((resolve) => child.stdout.on('data', (d: Buffer) => resolve(d.toString().trim())));
      expect(out).toBe('EEXIST');
      await expect(withFileLock(path, async () => 'inner')).rejects.toBeInstanceOf(LockedError);
    });
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('takes over a lock left by a process that is gone, in either format (JSON, or the pid alone)', async () => {
    const path = join(dir, 'taken');
    writeFileSync(`${path}.lock`, String(deadPid()));
    expect(await withFileLock(path, async () => 'done')).toBe('done');
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: deadPid(), host: hostname(), token: 'old' }));
    expect(await withFileLock(path, async () => 'again')).toBe('again');
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('waits for a live holder until the deadline, then says who holds it', async () => {
    const lock = join(dir, 'busy.lock');
    const first = await acquireLock(lock);
    expect('release' in first).toBe(true);
    const second = await acquireLock(lock, Date.now() + 100);
    expect(second).toEqual({ busy: `lock held by pid ${process.pid} on ${hostname()}` });
    if ('release' in first) first.release();
    expect('release' in (await acquireLock(lock))).toBe(true);
  });

  it('a lock that cannot be made (under a file, in /proc) is an error naming the file, not a stack trace', async () => {
    writeFileSync(join(dir, 'plain'), '');
    for (const path of [join(dir, 'plain', 'baseline'), '/proc/self/baseline']) {
      const error = await withFileLock(path, async () => 'no').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OutputFileError);
      expect((error as OutputFileError).message).toContain(`cannot create its lock file ${path}.lock`);
    }
  });
});
