import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { exists } from './folders.js';
import { leftByDeadProcesses } from './process-alive.js';

// `.commit-<pid>-<hex>`: written before a commit of several files renames anything, removed when it is
// done. A SIGKILL part-way leaves it, and with it what is needed to put the old set back.
const JOURNAL = /^\.commit-(\d+)-[0-9a-f]{8}$/;

/** One file of a commit, by names in its folder: the new file, the old one while it is set aside (if there was one). */
export interface JournalEntry {
  final: string;
  temp: string;
  aside: string | null;
}

/** Writes a journal for the entries of each folder; returns the journals' paths, to remove once the commit is done. */
export function writeJournals(entries: { final: string; temp: string; aside: string | null }[]): string[] {
  const byFolder = new Map<string, JournalEntry[]>();
  for (const e of entries) {
    const dir = dirname(e.final);
    const list = byFolder.get(dir) ?? [];
    list.push({ final: basename(e.final), temp: basename(e.temp), aside: e.aside === null ? null : basename(e.aside) });
    byFolder.set(dir, list);
  }
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const written: string[] = [];
  for (const [dir, list] of byFolder) {
    const path = join(dir, `.commit-${tag}`);
    writeFileSync(path, JSON.stringify(list));
    written.push(path);
  }
  return written;
}

/**
 * Puts right the commits a killed process left unfinished in `dir` (what a reader or the next writer
 * sees is then a whole set): when every new file had moved in, the commit is finished (old files
 * removed); otherwise the old set is put back and the new files that had moved in are removed.
 */
export function recoverCommits(dir: string): void {
  const unfinished = leftByDeadProcesses(dir, (name) => {
    const match = JOURNAL.exec(name);
    return match ? { pid: Number(match[1]) } : undefined;
  });
  for (const { path: journal } of unfinished) {
    let entries: JournalEntry[] = [];
    try {
      entries = JSON.parse(readFileSync(journal, 'utf8')) as JournalEntry[];
    } catch {
      // Killed while writing the journal: nothing had been renamed yet.
    }
    try {
      const at = (file: string) => join(dir, file);
      const placedAll = entries.every((e) => !exists(at(e.temp)));
      for (const e of entries) {
        if (placedAll) {
          if (e.aside) rmSync(at(e.aside), { force: true });
        } else if (e.aside && exists(at(e.aside))) {
          renameSync(at(e.aside), at(e.final));
        } else if (!e.aside && !exists(at(e.temp))) {
          // A file that is new in this set had moved in: the old set did not have it.
          rmSync(at(e.final), { force: true });
        }
        rmSync(at(e.temp), { force: true });
      }
      rmSync(journal, { force: true });
    } catch {
      // Best effort: another process may be putting the same folder right.
    }
  }
}
