import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Profile, SetupShare } from '@frozen-duckdb/bench';
import { leftByDeadProcesses, onCleanup } from '@frozen-duckdb/files';

const PREFIX = 'frozen-duckdb-setup-';

/** One side's shared suite setups for one comparison: a folder per suite, all removed with `remove()`. */
export interface SetupShares {
  root: string;
  /** Where and under which key the side's processes share the setup of `file` (relative to the project). */
  shareFor(file: string): SetupShare;
  remove(): Promise<void>;
}

/**
 * A fresh folder for one side's setups, named with this process's id so that the next run
 * removes it when this one was killed before it could. Keys hash the suite file's content, the
 * profile and the settings: a snapshot made for anything else is rebuilt, never read.
 */
export function createSetupShares(side: string, projectDir: string, profile: Profile, settings: Record<string, string>): SetupShares {
  removeOrphanShares();
  const root = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-${side}-`));
  const remove = onCleanup(() => rmSync(root, { recursive: true, force: true }));
  const pinned = JSON.stringify(Object.entries(settings).sort());
  return {
    root,
    shareFor(file) {
      let content = '';
      try {
        content = readFileSync(join(projectDir, file), 'utf8');
      } catch {
        // An unreadable suite fails to load in the worker, with its own message.
      }
      const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex');
      return { dir: join(root, digest(file).slice(0, 16)), key: digest(file, content, profile, pinned) };
    },
    remove,
  };
}

/** Removes the share folders of runs whose process is gone (a SIGKILL runs no cleanup). */
function removeOrphanShares(): void {
  const orphans = leftByDeadProcesses(tmpdir(), (name) => (name.startsWith(PREFIX) ? { pid: Number(name.slice(PREFIX.length).split('-')[0]) } : undefined));
  for (const { path } of orphans) rmSync(path, { recursive: true, force: true });
}
