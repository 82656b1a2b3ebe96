export { Database, type OpenOptions, type SettingValue } from './database.js';
export { libraryVersion } from './library-version.js';
export { Connection, type ColumnarResult } from './connection.js';
export { PreparedStatement } from './prepared-statement.js';
export { Appender } from './appender.js';
export { copyToSql, copyFromSql, formatFromPath, type CopySource, type CopyToOptions, type CopyFromOptions, type FileFormat } from './copy.js';
export { parsePlan, parseAnalyzedPlan, flattenProfile, type PlanNode, type ProfileNode, type QueryProfile } from './profile.js';
export { MAX_CAPTURED, type ProfileCapture } from './profile-capture.js';
export { groupByQuery, type QueryRuns } from './profile-groups.js';
export { operatorLabel, treeLines, profileTreeLines, planTreeLines } from './profile-text.js';
export type { MemoryReport } from './memory.js';
export type { ExtensionInfo, LoadOutcome, LoadOptions, LoadStatus } from './extensions.js';
export { bindingInfo, locateEnginePackages, type BindingInfo, type EnginePackages, type NodeApiLocation } from './binding-info.js';
export { findNodeApiPackage, isSupportedNodeApi, recommendedNodeApiVersion, supportedNodeApiRange, type NodeApiPackage } from './node-api-package.js';
export { detectPlatform, platformPackageName, libraryFileName, type PlatformInfo } from './platform.js';
export { quoteIdentifier, quoteLiteral, quoteTableName } from './sql.js';
export { seededRandom } from './random.js';
export { findWorkspaceRoot, isWorkspaceRoot } from './workspace-root.js';
export {
  formatTime,
  formatLimit,
  formatBytes,
  formatCount,
  formatRatio,
  formatChange,
  formatPercent,
  timeUnitFor,
  significant,
  type TimeUnit,
} from './units.js';
export type { JSValue, Row, JsonRow, Params } from './values.js';
export {
  FrozenDuckDBError,
  QueryError,
  BindingLoadError,
  UnsupportedEngineError,
  SettingError,
  ClosedError,
  DatabaseInUseError,
  shellArgument,
  type ErrorCategory,
} from './errors.js';
