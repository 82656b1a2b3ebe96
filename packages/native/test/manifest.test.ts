import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareWithLock, readLock, updateLock, writeLock, ManifestError, type EngineSnapshot } from '../src/index.js';
import { tempDir } from './helpers.js';

const pin = (hash: string) => ({
  package: '@duckdb/node-bindings-linux-x64',
  version: '1.5.6-r.1',
  library: { file: 'libduckdb.so', size: 10, sha256: hash.repeat(64) },
  binding: { file: 'duckdb.node', size: 5, sha256: 'b'.repeat(64) },
});
const snapshot = (over: Partial<EngineSnapshot> = {}): EngineSnapshot => ({
  duckdbVersion: 'v1.5.6',
  nodeApiVersion: '1.5.6-r.1',
  bindingsVersion: '1.5.6-r.1',
  platformKey: 'linux-x64',
  pin: pin('a'),
  ...over,
});

describe('duckdb.lock.json', () => {
  it('finds no drift for the same engine and names each difference otherwise', () => {
    const { lock } = updateLock(null, snapshot());
    expect(compareWithLock(lock, snapshot())).toEqual([]);
    const drift = compareWithLock(lock, snapshot({ duckdbVersion: 'v1.5.7', pin: pin('c') }));
    expect(drift.map((d) => d.what)).toEqual(['DuckDB version', 'linux-x64 libduckdb.so sha256']);
    expect(compareWithLock(lock, snapshot({ platformKey: 'darwin-arm64' }))[0]?.actual).toMatch(/not in duckdb.lock.json \(pinned: linux-x64\)/);
  });

  it('keeps other platforms of the same version and drops those of another', () => {
    const first = updateLock(null, snapshot({ platformKey: 'darwin-arm64' })).lock;
    const both = updateLock(first, snapshot());
    expect(Object.keys(both.lock.platforms)).toEqual(['darwin-arm64', 'linux-x64']);
    const upgraded = updateLock(both.lock, snapshot({ duckdbVersion: 'v1.6.0', bindingsVersion: '1.6.0-r.1' }));
    expect(Object.keys(upgraded.lock.platforms)).toEqual(['linux-x64']);
    expect(upgraded.dropped).toEqual(['darwin-arm64']);
  });

  it('writes atomically and rejects files that are not a manifest', () => {
    const dir = tempDir();
    const file = join(dir, 'duckdb.lock.json');
    expect(readLock(file)).toBeNull();
    writeLock(file, updateLock(null, snapshot()).lock);
    expect(readLock(file)?.duckdbVersion).toBe('v1.5.6');
    writeFileSync(file, '{ "lockfileVersion": 1, ');
    expect(() => readLock(file)).toThrow(ManifestError);
    writeFileSync(
      file,
      JSON.stringify({
        ...JSON.parse(JSON.stringify(updateLock(null, snapshot()).lock)),
        platforms: { 'linux-x64': { ...pin('a'), library: { file: 'x', size: 1, sha256: 'short' } } },
      }),
    );
    expect(() => readLock(file)).toThrow(/64-hex-digit sha256/);
    expect(readFileSync(file, 'utf8')).toContain('short');
  });
});
