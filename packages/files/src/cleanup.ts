/**
 * Work to undo however the process ends: worktrees to remove, workers to kill, temporary files and
 * lock files to delete. SIGINT and SIGTERM run every registered cleanup, then exit with the signal's
 * conventional code (130, 143).
 */
type Cleanup = () => void | Promise<void>;

const cleanups = new Set<Cleanup>();
let installed = false;
let shuttingDown = false;

async function runAll(): Promise<void> {
  // Until none is left: work still running while a cleanup awaits may register more (a new worker).
  while (cleanups.size) {
    for (const cleanup of [...cleanups].reverse()) {
      cleanups.delete(cleanup);
      try {
        await cleanup();
      } catch {
        // Best effort: one failed cleanup must not keep the others from running.
      }
    }
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(signal, () => {
      shuttingDown = true;
      void runAll().finally(() => process.exit(code));
    });
  }
}

/** Registers `cleanup`; returns a function that runs it now and unregisters it. */
export function onCleanup(cleanup: Cleanup): () => Promise<void> {
  install();
  if (shuttingDown) {
    // Registered after a signal (a worker started as the run was being stopped): undo it at once.
    void Promise.resolve()
      .then(cleanup)
      .catch(() => undefined);
    return async () => undefined;
  }
  cleanups.add(cleanup);
  return async () => {
    if (!cleanups.delete(cleanup)) return;
    await cleanup();
  };
}

/** Runs every registered cleanup (for tests and orderly shutdown). */
export async function cleanupAll(): Promise<void> {
  await runAll();
}
