import { detectPlatform, platformPackageName, type PlatformInfo } from '@frozen-duckdb/core';
import { EnvSetupError } from './errors.js';

/** The platform to act for, and whether FROZEN_DUCKDB_PLATFORM replaced the detected one. */
export interface ResolvedPlatform extends PlatformInfo {
  /** The platform package's suffix: linux-x64, linux-arm64-musl, darwin-arm64, win32-x64, ... */
  key: string;
  overridden: boolean;
}

/** The environment variable that pretends another platform (for tests and for asking "what if"). */
export const PLATFORM_OVERRIDE = 'FROZEN_DUCKDB_PLATFORM';

/** Parses a platform key such as 'linux-x64', 'linux-arm64-musl' or 'sunos-sparc'. */
export function parsePlatformKey(key: string): Pick<PlatformInfo, 'platform' | 'arch' | 'libc'> {
  const m = /^([a-z0-9]+)-([a-z0-9_]+)(-musl)?$/.exec(key.trim());
  if (!m) {
    throw new EnvSetupError(
      `${PLATFORM_OVERRIDE}=${JSON.stringify(key)} is not a platform`,
      `use the form <os>-<arch>[-musl], for example linux-x64, linux-arm64-musl, darwin-arm64 or sunos-sparc`,
      'usage',
    );
  }
  const platform = m[1] as NodeJS.Platform;
  return { platform, arch: m[2]!, libc: platform === 'linux' ? (m[3] ? 'musl' : 'glibc') : null };
}

/** The running platform, or the one FROZEN_DUCKDB_PLATFORM names. */
export function resolvePlatform(env: NodeJS.ProcessEnv = process.env): ResolvedPlatform {
  const override = env[PLATFORM_OVERRIDE];
  if (override) {
    const p = parsePlatformKey(override);
    const detected = detectPlatform();
    // The glibc version is only known for the real system.
    const glibcVersion = p.libc === 'glibc' && detected.libc === 'glibc' ? detected.glibcVersion : null;
    return { ...p, glibcVersion, key: keyOf(p), overridden: true };
  }
  const p = detectPlatform();
  return { ...p, key: keyOf(p), overridden: false };
}

function keyOf(p: Pick<PlatformInfo, 'platform' | 'arch' | 'libc'>): string {
  return platformPackageName(p).replace('@duckdb/node-bindings-', '');
}
