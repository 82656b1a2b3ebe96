import { bindingInfo, platformPackageName, type BindingInfo, type PlatformInfo } from '@frozen-duckdb/core';
import { pinFile, type EngineSnapshot } from './manifest.js';

/** The manifest's key for a platform: the platform package's suffix (linux-x64, linux-x64-musl, ...). */
export function platformKey(p: Pick<PlatformInfo, 'platform' | 'arch' | 'libc'>): string {
  return platformPackageName(p).replace('@duckdb/node-bindings-', '');
}

/** Hashes the installed engine's files and records the versions the loaded library reports. */
export async function snapshotEngine(info?: BindingInfo): Promise<EngineSnapshot> {
  const binding = info ?? (await bindingInfo());
  const [library, bindingFile] = await Promise.all([pinFile(binding.libraryPath), pinFile(binding.bindingPath)]);
  return {
    duckdbVersion: binding.duckdbVersion,
    nodeApiVersion: binding.nodeApi.version,
    bindingsVersion: binding.bindings.version,
    platformKey: platformKey(binding.platform),
    pin: { package: binding.platformPackage.name, version: binding.platformPackage.version, library, binding: bindingFile },
  };
}
