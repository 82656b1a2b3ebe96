import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FrozenDuckDBError } from '@frozen-duckdb/core/errors';
import { checkOutputs, OutputAliasError, OutputExistsError, OutputFileError } from '../src/index.js';
import { READ_ONLY_PLACES, tempDir } from './helpers.js';

function refusal(run: () => void): FrozenDuckDBError {
  try {
    run();
  } catch (error) {
    if (error instanceof FrozenDuckDBError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('checkOutputs', () => {
  const dir = tempDir('policy');
  const input = join(dir, 'history.duckdb');
  writeFileSync(input, 'runs');

  it('refuses an output that is an input, by any name: the same path, ./x, a symbolic link or a hard link', () => {
    symlinkSync(input, join(dir, 'link.duckdb'));
    linkSync(input, join(dir, 'hard.duckdb'));
    for (const name of [input, join(dir, '.', 'history.duckdb'), join(dir, 'link.duckdb'), join(dir, 'hard.duckdb')]) {
      const error = refusal(() => checkOutputs({ outputs: [{ name: '--html', path: name }], inputs: [{ name: '--history', path: input }] }));
      expect(error).toBeInstanceOf(OutputAliasError);
      expect(error.message).toContain('which this command reads');
      expect(error.category).toBe('usage');
      expect(error.hint).toBe('give --html a file of its own');
    }
  });

  it('refuses two outputs that are one file, existing or not yet', () => {
    for (const name of ['report.md', 'new.md']) {
      const path = join(dir, name);
      if (name === 'report.md') writeFileSync(path, 'old');
      const error = refusal(() =>
        checkOutputs({
          outputs: [
            { name: '--json', path },
            { name: '--markdown', path: join(dir, 'x', '..', name) },
          ],
        }),
      );
      expect(error).toBeInstanceOf(OutputAliasError);
      expect(error.message).toContain('is also the file of --json');
    }
  });

  it('sees through a symbolic link whose target is not written yet', () => {
    symlinkSync(join(dir, 'later.md'), join(dir, 'to-later.md'));
    const error = refusal(() =>
      checkOutputs({
        outputs: [
          { name: '--json', path: join(dir, 'later.md') },
          { name: '--markdown', path: join(dir, 'to-later.md') },
        ],
      }),
    );
    expect(error).toBeInstanceOf(OutputAliasError);
  });

  it('refuses an existing output without --force where the command has one, replaces it otherwise', () => {
    const path = join(dir, 'exists.csv');
    writeFileSync(path, 'a');
    expect(refusal(() => checkOutputs({ outputs: [{ name: '--output', path }], force: false }))).toBeInstanceOf(OutputExistsError);
    expect(() => checkOutputs({ outputs: [{ name: '--output', path }], force: true })).not.toThrow();
    expect(() => checkOutputs({ outputs: [{ name: '--json', path }] })).not.toThrow();
  });

  it('refuses a folder, a missing folder and a path under a file, with a fix, as usage errors', () => {
    mkdirSync(join(dir, 'folder'));
    writeFileSync(join(dir, 'file.txt'), '');
    const cases: [string, RegExp][] = [
      [join(dir, 'folder'), /: it is a folder$/],
      [join(dir, 'missing', 'deeper', 'r.json'), /: its folder does not exist$/],
      [join(dir, 'file.txt', 'r.json'), /: a part of its path is a file, not a folder/],
    ];
    for (const [path, message] of cases) {
      const error = refusal(() => checkOutputs({ outputs: [{ name: '--json', path }] }));
      expect(error).toBeInstanceOf(OutputFileError);
      expect(error.message).toMatch(message);
      expect(error.category).toBe('usage');
      expect(error.hint).toBeTruthy();
    }
    // A command that makes its folders accepts the missing one.
    expect(() => checkOutputs({ outputs: [{ name: '--html', path: join(dir, 'missing', 'r.html') }], createFolders: true })).not.toThrow();
  });

  it('refuses a place that cannot be written (as root too: under a file, in /proc)', () => {
    writeFileSync(join(dir, 'plain'), '');
    for (const path of READ_ONLY_PLACES(join(dir, 'plain'))) {
      const error = refusal(() => checkOutputs({ outputs: [{ name: '--json', path }], createFolders: true }));
      expect(error).toBeInstanceOf(OutputFileError);
      expect(error.hint).toBeTruthy();
    }
  });

  it('refuses a name longer than the file system takes (as an output, or as a folder of one), and ignores it as an input', () => {
    const dir = tempDir('long');
    const long = 'x'.repeat(300);
    for (const path of [join(dir, long), join(dir, long, 'meta.parquet')]) {
      let error: unknown;
      try {
        checkOutputs({ outputs: [{ name: '--json', path }], inputs: [{ name: '--history', path: join(dir, long, 'h.duckdb') }] });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(OutputFileError);
      expect((error as OutputFileError).message).toBe(`cannot write ${path}: the name is too long`);
      expect((error as FrozenDuckDBError).category).toBe('usage');
    }
    expect(() =>
      checkOutputs({ outputs: [{ name: '--json', path: join(dir, 'ok.json') }], inputs: [{ name: '--history', path: join(dir, long) }] }),
    ).not.toThrow();
  });

  it('writes a pipe or device in place: /dev/stdout twice, or a FIFO, is no conflict', () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(() =>
      checkOutputs({
        outputs: [
          { name: '--json', path: '/dev/null' },
          { name: '--markdown', path: '/dev/null' },
          { name: '--bmf', path: fifo },
        ],
      }),
    ).not.toThrow();
  });
});
