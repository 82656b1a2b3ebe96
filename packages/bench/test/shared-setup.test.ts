import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchWorker, type OpenedSuite, type SetupShare } from '../src/index.js';

const fixtures = fileURLToPath(new URL('./shared-fixtures', import.meta.url));
const once = { time: 0, iterations: 1, warmupTime: 0, warmupIterations: 0 };
const settings = { threads: '1' };

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'bench-shared-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Opens `suite` in a fresh worker with `share`, runs its benchmarks once (a restored one all), closes; returns what open said. */
async function openAndRun(suite: string, share: SetupShare): Promise<OpenedSuite> {
  const worker = BenchWorker.start({ projectDir: fixtures });
  try {
    const opened = await worker.open(join(fixtures, suite), 'quick', settings, 60_000, share);
    for (const b of opened.benchmarks) if (opened.setup.how === 'restored' || b.name !== 'set up elsewhere') await worker.run(b.name, once, 30_000);
    return opened;
  } finally {
    await worker.close();
  }
}

describe('a suite setup shared between the processes of one side', () => {
  it('runs once, then restores tables, index, view, macro, setting, files, notes and the returned value in another process', async () => {
    const share = { dir: join(root, 'shared'), key: 'k1' };
    const first = await openAndRun('shared.bench.ts', share);
    expect(first.setup).toMatchObject({ how: 'ran' });
    expect(first.setup.snapshotMs).toBeGreaterThan(0);
    expect(first.setup.refused).toBeUndefined();
    const second = await openAndRun('shared.bench.ts', share);
    expect(second.setup).toEqual({ how: 'restored' });
    expect(second.notes).toEqual([{ label: 'rows', value: 1000, unit: 'rows' }]);
    // A third process restores too: closing one process keeps the side's files.
    expect((await openAndRun('shared.bench.ts', share)).setup.how).toBe('restored');
  }, 120_000);

  it('rebuilds, never trusts, a snapshot for another key, one with a file gone, or a damaged manifest', async () => {
    const share = { dir: join(root, 'shared'), key: 'k1' };
    await openAndRun('shared.bench.ts', share);
    expect((await openAndRun('shared.bench.ts', { ...share, key: 'k2' })).setup).toMatchObject({ how: 'ran' });
    expect((await openAndRun('shared.bench.ts', { ...share, key: 'k2' })).setup).toEqual({ how: 'restored' });
    unlinkSync(join(share.dir, 'files', 'words.txt'));
    const missing = await openAndRun('shared.bench.ts', { ...share, key: 'k2' });
    expect(missing.setup.how).toBe('ran');
    expect(missing.setup.refused).toMatch(/words\.txt, a file setup wrote, is gone or changed/);
    writeFileSync(join(share.dir, 'manifest.json'), '{"format": 1, "key": "k3", "shareable": tr');
    expect((await openAndRun('shared.bench.ts', { ...share, key: 'k3' })).setup).toMatchObject({ how: 'ran' });
  }, 180_000);

  it('refuses what cloning cannot carry (a class instance) and a suite that opts out, running setup in every process', async () => {
    for (const [suite, reason] of [
      ['instance.bench.ts', /counter is a Counter instance/],
      ['opted-out.bench.ts', /shareSetup: false/],
    ] as const) {
      const share = { dir: join(root, suite), key: 'k' };
      const first = await openAndRun(suite, share);
      const second = await openAndRun(suite, share);
      expect(second.setup.how).toBe('ran');
      expect(second.setup.refused ?? first.setup.refused).toMatch(reason);
    }
  }, 120_000);
});
