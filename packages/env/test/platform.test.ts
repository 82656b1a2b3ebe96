import {
  parsePlatformKey,
  resolvePlatform,
  supportMatrix,
  renderExports,
  prependPath,
  shellForFile,
  UnsupportedPlatformError,
  assertSupported,
} from '../src/index.js';

describe('platform and matrix', () => {
  it('parses platform keys and refuses malformed ones', () => {
    expect(parsePlatformKey('linux-arm64-musl')).toEqual({ platform: 'linux', arch: 'arm64', libc: 'musl' });
    expect(parsePlatformKey('darwin-x64')).toEqual({ platform: 'darwin', arch: 'x64', libc: null });
    expect(() => parsePlatformKey('sparc')).toThrow(/not a platform/);
  });

  it('reads the matrix from @duckdb/node-bindings at run time', () => {
    const matrix = supportMatrix();
    expect(matrix.platforms).toEqual(expect.arrayContaining(['linux-x64', 'linux-x64-musl', 'darwin-arm64', 'win32-x64']));
    expect(resolvePlatform({}).key).toBe(`${process.platform}-${process.arch}`);
    const pretended = resolvePlatform({ FROZEN_DUCKDB_PLATFORM: 'sunos-sparc' });
    expect(pretended).toMatchObject({ key: 'sunos-sparc', overridden: true });
    expect(() => assertSupported(pretended, matrix)).toThrow(UnsupportedPlatformError);
  });
});

describe('shell exports', () => {
  const x = { libDir: "/opt/duck db/it's", duckdbVersion: 'v1.5.6', platform: 'linux' as const };

  it('extends the loader path instead of replacing it, once', () => {
    expect(prependPath('/a', '/b:/c', ':')).toBe('/a:/b:/c');
    expect(prependPath('/a', '/b:/a', ':')).toBe('/b:/a');
    expect(prependPath('/a', undefined, ':')).toBe('/a');
  });

  it('quotes values for each format', () => {
    expect(renderExports('bash', x, {})).toContain(`export DUCKDB_LIB_DIR='/opt/duck db/it'\\''s'`);
    expect(renderExports('fish', x, {})).toContain('set -gx --prepend LD_LIBRARY_PATH $DUCKDB_LIB_DIR');
    expect(renderExports('dotenv', x, { LD_LIBRARY_PATH: '/usr/local/lib' })).toContain(`LD_LIBRARY_PATH="/opt/duck db/it's:/usr/local/lib"`);
    expect(renderExports('github', x, {})).toContain(`DUCKDB_LIB_DIR=/opt/duck db/it's\n`);
    expect(renderExports('bash', { ...x, platform: 'darwin' }, {})).toContain('DYLD_LIBRARY_PATH');
  });

  it('picks the format of a --write file from its name', () => {
    expect(shellForFile('setup_env.sh')).toBe('bash');
    expect(shellForFile('setup_env.fish')).toBe('fish');
    expect(shellForFile('.env')).toBe('dotenv');
  });
});
