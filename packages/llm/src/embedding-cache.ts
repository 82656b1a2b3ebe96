import { createHash } from 'node:crypto';
import { quoteIdentifier, quoteLiteral, type Connection } from '@frozen-duckdb/core';
import { splitBatches } from './batches.js';
import type { Embedder } from './client.js';
import { EmbeddingCacheError } from './errors.js';

export const DEFAULT_CACHE_TABLE = 'embedding_cache';
// Hashes per lookup query: a list this long still probes the index.
const LOOKUP_CHUNK = 256;

export interface EmbeddingCacheOptions {
  /** The table (created when missing); one table holds one vector length. Default `embedding_cache`. */
  table?: string;
  /** Texts per embedding request for what is not cached (default 32). */
  batchSize?: number;
}

export interface EmbedOutcome {
  /** One vector per input text, in input order (duplicates included). */
  embeddings: number[][];
  /** Distinct texts found in the table. */
  hits: number;
  /** Distinct texts that had to be embedded. */
  misses: number;
  /** Embedding requests made (misses split into batches). */
  requests: number;
}

export interface Neighbour {
  text: string;
  contentHash: string;
  /** Cosine similarity to the query, -1..1 (1: same direction). */
  similarity: number;
}

/** The cache key: a SHA-256 over the model and the text, since two models give one text different vectors. */
export function contentHash(model: string, text: string): string {
  return createHash('sha256').update(model).update('\u0000').update(text).digest('hex');
}

/**
 * Embeddings kept in a DuckDB table keyed by content hash: only texts not seen before are sent to
 * the model, in batches, and each batch is stored as soon as it arrives. Nearest neighbours come
 * from array_cosine_similarity (cosine, as embedding models intend; array_distance is Euclidean).
 */
export class EmbeddingCache {
  readonly table: string;
  readonly model: string;
  private readonly connection: Connection;
  private readonly embedder: Embedder;
  private readonly batchSize: number;
  private dims: number | undefined;
  private stagingReady = false;

  private constructor(connection: Connection, embedder: Embedder, table: string, batchSize: number, dims: number | undefined) {
    this.connection = connection;
    this.embedder = embedder;
    this.model = embedder.model;
    this.table = table;
    this.batchSize = batchSize;
    this.dims = dims;
  }

  /** Opens the cache on a connection; an existing table must have this cache's columns. */
  static async open(connection: Connection, embedder: Embedder, options: EmbeddingCacheOptions = {}): Promise<EmbeddingCache> {
    const table = options.table ?? DEFAULT_CACHE_TABLE;
    const batchSize = options.batchSize ?? 32;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new EmbeddingCacheError(`batch size must be a whole number of at least 1; got ${batchSize}`, 'pass e.g. batchSize: 32');
    }
    const dims = await existingDimensions(connection, table);
    return new EmbeddingCache(connection, embedder, table, batchSize, dims);
  }

  /** The vector length, once known (from the table, or the first embedding). */
  get dimensions(): number | undefined {
    return this.dims;
  }

  /** Embeddings for `texts`: from the table when cached, from the model (and then stored) when not. */
  async embed(texts: readonly string[]): Promise<EmbedOutcome> {
    const hashes = texts.map((text) => contentHash(this.model, text));
    const wanted = new Map<string, string>();
    hashes.forEach((hash, i) => wanted.set(hash, texts[i] as string));
    const found = await this.cached([...wanted.keys()]);
    const hits = found.size;
    const missing = [...wanted].filter(([hash]) => !found.has(hash));
    let requests = 0;
    for (const batch of splitBatches(missing, this.batchSize)) {
      const vectors = await this.embedder.embed(batch.map(([, text]) => text));
      requests += 1;
      this.check(vectors, batch.length);
      await this.store(batch, vectors);
      // Handed back as stored (FLOAT): a text gives the same numbers on its first call and every later one.
      batch.forEach(([hash], i) => found.set(hash, (vectors[i] as number[]).map(Math.fround)));
    }
    return { embeddings: hashes.map((hash) => found.get(hash) as number[]), hits, misses: missing.length, requests };
  }

  /**
   * The `k` cached texts (of this model) most similar to `query`: a vector, or a text that is
   * embedded through the cache's lookup (a query text not cached is embedded but not stored).
   */
  async nearest(query: string | readonly number[], k = 10): Promise<Neighbour[]> {
    if (!Number.isInteger(k) || k < 1) throw new EmbeddingCacheError(`k must be a whole number of at least 1; got ${k}`, 'ask for e.g. the 10 nearest');
    let vector: readonly number[];
    if (typeof query === 'string') {
      const hash = contentHash(this.model, query);
      const cached = (await this.cached([hash])).get(hash);
      vector = cached ?? (await this.embedder.embed([query]))[0] ?? [];
    } else {
      vector = query;
    }
    if (this.dims === undefined) return [];
    if (vector.length !== this.dims) {
      throw new EmbeddingCacheError(
        `the query has ${vector.length} dimensions; table ${this.table} holds ${this.dims}`,
        'search with a vector from the same model as the cached ones',
      );
    }
    const rows = await this.connection.query<{ text: string; content_hash: string; similarity: number }>(
      `SELECT text, content_hash, array_cosine_similarity(embedding, ?::FLOAT[${this.dims}]) AS similarity
       FROM ${quoteIdentifier(this.table)} WHERE model = ? ORDER BY similarity DESC, content_hash LIMIT ${k}`,
      [[...vector], this.model],
    );
    return rows.map((r) => ({ text: r.text, contentHash: r.content_hash, similarity: r.similarity }));
  }

  /** Rows cached for this model. */
  async count(): Promise<number> {
    if (this.dims === undefined) return 0;
    return Number(await this.connection.scalar(`SELECT count(*) FROM ${quoteIdentifier(this.table)} WHERE model = ?`, [this.model]));
  }

  private async cached(hashes: string[]): Promise<Map<string, number[]>> {
    const found = new Map<string, number[]>();
    if (this.dims === undefined) return found;
    // A literal IN list probes the primary-key index; IN (SELECT unnest(?)) scans every vector (5 ms vs 137 ms at 100k rows).
    for (const chunk of splitBatches(hashes, LOOKUP_CHUNK)) {
      const rows = await this.connection.query<{ content_hash: string; embedding: number[] }>(
        `SELECT content_hash, embedding FROM ${quoteIdentifier(this.table)} WHERE content_hash IN (${chunk.map(quoteLiteral).join(', ')})`,
      );
      for (const row of rows) found.set(row.content_hash, row.embedding);
    }
    return found;
  }

  private check(vectors: number[][], expected: number): void {
    if (vectors.length !== expected) {
      throw new EmbeddingCacheError(
        `model ${this.model} returned ${vectors.length} embeddings for ${expected} texts`,
        'check the embedding model: it must return one vector per text',
      );
    }
    const length = vectors[0]?.length ?? 0;
    const bad = vectors.find((v) => v.length !== length || !v.every(Number.isFinite));
    if (length === 0 || bad) {
      throw new EmbeddingCacheError(`model ${this.model} returned vectors of unequal length or with non-numbers`, 'check the embedding model');
    }
    if (this.dims !== undefined && length !== this.dims) {
      throw new EmbeddingCacheError(
        `model ${this.model} gives ${length} dimensions; table ${this.table} holds FLOAT[${this.dims}]`,
        'use another table for this model (one table holds one vector length)',
      );
    }
  }

  private async store(batch: [string, string][], vectors: number[][]): Promise<void> {
    const dims = (vectors[0] as number[]).length;
    if (this.dims === undefined) {
      await createTable(this.connection, this.table, dims);
      this.dims = dims;
    }
    // Rows go through a staging table so that INSERT OR IGNORE settles a race with another writer of the same text.
    const staging = stagingTable(this.table);
    if (!this.stagingReady) {
      await this.connection.run(
        `CREATE TABLE IF NOT EXISTS ${quoteIdentifier(staging)} (content_hash VARCHAR, model VARCHAR, text VARCHAR, embedding FLOAT[${dims}])`,
      );
      this.stagingReady = true;
    }
    const appender = await this.connection.appender(staging);
    appender.appendColumns([batch.map(([hash]) => hash), batch.map(() => this.model), batch.map(([, text]) => text), vectors]);
    appender.close();
    await this.connection.run(
      `INSERT OR IGNORE INTO ${quoteIdentifier(this.table)} (content_hash, model, text, embedding)
       SELECT content_hash, model, text, embedding FROM ${quoteIdentifier(staging)};
       DELETE FROM ${quoteIdentifier(staging)}`,
    );
  }
}

function stagingTable(table: string): string {
  return `${table}__incoming`;
}

async function createTable(connection: Connection, table: string, dims: number): Promise<void> {
  await connection.run(
    `CREATE TABLE IF NOT EXISTS ${quoteIdentifier(table)} (
       content_hash VARCHAR PRIMARY KEY,
       model VARCHAR NOT NULL,
       text VARCHAR NOT NULL,
       embedding FLOAT[${dims}] NOT NULL,
       created_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`,
  );
}

/** FLOAT[N]'s N for an existing cache table; undefined when there is no such table; an error for a table of another shape. */
async function existingDimensions(connection: Connection, table: string): Promise<number | undefined> {
  const columns = await connection.query<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ${quoteLiteral(table)} AND schema_name = current_schema() AND database_name = current_database()`,
  );
  if (columns.length === 0) return undefined;
  const types = new Map(columns.map((c) => [c.column_name, c.data_type]));
  const match = /^FLOAT\[(\d+)\]$/.exec(types.get('embedding') ?? '');
  const ok = match && types.get('content_hash') === 'VARCHAR' && types.get('model') === 'VARCHAR' && types.get('text') === 'VARCHAR' && types.has('created_at');
  if (!ok || !match) {
    throw new EmbeddingCacheError(
      `table ${table} exists but is not an embedding cache (it needs content_hash, model, text, embedding FLOAT[N], created_at)`,
      'pass another table name for the cache',
    );
  }
  return Number(match[1]);
}
