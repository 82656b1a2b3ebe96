/** Whether a process with this pid runs (EPERM: it runs, as another user). Locks and worktrees left by dead runs are taken over. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
