import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSetupScript } from '../src/index.js';
import { LIBRARY, tempDir } from './helpers.js';

const has = (shell: string): boolean => spawnSync(shell, ['-c', 'true']).status === 0;
const shells = (['bash', 'zsh', 'fish'] as const).filter(has);

/** A workspace with the library where npm puts it, and a setup script written at its root. */
function workspace(shell: 'bash' | 'zsh' | 'fish'): { root: string; script: string } {
  const root = join(tempDir(), 'ws');
  const libDir = join(root, 'node_modules', '@duckdb', 'node-bindings-linux-x64');
  mkdirSync(libDir, { recursive: true });
  symlinkSync(LIBRARY, join(libDir, 'libduckdb.so'));
  const fileName = shell === 'fish' ? 'setup_env.fish' : 'setup_env.sh';
  writeFileSync(join(root, fileName), renderSetupScript({ shell, scriptDir: root, libDir, duckdbVersion: 'v1.5.6', platform: 'linux', fileName }));
  return { root, script: fileName };
}

describe('setup script', () => {
  it('finds the library from its own location after the workspace moved, sourced from another folder', () => {
    expect(shells).toContain('bash');
    for (const shell of shells) {
      const { root, script } = workspace(shell);
      const moved = `${root}-moved`;
      renameSync(root, moved);
      const cwd = tempDir();
      const source = shell === 'fish' ? 'source' : '.';
      const run = spawnSync(shell, ['-c', `${source} "${join(moved, script)}"; echo "$DUCKDB_LIB_DIR"`], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, LD_LIBRARY_PATH: '' },
      });
      expect({ shell, out: run.stdout.trim(), err: run.stderr }).toEqual({
        shell,
        out: join(moved, 'node_modules', '@duckdb', 'node-bindings-linux-x64'),
        err: '',
      });
    }
  });

  it('says so on stderr and exports nothing when the library is gone', () => {
    const { root, script } = workspace('bash');
    const moved = `${root}-gone`;
    renameSync(root, moved);
    spawnSync('rm', [join(moved, 'node_modules', '@duckdb', 'node-bindings-linux-x64', 'libduckdb.so')]);
    const run = spawnSync('bash', ['-c', `. "${join(moved, script)}"; echo "[$DUCKDB_LIB_DIR]"`], {
      encoding: 'utf8',
      env: { ...process.env, DUCKDB_LIB_DIR: '' },
    });
    expect(run.stdout.trim()).toBe('[]');
    expect(run.stderr).toMatch(/no libduckdb.so in .*run npm ci/);
  });
});
