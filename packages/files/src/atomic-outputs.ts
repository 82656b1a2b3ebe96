import { randomBytes } from 'node:crypto';
import { chmodSync, renameSync, rmSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { onCleanup } from './cleanup.js';
import { OutputFileError } from './errors.js';
import { recoverCommits, writeJournals } from './commit-journal.js';
import { exists, linkTarget } from './folders.js';
import { errorCode, fsReason } from './fs-reason.js';
import { leftByDeadProcesses } from './process-alive.js';

// `.name.tmp-<pid>-<hex>`: the new file while it is written; `.name.old-<pid>-<hex>`: the old one while the new ones move in.
const LEFTOVER = /^(tmp|old)-(\d+)-[0-9a-f]{8}(\.wal)?$/;

/**
 * Puts right what a killed writer of `finalPath` left (a SIGKILL leaves files behind; so can DuckDB
 * writing its WAL again while the process exits): a temporary file is removed, and an old file set
 * aside by a commit that did not finish is put back where no new one took its place.
 */
export function removeLeftovers(finalPath: string): void {
  const dir = dirname(finalPath);
  // First the commits of several files a killed process left half done: the old set goes back whole.
  recoverCommits(dir);
  const prefix = `.${basename(finalPath)}.`;
  const leftovers = leftByDeadProcesses(dir, (name) => {
    const match = name.startsWith(prefix) ? LEFTOVER.exec(name.slice(prefix.length)) : null;
    return match ? { pid: Number(match[2]), oldFile: match[1] === 'old' && !match[3] } : undefined;
  });
  for (const { path, oldFile } of leftovers) {
    try {
      if (oldFile && !exists(finalPath)) renameSync(path, finalPath);
      else rmSync(path, { recursive: true, force: true });
    } catch {
      // Best effort: another process may be cleaning up the same leftovers.
    }
  }
}

function commitError(path: string, error: unknown): OutputFileError {
  const { reason, category } = fsReason(error);
  return new OutputFileError(path, reason, {
    category,
    hint:
      category === 'usage'
        ? `move what is at ${path} away, or write somewhere else; nothing was replaced`
        : 'free some space or choose a folder you can write to; nothing was replaced',
    cause: error,
  });
}

/**
 * Outputs written under temporary names in their final folders and moved into place together at the
 * end: all of them replace the old files, or none does. Temporary files are removed however the
 * process ends (SIGKILL aside: the next writer of the same file removes them).
 */
export class AtomicOutputs {
  private readonly pending = new Map<string, string>();
  private readonly tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  private unregister: (() => Promise<void>) | undefined;
  private readonly onExit = () => this.abort();

  /** The temporary path to write instead of `finalPath`. */
  temp(path: string): string {
    // A symbolic link keeps pointing at the file it names: that file is the one replaced.
    const finalPath = linkTarget(path);
    removeLeftovers(finalPath);
    const temp = join(dirname(finalPath), `.${basename(finalPath)}.tmp-${this.tag}`);
    this.pending.set(finalPath, temp);
    if (!this.unregister) {
      // A signal (SIGINT, SIGTERM) or an exit with the work unfinished removes the temporary files.
      this.unregister = onCleanup(() => this.abort());
      process.once('exit', this.onExit);
    }
    return temp;
  }

  /**
   * Moves every temporary file to its final name. The old files are set aside first and put back if any
   * move fails, so a failure part-way (a folder where a file goes, a full disk) leaves the old set whole.
   */
  commit(): void {
    // A single file is replaced by one rename, so nobody ever sees it missing; several are set aside first.
    const several = this.pending.size > 1;
    const moves = [...this.pending].map(([finalPath, temp]) => {
      const old = statOrUndefined(finalPath);
      return { final: finalPath, temp, old, aside: old && several ? join(dirname(finalPath), `.${basename(finalPath)}.old-${this.tag}`) : null };
    });
    const folder = moves.find((m) => m.old?.isDirectory());
    if (folder) {
      this.abort();
      throw new OutputFileError(folder.final, 'it is a folder', {
        category: 'usage',
        hint: `move the folder ${folder.final} away, or write somewhere else; nothing was replaced`,
      });
    }
    // Before the first rename: a SIGKILL part-way leaves the journal, and the next reader or writer puts the old set back.
    let journals: string[] = [];
    const setAside: [string, string][] = [];
    const placed: [string, string][] = [];
    let current = '';
    try {
      if (several) journals = writeJournals(moves);
      for (const m of moves) {
        current = m.final;
        // A replaced file keeps its permissions.
        if (m.old) chmodSync(m.temp, m.old.mode & 0o7777);
        if (m.aside) {
          renameSync(m.final, m.aside);
          setAside.push([m.final, m.aside]);
        }
      }
      for (const m of moves) {
        current = m.final;
        renameSync(m.temp, m.final);
        placed.push([m.final, m.temp]);
      }
    } catch (error) {
      for (const [finalPath, temp] of placed.reverse()) tryRename(finalPath, temp);
      for (const [finalPath, aside] of setAside.reverse()) tryRename(aside, finalPath);
      this.abort();
      for (const journal of journals) rmSync(journal, { force: true });
      throw commitError(current, error);
    }
    for (const [, aside] of setAside) rmSync(aside, { force: true, recursive: true });
    for (const journal of journals) rmSync(journal, { force: true });
    this.finish();
  }

  /** Deletes every temporary file (and DuckDB's .wal beside it). */
  abort(): void {
    for (const temp of this.pending.values()) {
      rmSync(temp, { force: true, recursive: true });
      rmSync(`${temp}.wal`, { force: true });
    }
    this.finish();
  }

  private finish(): void {
    this.pending.clear();
    process.removeListener('exit', this.onExit);
    const unregister = this.unregister;
    this.unregister = undefined;
    // Already done: unregistering only (its cleanup, abort, finds nothing left to remove).
    void unregister?.();
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return undefined;
    throw error;
  }
}

function tryRename(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch {
    // Best effort while undoing: the error that started the undo is the one reported.
  }
}

/** Runs `write` with atomic outputs: commit on success, abort (and rethrow) on failure. */
export async function withAtomicOutputs<T>(write: (outputs: AtomicOutputs) => Promise<T>): Promise<T> {
  const outputs = new AtomicOutputs();
  try {
    const result = await write(outputs);
    outputs.commit();
    return result;
  } catch (error) {
    outputs.abort();
    throw error;
  }
}
