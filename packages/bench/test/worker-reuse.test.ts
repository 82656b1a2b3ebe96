import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchWorker } from '../src/index.js';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const once = { time: 0, iterations: 1, warmupTime: 0, warmupIterations: 0 };

describe('a worker kept from suite to suite', () => {
  it('closes one suite, stays the same process, and opens and runs another', async () => {
    const worker = BenchWorker.start({ projectDir: fixtures });
    try {
      const first = await worker.open(join(fixtures, 'basic', 'basic.bench.ts'), 'quick', { threads: '1' }, 60_000);
      const pid = worker.pid;
      await worker.run(first.benchmarks[0]!.name, once, 30_000);
      expect(await worker.closeSuite()).toBe(true);
      expect(worker.alive).toBe(true);
      const second = await worker.open(join(fixtures, 'basic', 'basic.bench.ts'), 'quick', { threads: '1' }, 60_000);
      expect(second.name).toBe(first.name);
      expect(worker.pid).toBe(pid);
      const measured = await worker.run(second.benchmarks[0]!.name, once, 30_000);
      expect(measured.iterations).toBe(1);
    } finally {
      await worker.close();
    }
    expect(worker.alive).toBe(false);
  }, 90_000);

  it('reports false, and is gone, when the worker is an older build that ends on close', async () => {
    const worker = BenchWorker.start({ projectDir: fixtures, script: join(fixtures, 'doubles', 'one-suite-worker.mjs') });
    await worker.open(join(fixtures, 'basic', 'basic.bench.ts'), 'quick', {}, 30_000);
    expect(await worker.closeSuite()).toBe(false);
    expect(worker.alive).toBe(false);
  }, 30_000);
});

describe('contention seen by a worker', () => {
  it('records the CPU other processes took and how long its threads waited for one: with two spinning processes per core, a large share', async () => {
    const worker = BenchWorker.start({ projectDir: fixtures });
    const spinners: ReturnType<typeof spawn>[] = [];
    try {
      const opened = await worker.open(join(fixtures, 'basic', 'basic.bench.ts'), 'quick', { threads: '1' }, 60_000);
      const name = opened.benchmarks[0]!.name;
      const batch = { time: 300, iterations: 1, warmupTime: 0, warmupIterations: 0 };
      expect((await worker.run(name, batch, 30_000)).waitMs).toBeGreaterThanOrEqual(0);
      for (let i = 0; i < cpus().length * 2; i++) spinners.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
      const busy = await worker.run(name, batch, 30_000);
      // Three runnable processes per core: the benchmark's thread waits for a CPU most of the time.
      const wallPerIteration = busy.samples.reduce((a, b) => a + b, 0) / busy.samples.length;
      expect(busy.waitMs / wallPerIteration).toBeGreaterThan(0.3);
      // The spinners took most of the machine meanwhile: well over half a core.
      expect(busy.foreignMs / wallPerIteration).toBeGreaterThan(0.5);
    } finally {
      for (const s of spinners) s.kill('SIGKILL');
      await worker.close();
    }
  }, 90_000);
});
