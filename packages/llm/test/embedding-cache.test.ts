import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database, type Connection } from '@frozen-duckdb/core';
import { contentHash, EmbeddingCache, EmbeddingCacheError, OllamaClient, type Embedder } from '../src/index.js';
import { doubleEmbedding, startOllamaDouble, DOUBLE_EMBED_MODEL, type OllamaDouble } from './ollama-double.js';

let double: OllamaDouble;
let client: OllamaClient;
let db: Database;
let connection: Connection;
let dir: string;

beforeEach(async () => {
  double = await startOllamaDouble();
  client = new OllamaClient({ url: double.url, env: {} });
  dir = mkdtempSync(join(tmpdir(), 'llm-cache-'));
  db = await Database.open(':memory:');
  connection = await db.connect();
});
afterEach(async () => {
  db.close();
  client.close();
  await double.close();
  rmSync(dir, { recursive: true, force: true });
});

const texts = (n: number, prefix = 'doc') => Array.from({ length: n }, (_, i) => `${prefix} ${i}`);

describe('the embedding cache in DuckDB', () => {
  it('embeds what is missing in batches, and nothing on the second run', async () => {
    const cache = await EmbeddingCache.open(connection, client.embedder(DOUBLE_EMBED_MODEL), { batchSize: 4 });
    const input = texts(10);
    const first = await cache.embed(input);
    expect(first).toMatchObject({ hits: 0, misses: 10, requests: 3 });
    expect(double.embedCalls().map((c) => c.length)).toEqual([4, 4, 2]);
    expect(first.embeddings).toEqual(input.map((t) => doubleEmbedding(t, 8)));

    const second = await cache.embed(input);
    expect(second).toMatchObject({ hits: 10, misses: 0, requests: 0 });
    expect(double.embedCalls()).toHaveLength(3);
    expect(second.embeddings).toEqual(first.embeddings);
    expect(await cache.count()).toBe(10);
  });

  it('stores the schema the guide describes: content hash key, text, FLOAT[N], created_at', async () => {
    const cache = await EmbeddingCache.open(connection, client.embedder(DOUBLE_EMBED_MODEL));
    await cache.embed(['hello']);
    const columns = await connection.query<{ column_name: string; data_type: string }>(
      "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'embedding_cache' ORDER BY column_index",
    );
    expect(columns.map((c) => `${c.column_name} ${c.data_type}`)).toEqual([
      'content_hash VARCHAR',
      'model VARCHAR',
      'text VARCHAR',
      'embedding FLOAT[8]',
      'created_at TIMESTAMP',
    ]);
    const row = (await connection.query('SELECT content_hash, text FROM embedding_cache'))[0];
    expect(row).toEqual({ content_hash: contentHash(DOUBLE_EMBED_MODEL, 'hello'), text: 'hello' });
    await expect(
      connection.run(`INSERT INTO embedding_cache (content_hash, model, text, embedding) SELECT content_hash, model, text, embedding FROM embedding_cache`),
    ).rejects.toThrow(/[Dd]uplicate key|PRIMARY KEY|constraint/);
  });

  it('finds a long list of texts in several index lookups', async () => {
    const cache = await EmbeddingCache.open(connection, client.embedder(DOUBLE_EMBED_MODEL), { batchSize: 200 });
    const input = texts(600, 'long list');
    expect(await cache.embed(input)).toMatchObject({ misses: 600, requests: 3 });
    const again = await cache.embed(input);
    expect(again).toMatchObject({ hits: 600, misses: 0, requests: 0 });
    expect(again.embeddings[599]).toEqual(doubleEmbedding('long list 599', 8));
  });

  it('sends only new texts, once each, and answers in input order with duplicates', async () => {
    const cache = await EmbeddingCache.open(connection, client.embedder(DOUBLE_EMBED_MODEL));
    await cache.embed(['a', 'b']);
    const outcome = await cache.embed(['c', 'a', 'c', 'd', 'b']);
    expect(outcome).toMatchObject({ hits: 2, misses: 2, requests: 1 });
    expect(double.embedCalls().at(-1)).toEqual(['c', 'd']);
    expect(outcome.embeddings).toEqual(['c', 'a', 'c', 'd', 'b'].map((t) => doubleEmbedding(t, 8)));
  });

  it('keeps two models apart: one text, two keys', async () => {
    double.behaviour.models.push({ name: 'other-embed:latest' });
    const a = await EmbeddingCache.open(connection, client.embedder(DOUBLE_EMBED_MODEL));
    const b = await EmbeddingCache.open(connection, client.embedder('other-embed:latest'));
    await a.embed(['same text']);
    expect((await b.embed(['same text'])).misses).toBe(1);
    expect(await a.count()).toBe(1);
    expect(await b.count()).toBe(1);
  });

  it('survives closing the database file: a new process would embed nothing', async () => {
    const file = join(dir, 'cache.duckdb');
    const first = await Database.open(file);
    await (await EmbeddingCache.open(await first.connect(), client.embedder(DOUBLE_EMBED_MODEL))).embed(texts(5));
    first.close();
    const again = await Database.open(file);
    const cache = await EmbeddingCache.open(await again.connect(), client.embedder(DOUBLE_EMBED_MODEL));
    expect(cache.dimensions).toBe(8);
    expect(await cache.embed(texts(5))).toMatchObject({ hits: 5, misses: 0, requests: 0 });
    again.close();
  });

  it('keeps the batches that arrived when a later one fails', async () => {
    const inner = client.embedder(DOUBLE_EMBED_MODEL);
    let calls = 0;
    // The second request meets a failing server: the real double, told to answer 500.
    const embedder: Embedder = {
      model: inner.model,
      embed: (batch) => {
        calls += 1;
        double.behaviour.failWith = calls === 2 ? { status: 500, body: 'out of memory' } : undefined;
        return inner.embed(batch);
      },
    };
    const cache = await EmbeddingCache.open(connection, embedder, { batchSize: 3 });
    await expect(cache.embed(texts(9))).rejects.toMatchObject({ kind: 'http', status: 500 });
    expect(await cache.count()).toBe(3);
    expect(await cache.embed(texts(9))).toMatchObject({ hits: 3, misses: 6, requests: 2 });
  });

  it('refuses a model whose vectors do not fit the table, and a table that is no cache', async () => {
    const cache = await EmbeddingCache.open(connection, client.embedder(DOUBLE_EMBED_MODEL));
    await cache.embed(['x']);
    double.behaviour.dimensions = 16;
    await expect(cache.embed(['y'])).rejects.toThrow(EmbeddingCacheError);
    await expect(cache.embed(['y'])).rejects.toThrow(/16 dimensions; table embedding_cache holds FLOAT\[8\]/);
    await connection.run('CREATE TABLE notes (id INTEGER, body VARCHAR)');
    await expect(EmbeddingCache.open(connection, client.embedder(DOUBLE_EMBED_MODEL), { table: 'notes' })).rejects.toThrow(/not an embedding cache/);
  });

  it('ranks neighbours by cosine similarity (not Euclidean distance) on known vectors', async () => {
    const known: Record<string, number[]> = {
      north: [1, 0, 0, 0, 0, 0, 0, 0],
      'far, a little east': [10, 3, 0, 0, 0, 0, 0, 0],
      'north-east': [1, 1, 0, 0, 0, 0, 0, 0],
      east: [0, 1, 0, 0, 0, 0, 0, 0],
      south: [-1, 0, 0, 0, 0, 0, 0, 0],
    };
    for (const [text, vector] of Object.entries(known)) double.behaviour.vectors.set(text, vector);
    const cache = await EmbeddingCache.open(connection, client.embedder(DOUBLE_EMBED_MODEL));
    await cache.embed(Object.keys(known));
    const ranked = await cache.nearest([2, 0.5, 0, 0, 0, 0, 0, 0], 5);
    // 'far, a little east' is the farthest by Euclidean distance, yet points nearly the query's way: cosine ranks it first.
    expect(ranked.map((n) => n.text)).toEqual(['far, a little east', 'north', 'north-east', 'east', 'south']);
    const euclidean = await connection.query<{ text: string }>(
      'SELECT text FROM embedding_cache ORDER BY array_distance(embedding, [2, 0.5, 0, 0, 0, 0, 0, 0]::FLOAT[8])',
    );
    expect(euclidean.at(-1)?.text).toBe('far, a little east');
    const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0) / (Math.hypot(...a) * Math.hypot(...b));
    for (const n of ranked) expect(n.similarity).toBeCloseTo(cos([2, 0.5, 0, 0, 0, 0, 0, 0], known[n.text] as number[]), 5);
    expect((await cache.nearest([2, 0.5, 0, 0, 0, 0, 0, 0], 2)).length).toBe(2);
  });

  it('searches by text through the cache: a cached query text costs no request', async () => {
    double.behaviour.vectors.set('north', [1, 0, 0, 0, 0, 0, 0, 0]);
    double.behaviour.vectors.set('east', [0, 1, 0, 0, 0, 0, 0, 0]);
    const cache = await EmbeddingCache.open(connection, client.embedder(DOUBLE_EMBED_MODEL));
    await cache.embed(['north', 'east']);
    const calls = double.embedCalls().length;
    const nearest = await cache.nearest('north', 1);
    expect(nearest[0]).toMatchObject({ text: 'north' });
    expect(nearest[0]?.similarity).toBeCloseTo(1, 6);
    expect(double.embedCalls()).toHaveLength(calls);
    await expect(cache.nearest([1, 0], 1)).rejects.toThrow(/2 dimensions/);
  });
});
