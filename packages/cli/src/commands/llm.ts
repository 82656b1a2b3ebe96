import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { textTable } from '@frozen-duckdb/bench';
import { Database, formatBytes, formatLimit, formatTime } from '@frozen-duckdb/core';
import { checkOutputs, linkTarget, pathKind } from '@frozen-duckdb/files';
import {
  checkServer,
  COMPLETION_TARGET_MS,
  DEFAULT_COMPLETION_MODEL,
  DEFAULT_EMBEDDING_MODEL,
  EmbeddingCache,
  EmbeddingCacheError,
  EndpointSyntaxError,
  OllamaClient,
  type Completion,
} from '@frozen-duckdb/llm';
import { positiveInteger, positiveNumber, requiredString, UsageError, type Command, type CommandContext, type OptionSpec } from '../command.js';
import { EXIT } from '../exit-codes.js';

const SERVER_OPTIONS: Record<string, OptionSpec> = {
  url: {
    type: 'string',
    value: 'URL',
    description: 'The Ollama server, e.g. http://gpu-box:11434 or 127.0.0.1:11434 (default $OLLAMA_HOST, else 127.0.0.1:11434)',
  },
  timeout: { type: 'string', value: 'SECONDS', description: 'Longest silence from the server before giving up (default 60)' },
};

const SERVER_DETAILS =
  'The API key, when the server wants one, is read from $OLLAMA_API_KEY (sent as a bearer token), never from a flag:\n' +
  'command lines end up in shell history and process lists.\n' +
  'Exit codes: 0 done, 2 no server at the address, the model missing, a refused key, a timeout or bad usage, 1 another server failure.';

function client(ctx: CommandContext): OllamaClient {
  const url = ctx.values['url'];
  const timeoutMs = positiveNumber('timeout', ctx.values['timeout'], 60) * 1000;
  try {
    return new OllamaClient({ ...(url === undefined ? {} : { url: requiredString('url', url) }), env: ctx.env, timeoutMs });
  } catch (error) {
    if (error instanceof EndpointSyntaxError && url !== undefined) throw new UsageError(`--url: ${error.detail}`, error.hint);
    throw error;
  }
}

function model(ctx: CommandContext, fallback: string): string {
  return ctx.values['model'] === undefined ? fallback : requiredString('model', ctx.values['model']);
}

function where(c: OllamaClient): string {
  return `${c.url}${c.endpoint.source === 'option' ? '' : ` (${c.endpoint.source === 'default' ? 'default' : 'from OLLAMA_HOST'})`}`;
}

/** One line about a completion: our wall time, first token, tokens and the server's own numbers. */
function completionLine(c: Completion): string {
  const s = c.server;
  const parts = [`${formatTime(c.wallMs)}`];
  if (c.firstTokenMs !== undefined) parts.push(`first token ${formatTime(c.firstTokenMs)}`);
  if (s.tokens !== undefined) parts.push(`${s.tokens} tokens`);
  if (s.tokens !== undefined && s.generateMs) parts.push(`${(s.tokens / (s.generateMs / 1000)).toFixed(1)} tokens/s`);
  if (s.loadMs !== undefined) parts.push(`model load ${formatTime(s.loadMs)}`);
  return parts.join(', ');
}

const check: Command = {
  name: 'check',
  summary: 'Is the Ollama server up, which models does it have, and how long does one completion take',
  options: {
    ...SERVER_OPTIONS,
    model: { type: 'string', value: 'M', description: `The model to time one completion with (default ${DEFAULT_COMPLETION_MODEL})` },
  },
  details: `The completion is measured against the ${formatLimit(COMPLETION_TARGET_MS)} target; missing it is reported, not an error.\n${SERVER_DETAILS}`,
  async run(ctx) {
    const c = client(ctx);
    const name = model(ctx, DEFAULT_COMPLETION_MODEL);
    try {
      const result = await checkServer(c, {
        model: name,
        onStep: (step) => {
          if (step.step === 'version') ctx.stdout.write(`server   ${where(c)}\nversion  ${step.version}\n`);
          else if (step.step === 'models') {
            ctx.stdout.write(`models   ${step.models.length}\n`);
            if (step.models.length) {
              const rows = step.models.map((m) => [`  ${m.name}`, formatBytes(m.sizeBytes), m.family ?? '', m.parameterSize ?? '', m.quantization ?? '']);
              ctx.stdout.write(`${textTable(rows, { header: ['  name', 'size', 'family', 'parameters', 'quantization'], rule: true }).join('\n')}\n`);
            }
          } else ctx.stderr.write(`timing one completion with ${step.model}...\n`);
        },
      });
      const c1 = result.completion;
      const verdict =
        c1.wallMs <= COMPLETION_TARGET_MS ? `within the ${formatLimit(COMPLETION_TARGET_MS)} target` : `misses the ${formatLimit(COMPLETION_TARGET_MS)} target`;
      ctx.stdout.write(`completion with ${result.model}: ${completionLine(c1)}; ${verdict}\n`);
      if (c1.wallMs > COMPLETION_TARGET_MS) {
        const cold = (c1.server.loadMs ?? 0) > c1.wallMs / 2;
        ctx.stdout.write(
          cold ? 'most of it was loading the model: run the check again now that it is loaded\n' : 'try a smaller model or a quantized variant\n',
        );
      }
      return EXIT.ok;
    } finally {
      c.close();
    }
  },
};

const complete: Command = {
  name: 'complete',
  summary: 'Complete a prompt with an Ollama model, streamed to stdout, timings to stderr',
  options: {
    prompt: { type: 'string', value: 'TEXT', required: true, description: 'The prompt' },
    model: { type: 'string', value: 'M', description: `The model (default ${DEFAULT_COMPLETION_MODEL})` },
    'max-tokens': { type: 'string', value: 'N', description: "Stop after N tokens (Ollama's num_predict)" },
    'no-stream': { type: 'boolean', description: 'Ask for the whole answer at once instead of streaming it' },
    json: { type: 'boolean', description: 'Print the completion with its timings as JSON instead of the text' },
    ...SERVER_OPTIONS,
  },
  details: SERVER_DETAILS,
  async run(ctx) {
    const prompt = requiredString('prompt', ctx.values['prompt']);
    const name = model(ctx, DEFAULT_COMPLETION_MODEL);
    const maxTokens = ctx.values['max-tokens'] === undefined ? undefined : positiveInteger('max-tokens', ctx.values['max-tokens']);
    const json = ctx.values['json'] === true;
    const stream = ctx.values['no-stream'] !== true;
    const c = client(ctx);
    try {
      const request = { model: name, prompt, ...(maxTokens === undefined ? {} : { options: { num_predict: maxTokens } }) };
      const printTokens = stream && !json;
      const completion = await c.generate(request, stream ? { onToken: (text) => printTokens && ctx.stdout.write(text) } : {});
      if (json) ctx.stdout.write(`${JSON.stringify(completion, null, 2)}\n`);
      else ctx.stdout.write(`${stream ? '' : completion.text}\n`);
      ctx.stderr.write(`${completion.model}: ${completionLine(completion)}${completion.doneReason ? ` (${completion.doneReason})` : ''}\n`);
      return EXIT.ok;
    } finally {
      c.close();
    }
  },
};

const embed: Command = {
  name: 'embed',
  summary: 'Embed texts with an Ollama model, optionally through an embedding cache in a DuckDB file',
  options: {
    text: { type: 'string', multiple: true, value: 'TEXT', required: true, description: 'A text to embed; repeat for several (sent in batches)' },
    model: { type: 'string', value: 'M', description: `The embedding model (default ${DEFAULT_EMBEDDING_MODEL})` },
    cache: {
      type: 'string',
      value: 'FILE',
      description: 'A DuckDB file holding the embedding cache (created when missing): only texts not in it are embedded',
    },
    'batch-size': { type: 'string', value: 'N', description: 'Texts per embedding request (default 32)' },
    json: { type: 'boolean', description: 'Print every vector as JSON' },
    ...SERVER_OPTIONS,
  },
  details:
    'The cache is the table embedding_cache (content_hash PRIMARY KEY, model, text, embedding FLOAT[N], created_at);\n' +
    `search it with array_cosine_similarity(embedding, ?::FLOAT[N]).\n${SERVER_DETAILS}`,
  async run(ctx) {
    const texts = (ctx.values['text'] as string[] | undefined) ?? [];
    if (texts.length === 0) throw new UsageError('--text is required', 'e.g. --text "first text" --text "second text"');
    const name = model(ctx, DEFAULT_EMBEDDING_MODEL);
    const batchSize = positiveInteger('batch-size', ctx.values['batch-size'], 32);
    const cacheFile = ctx.values['cache'] === undefined ? undefined : resolve(ctx.cwd, requiredString('cache', ctx.values['cache']));
    if (cacheFile !== undefined) {
      const kind = pathKind(cacheFile);
      if (kind !== 'missing' && kind !== 'file') throw new UsageError(`--cache ${cacheFile} is a ${kind}, not a DuckDB file`, CACHE_HINT);
      // A new cache file needs a folder that exists and can be written.
      if (kind === 'missing') checkOutputs({ outputs: [{ name: '--cache', path: cacheFile }] });
    }
    const c = client(ctx);
    const started = performance.now();
    try {
      let embeddings: number[][];
      let summary: string;
      let cacheReport: { file: string; hits: number; embedded: number; requests: number } | undefined;
      if (cacheFile === undefined) {
        const result = await c.embedMany(name, texts, { batchSize });
        embeddings = result.embeddings;
        summary = `${result.requests} request${result.requests === 1 ? '' : 's'}`;
      } else {
        const created = !existsSync(cacheFile);
        const db = await Database.open(cacheFile).catch((error: unknown) => {
          throw new UsageError(
            `--cache ${cacheFile} is not a DuckDB database: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`,
            CACHE_HINT,
          );
        });
        try {
          const cache = await EmbeddingCache.open(await db.connect(), c.embedder(name), { batchSize }).catch(cliHint);
          const outcome = await cache.embed(texts).catch(cliHint);
          embeddings = outcome.embeddings;
          cacheReport = { file: cacheFile, hits: outcome.hits, embedded: outcome.misses, requests: outcome.requests };
          summary = `cache ${cacheFile}: ${outcome.hits} found, ${outcome.misses} embedded in ${outcome.requests} request${outcome.requests === 1 ? '' : 's'}`;
        } catch (error) {
          // A failed run (no server, a missing model) leaves no empty cache file it made itself.
          if (created) {
            db.close();
            // Through a link whose target did not exist, the file made is the target; the link stays.
            for (const made of new Set([linkTarget(cacheFile), `${linkTarget(cacheFile)}.wal`, `${cacheFile}.wal`])) rmSync(made, { force: true });
          }
          throw error;
        } finally {
          db.close();
        }
      }
      const ms = performance.now() - started;
      const dimensions = embeddings[0]?.length ?? 0;
      if (ctx.values['json'] === true) {
        const doc = {
          model: name,
          dimensions,
          embeddings: texts.map((text, i) => ({ text, embedding: embeddings[i] })),
          ...(cacheReport ? { cache: cacheReport } : {}),
        };
        ctx.stdout.write(`${JSON.stringify(doc)}\n`);
      } else {
        const rows = texts.map((text, i) => [text.length > 40 ? `${text.slice(0, 39)}…` : text, preview(embeddings[i] ?? [])]);
        ctx.stdout.write(`${textTable(rows, { header: ['text', `embedding (${dimensions} dimensions)`], rule: true }).join('\n')}\n`);
      }
      ctx.stderr.write(`${name}: ${texts.length} text${texts.length === 1 ? '' : 's'} in ${formatTime(ms)}; ${summary}\n`);
      return EXIT.ok;
    } finally {
      c.close();
    }
  },
};

const CACHE_HINT = 'pass a new file name (it is created), or a DuckDB file that an earlier `llm embed --cache` made';

/** The cache's own advice names library options (a table name); on the command line the cache is a file. */
function cliHint(error: unknown): never {
  if (error instanceof EmbeddingCacheError) throw new UsageError(error.message, "pass another --cache file: one cache file holds one model's vector length");
  throw error;
}

function preview(vector: readonly number[]): string {
  const head = vector.slice(0, 4).map((x) => x.toFixed(4));
  return `[${head.join(', ')}${vector.length > 4 ? ', …' : ''}]`;
}

export const llm: Command = {
  name: 'llm',
  summary: 'LLM workloads against Ollama: check the server, complete a prompt, embed texts (with a DuckDB cache)',
  subcommands: [check, complete, embed],
};
