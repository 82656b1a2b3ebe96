export { readElf, type ElfInfo, type ReadElfOptions } from './elf.js';
export { bufferSource, fileSource, type ByteSource } from './byte-source.js';
export { parseLdconfig, readLdCache, resolveNeeded, defaultLibraryDirs, type LdCacheEntry, type ResolvedLibrary } from './library-search.js';
export { linkCheck, inspectObject, type LinkReport, type ObjectReport, type NeededReport } from './link-check.js';
export { CORE_C_API, declaredFunctions, headerVersion } from './c-api.js';
export { compareVersions, highestVersion } from './versions.js';
export { check, allPassed, formatChecks, summarize, type Check, type CheckStatus } from './check.js';
export {
  LOCK_FILE,
  pinFile,
  compareWithLock,
  updateLock,
  readLock,
  writeLock,
  type DuckDBLock,
  type PlatformPin,
  type FilePin,
  type EngineSnapshot,
  type Drift,
} from './manifest.js';
export { snapshotEngine, platformKey } from './engine.js';
export { ccSmoke, SMOKE_PROGRAM, type CcSmokeOptions, type CcSmokeResult } from './cc-smoke.js';
export { runLinkCheck, type LinkCheckRunOptions, type LinkCheckRun } from './run-link-check.js';
export { ElfFormatError, ManifestError, CompilerMissingError } from './errors.js';
