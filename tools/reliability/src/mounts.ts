import { execFileSync } from 'node:child_process';

/** Runs mount(8); false when this process may not mount (not root, no CAP_SYS_ADMIN): the caller then simulates. */
function mount(args: string[]): boolean {
  try {
    execFileSync('mount', args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A tmpfs of `size` (e.g. '1M') at `dir`, so that writes there fail with ENOSPC once it is full. */
export function mountTmpfs(dir: string, size: string): boolean {
  return mount(['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
}

/** `source` again at `target`, read-only: writes there fail with EROFS, the source stays writable. */
export function mountReadOnly(source: string, target: string): boolean {
  if (!mount(['--bind', source, target])) return false;
  if (mount(['-o', 'remount,ro,bind', target])) return true;
  unmount(target);
  return false;
}

export function unmount(dir: string): void {
  try {
    execFileSync('umount', [dir], { stdio: 'ignore' });
  } catch {
    execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
  }
}
