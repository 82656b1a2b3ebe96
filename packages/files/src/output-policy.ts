import { accessSync, constants, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { OutputAliasError, OutputExistsError, OutputFileError } from './errors.js';
import { isFolder, linkTarget, nearestExisting } from './folders.js';
import { fsReason } from './fs-reason.js';

/** A path with the name the user knows it by, for messages: '--json', '--history', '$GITHUB_STEP_SUMMARY', 'the baseline'. */
export interface NamedPath {
  name: string;
  path: string;
}

export interface OutputCheck {
  outputs: NamedPath[];
  /** What the command reads or keeps (a baseline, a history database, --input): no output may be one of them. */
  inputs?: NamedPath[];
  /** The command's --force: false refuses an existing output, true replaces it. Left out by a command that always replaces its outputs (reports). */
  force?: boolean;
  /** The command makes missing folders (report --html, download --output-dir); otherwise a missing folder is refused. */
  createFolders?: boolean;
}

type Identity = { kind: 'missing' | 'file' | 'folder' | 'stream'; id: string };

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** What is at `path` now, and an identity two names of one file share (device and inode, or the real path of what is not there yet). */
function identify(path: string): Identity {
  const stat = statOrUndefined(path);
  if (stat) {
    const kind = stat.isDirectory() ? 'folder' : stat.isFile() ? 'file' : 'stream';
    return { kind, id: `${stat.dev}:${stat.ino}` };
  }
  const { existing, missing } = nearestExisting(linkTarget(path));
  let real = existing;
  try {
    real = realpathSync(existing);
  } catch {
    // an unreadable ancestor: its name is as good as it gets
  }
  return { kind: 'missing', id: join(real, ...missing) };
}

/**
 * The one output policy, checked before any work: an output may not be one of the inputs or another
 * output (compared by device and inode, so links and `./x` vs `x` count), may not be a folder, needs a
 * folder that exists (or can be made) and can be written, and may exist only with --force where the
 * command has one. A pipe or device (/dev/stdout, a FIFO) is written in place and exempt.
 */
export function checkOutputs(check: OutputCheck): void {
  const seen: { named: NamedPath; id: string; role: 'input' | 'output' }[] = [];
  for (const input of check.inputs ?? []) {
    let identity: Identity;
    try {
      identity = identify(resolve(input.path));
    } catch {
      // An input no file can be (a name too long): nothing could be written over it; its reader says what is wrong.
      continue;
    }
    if (identity.kind === 'file' || identity.kind === 'folder' || identity.kind === 'missing') seen.push({ named: input, id: identity.id, role: 'input' });
  }
  const existing: string[] = [];
  for (const output of check.outputs) {
    const path = resolve(output.path);
    let identity: Identity;
    try {
      identity = identify(path);
    } catch (error) {
      // A name too long, a loop of links: the place itself cannot hold a file.
      const { reason, category } = fsReason(error);
      throw new OutputFileError(path, reason, { category, hint: `pass another file name for ${output.name}`, cause: error });
    }
    if (identity.kind === 'stream') continue;
    if (identity.kind === 'folder') {
      throw new OutputFileError(path, 'it is a folder', { category: 'usage', hint: `pass a file name for ${output.name}, e.g. ${join(path, 'out')}` });
    }
    const same = seen.find((s) => s.id === identity.id);
    if (same) {
      const what = same.role === 'input' ? `is ${same.named.name} (${same.named.path}), which this command reads` : `is also the file of ${same.named.name}`;
      throw new OutputAliasError(path, `${output.name} ${path} ${what}: writing it would lose that data`, {
        hint: `give ${output.name} a file of its own`,
      });
    }
    seen.push({ named: output, id: identity.id, role: 'output' });
    if (identity.kind === 'file' && check.force === false) existing.push(path);
    // A write through a link lands on its target: that is the place checked.
    checkFolderOf(linkTarget(path), check.createFolders ?? false);
  }
  if (existing.length) throw new OutputExistsError(existing);
}

/** Fails when the folder of `path` is missing (unless it will be made), is a file, or cannot be written. */
function checkFolderOf(path: string, createFolders: boolean): void {
  const folder = dirname(path);
  const { existing, missing } = nearestExisting(folder);
  if (!isFolder(existing)) {
    throw new OutputFileError(path, `a part of its path is a file, not a folder (${existing})`, {
      category: 'usage',
      hint: 'pass a path whose folders are folders',
    });
  }
  if (missing.length && !createFolders) {
    throw new OutputFileError(path, 'its folder does not exist', {
      category: 'usage',
      hint: `create the folder ${folder} first, or write the file somewhere else`,
    });
  }
  try {
    accessSync(existing, constants.W_OK);
  } catch (error) {
    const { reason, category } = fsReason(error);
    throw new OutputFileError(path, `${existing}: ${reason}`, { category, cause: error });
  }
}
