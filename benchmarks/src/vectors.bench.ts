/**
 * Claim: vector similarity search can stay in DuckDB: top-10 nearest of 100k FLOAT[384]
 * vectors with array_cosine_similarity against the same search as a plain JS loop over a
 * Float32Array. And the embedding-cache pattern: look embeddings up by a hash of their text
 * (in DuckDB, or a JS Map) instead of recomputing them. The "recompute" here is a stand-in
 * (hashed character trigrams into 384 dimensions): a real embedding model costs far more.
 */
import { defineSuite } from '@frozen-duckdb/bench';
import { rowsFor } from './data.js';

const DIM = 384;
const BATCH = 100;

// The same deterministic value in SQL and in JS: ((i*384 + j) * 2654435761) mod 1000003, scaled to [-0.5, 0.5).
// JS reduces both factors mod p first: their product stays below 2^53, exact without BigInt (which made setup slow).
const P = 1000003;
const MULTIPLIER = 2654435761 % P;
const value = (i: number, j: number) => ((((i * DIM + j) % P) * MULTIPLIER) % P) / P - 0.5;
const VALUE_SQL = `(((i * ${DIM} + j) * 2654435761) % 1000003)::DOUBLE / 1000003 - 0.5`;

function embed(text: string): Float32Array {
  const v = new Float32Array(DIM);
  for (let k = 0; k + 3 <= text.length; k++) {
    let h = 2166136261;
    for (let c = k; c < k + 3; c++) h = Math.imul(h ^ text.charCodeAt(c), 16777619);
    const d = (h >>> 0) % DIM;
    v[d] = (v[d] as number) + ((h & 1) === 0 ? 1 : -1);
  }
  let norm = 0;
  for (let d = 0; d < DIM; d++) norm += (v[d] as number) ** 2;
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < DIM; d++) v[d] = (v[d] as number) / norm;
  return v;
}

function topTenJs(vectors: Float32Array, count: number, query: Float32Array): number[] {
  let qNorm = 0;
  for (let d = 0; d < DIM; d++) qNorm += (query[d] as number) ** 2;
  qNorm = Math.sqrt(qNorm);
  const best: { id: number; score: number }[] = [];
  for (let i = 0; i < count; i++) {
    let dot = 0,
      norm = 0;
    const base = i * DIM;
    for (let d = 0; d < DIM; d++) {
      const x = vectors[base + d] as number;
      dot += x * (query[d] as number);
      norm += x * x;
    }
    const score = dot / (Math.sqrt(norm) * qNorm);
    if (best.length < 10 || score > (best[9] as { score: number }).score) {
      best.push({ id: i, score });
      best.sort((a, b) => b.score - a.score);
      if (best.length > 10) best.pop();
    }
  }
  return best.map((b) => b.id);
}

export default defineSuite({
  name: 'vectors',
  async setup(ctx) {
    const count = rowsFor(ctx.profile, 100_000, 300_000);
    const c = ctx.connection;
    // One table holds the vectors and their texts' hashes (the embedding cache's key): copying
    // 100k FLOAT[384] into a second table made setup far longer than the benchmarks it serves.
    await c.run(`CREATE TABLE vecs AS SELECT i::INTEGER AS id,
      hash('document ' || i || ': notes about DuckDB tuning, part ' || (i % 97)) AS h,
      list_transform(range(${DIM}), j -> ${VALUE_SQL})::FLOAT[${DIM}] AS v FROM range(${count}) t(i)`);
    await c.run('CREATE INDEX vecs_h ON vecs (h)');
    const vectors = new Float32Array(count * DIM);
    for (let i = 0; i < count; i++) for (let j = 0; j < DIM; j++) vectors[i * DIM + j] = value(i, j);
    const query = embed('what does the appender cost per row?');
    const queryLiteral = `[${Array.from(query).join(',')}]::FLOAT[${DIM}]`;
    const sql = `SELECT id FROM vecs ORDER BY array_cosine_similarity(v, ${queryLiteral}) DESC LIMIT 10`;
    // The two searches must agree, or the comparison means nothing.
    const inDuckDB = (await c.query<{ id: number }>(sql)).map((r) => r.id);
    const inJs = topTenJs(vectors, count, query);
    ctx.note('top-10 ids in common', inDuckDB.filter((id) => inJs.includes(id)).length, 'of 10');

    // The embedding cache: text -> vector, for every text ever embedded. The JS Map keeps each
    // text's row number (a view of it is made per lookup), so what setup returns stays one copy
    // of the vectors when it is shared between processes.
    const texts = Array.from({ length: count }, (_, i) => `document ${i}: notes about DuckDB tuning, part ${i % 97}`);
    const map = new Map<string, number>(texts.map((t, i) => [t, i]));
    const batch = Array.from({ length: BATCH }, (_, i) => texts[(i * 7919) % count] as string);
    // The application hashes its texts (here DuckDB's hash(), once) and looks the hashes up.
    const hashes = await c.query<{ h: bigint }>(`SELECT hash(unnest([${batch.map((t) => `'${t}'`).join(',')}])) AS h`);
    const lookupSql = `SELECT h, v FROM vecs WHERE h IN (${hashes.map((r) => `${r.h}::UBIGINT`).join(',')})`;
    ctx.note('vectors', count, 'rows');
    return { vectors, count, query, sql, map, batch, lookupSql };
  },
  benchmarks: {
    'top-10 by cosine, DuckDB array_cosine_similarity': { group: 'top-10', run: (ctx) => ctx.connection.query(ctx.data.sql) },
    'top-10 by cosine, JS loop over Float32Array': { group: 'top-10', run: (ctx) => topTenJs(ctx.data.vectors, ctx.data.count, ctx.data.query) },
    'embeddings of 100 texts: cache lookup by hash in DuckDB': {
      group: 'embeddings',
      run: async (ctx) => {
        const rows = await ctx.connection.query(ctx.data.lookupSql);
        if (rows.length !== BATCH) throw new Error(`cache returned ${rows.length} of ${BATCH}`);
      },
    },
    'embeddings of 100 texts: JS Map lookup': {
      group: 'embeddings',
      run: (ctx) =>
        ctx.data.batch.map((t) => {
          const row = ctx.data.map.get(t) as number;
          return ctx.data.vectors.subarray(row * DIM, (row + 1) * DIM);
        }),
    },
    'embeddings of 100 texts: recompute (stand-in model)': { group: 'embeddings', run: (ctx) => ctx.data.batch.map(embed) },
  },
});
