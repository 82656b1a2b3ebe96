/** Whether a process with this pid runs (EPERM: it runs, as another user). Locks, temp files and worktrees left by dead runs are taken over. */
export function isProcessAlive(pid: number): boolean {
  // 0 and negative numbers name process groups, not a process.
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
