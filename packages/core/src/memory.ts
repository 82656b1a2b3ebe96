import type { Connection } from './connection.js';

export interface MemoryReport {
  /** duckdb_memory(): bytes per component (BASE_TABLE, HASH_TABLE, ...), only non-zero ones. */
  components: { tag: string; memoryBytes: number; temporaryStorageBytes: number }[];
  /** Sum of the components. */
  duckdbBytes: number;
  /** pragma_database_size() for each attached database. */
  databases: { name: string; blockSize: number; usedBlocks: number; usedBytes: number; walSize: string; memoryLimit: string }[];
  /** The process as the OS sees it. */
  process: { rssBytes: number; heapUsedBytes: number; externalBytes: number };
}

/** Collects DuckDB's memory by component, database sizes and the process's memory. */
export async function memoryReport(connection: Connection): Promise<MemoryReport> {
  const components = (
    await connection.query<{ tag: string; memory_usage_bytes: bigint; temporary_storage_bytes: bigint }>(
      'SELECT tag, memory_usage_bytes, temporary_storage_bytes FROM duckdb_memory()',
    )
  )
    .map((r) => ({
      tag: r.tag,
      memoryBytes: Number(r.memory_usage_bytes),
      temporaryStorageBytes: Number(r.temporary_storage_bytes),
    }))
    .filter((c) => c.memoryBytes > 0 || c.temporaryStorageBytes > 0);
  const databases = (
    await connection.query<{
      database_name: string;
      block_size: bigint;
      used_blocks: bigint;
      wal_size: string;
      memory_limit: string;
    }>('SELECT database_name, block_size, used_blocks, wal_size, memory_limit FROM pragma_database_size()')
  ).map((r) => ({
    name: r.database_name,
    blockSize: Number(r.block_size),
    usedBlocks: Number(r.used_blocks),
    usedBytes: Number(r.block_size) * Number(r.used_blocks),
    walSize: r.wal_size,
    memoryLimit: r.memory_limit,
  }));
  const usage = process.memoryUsage();
  return {
    components,
    duckdbBytes: components.reduce((sum, c) => sum + c.memoryBytes, 0),
    databases,
    process: { rssBytes: usage.rss, heapUsedBytes: usage.heapUsed, externalBytes: usage.external },
  };
}
