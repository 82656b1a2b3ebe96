/**
 * Claims from the original guide's LLM section, measured against a real Ollama server:
 * completions within 5 s, batched embedding requests beat one text per request, and an
 * embedding cache in DuckDB (keyed by content hash) answers far faster than the model.
 *
 * Needs a server: OLLAMA_HOST (default 127.0.0.1:11434), OLLAMA_API_KEY when it wants a key,
 * FROZEN_DUCKDB_LLM_MODELS (comma-separated completion models) and FROZEN_DUCKDB_EMBED_MODEL.
 * Without a reachable server or the models the suite skips itself, saying why: no failure.
 */
import { defineSuite } from '@frozen-duckdb/bench';
import {
  COMPLETION_TARGET_MS,
  DEFAULT_COMPLETION_MODEL,
  DEFAULT_EMBEDDING_MODEL,
  EmbeddingCache,
  findModel,
  OllamaClient,
  OllamaError,
  type ModelInfo,
} from '@frozen-duckdb/llm';

const MODELS_ENV = 'FROZEN_DUCKDB_LLM_MODELS';
const EMBED_ENV = 'FROZEN_DUCKDB_EMBED_MODEL';
// Read when the file loads: benchmark names (one per model) must be known before any setup runs.
const completionModels = (process.env[MODELS_ENV] || DEFAULT_COMPLETION_MODEL)
  .split(',')
  .map((m) => m.trim())
  .filter(Boolean);
const embeddingModel = process.env[EMBED_ENV]?.trim() || DEFAULT_EMBEDDING_MODEL;

const PROMPT = 'In one sentence: why keep embeddings in a database?';
// Deterministic and short: the benchmark times the round trip, not the model's eloquence.
const OPTIONS = { num_predict: 32, temperature: 0, seed: 42 };
// Keeps the models loaded for the whole run, so only setup pays for loading them.
const KEEP_LOADED = '30m';
const TEXTS = Array.from({ length: 100 }, (_, i) => `note ${i}: DuckDB keeps embeddings in FLOAT[N] columns and ranks them by cosine similarity (${i % 7})`);
const PROBE_TIMEOUT_MS = 3000;

interface Data {
  client: OllamaClient;
  hits: EmbeddingCache;
  misses: EmbeddingCache;
}

export default defineSuite<Data>({
  name: 'llm',
  async setup(ctx) {
    const client = new OllamaClient({ timeoutMs: 120_000 });
    const howToRun = `set OLLAMA_HOST (and ${MODELS_ENV}, ${EMBED_ENV}) to run it`;
    let present: ModelInfo[];
    try {
      await client.version({ timeoutMs: PROBE_TIMEOUT_MS });
      present = await client.models({ timeoutMs: PROBE_TIMEOUT_MS });
    } catch (error) {
      client.close();
      if (error instanceof OllamaError) ctx.skip(`${error.message}; ${howToRun}`);
      throw error;
    }
    const missing = [...completionModels, embeddingModel].filter((m) => !findModel(present, m));
    if (missing.length) {
      client.close();
      ctx.skip(`${client.url} lacks ${missing.join(', ')} (\`ollama pull NAME\` there, or ${howToRun})`);
    }

    // Load every model once, outside the measurements; the load time and speed are worth a note.
    for (const model of completionModels) {
      const warm = await client.generate({ model, prompt: PROMPT, options: OPTIONS, keepModelLoaded: KEEP_LOADED });
      ctx.note(`${model} first call`, warm.wallMs, 'ms');
      if (warm.server.tokens && warm.server.generateMs)
        ctx.note(`${model} tokens/s`, Math.round(warm.server.tokens / (warm.server.generateMs / 1000)), 'tokens/s');
    }
    const sample = await client.embed({ model: embeddingModel, input: [TEXTS[0] as string], keepModelLoaded: KEEP_LOADED });
    ctx.note(`${embeddingModel} dimensions`, sample.embeddings[0]?.length ?? 0, 'floats');

    const hits = await EmbeddingCache.open(ctx.connection, client.embedder(embeddingModel), { table: 'embedding_cache', batchSize: 100 });
    await hits.embed(TEXTS);
    const misses = await EmbeddingCache.open(ctx.connection, client.embedder(embeddingModel), { table: 'embedding_cache_cold', batchSize: 100 });
    await misses.embed(TEXTS.slice(0, 1)); // creates its table, which every 'none' iteration empties first
    return { client, hits, misses };
  },
  teardown(ctx) {
    ctx.data.client.close();
  },
  benchmarks: {
    completion: {
      params: { model: completionModels },
      target: COMPLETION_TARGET_MS,
      timeout: 300_000,
      run: (ctx, { model }) => ctx.data.client.generate({ model, prompt: PROMPT, options: OPTIONS, keepModelLoaded: KEEP_LOADED }),
    },
    'first token, streamed': {
      params: { model: completionModels },
      timeout: 300_000,
      run: async (ctx, { model }) => {
        // Leaving the stream after the first token closes the connection: the server stops generating.
        for await (const event of ctx.data.client.generateStream({ model, prompt: PROMPT, options: OPTIONS, keepModelLoaded: KEEP_LOADED })) {
          if (event.type === 'token') return;
        }
      },
    },
    'embed 100 texts': {
      params: { batch: [1, 10, 50, 100] },
      timeout: 300_000,
      run: (ctx, { batch }) => ctx.data.client.embedMany(embeddingModel, TEXTS, { batchSize: batch }),
    },
    'embed 100 texts through the DuckDB cache': {
      params: { cached: ['all', 'none'] },
      timeout: 300_000,
      // 'none' starts every iteration with an empty table: one request of 100 texts, then the insert.
      beforeEach: (ctx, { cached }) => (cached === 'none' ? ctx.connection.run('DELETE FROM embedding_cache_cold') : undefined),
      run: async (ctx, { cached }) => {
        const outcome = await (cached === 'all' ? ctx.data.hits : ctx.data.misses).embed(TEXTS);
        if (outcome.hits !== (cached === 'all' ? TEXTS.length : 0)) throw new Error(`expected ${cached} cached, got ${outcome.hits} hits`);
      },
    },
  },
  // A model's latency moves more than DuckDB's from run to run, even on the same server.
  thresholds: { default: 0.25 },
});
