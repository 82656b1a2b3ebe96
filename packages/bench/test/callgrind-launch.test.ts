// The command line a counting worker starts with: what decides whether two identical processes count alike.
import { callgrindLaunch, isCountedFunction, MARKER_FUNCTION } from '../src/index.js';

describe('the counting worker under callgrind', () => {
  const setup = {
    valgrind: '/usr/bin/valgrind',
    setarch: '/usr/bin/setarch',
    toggles: ['duckdb_query', 'duckdb_destroy_result', MARKER_FUNCTION, 'duckdb_fetch_chunk'],
  };

  it("counts the C API's work, not the marker nor the destructors that V8's finalizers call at random points", () => {
    expect(['duckdb_query', 'duckdb_fetch_chunk'].every(isCountedFunction)).toBe(true);
    expect(isCountedFunction(MARKER_FUNCTION)).toBe(false);
    expect(isCountedFunction('duckdb_destroy_result')).toBe(false);
    const { execArgv } = callgrindLaunch(setup, '/tmp/out');
    expect(execArgv.filter((a) => a.startsWith('--toggle-collect='))).toEqual(['--toggle-collect=duckdb_query', '--toggle-collect=duckdb_fetch_chunk']);
  });

  it('starts node with garbage collection exposed, after valgrind and its options, randomisation off', () => {
    const { execPath, execArgv } = callgrindLaunch(setup, '/tmp/out');
    expect(execPath).toBe('/usr/bin/setarch');
    expect(execArgv.slice(0, 2)).toEqual(['-R', '/usr/bin/valgrind']);
    expect(execArgv.slice(-2)).toEqual([process.execPath, '--expose-gc']);
    expect(execArgv).toContain(`--dump-before=${MARKER_FUNCTION}`);
  });
});
