/**
 * TEST DOUBLE of an Ollama server: no Ollama can run on this machine, so the tests talk to this
 * small HTTP server on 127.0.0.1 instead. It speaks the subset the client uses (/api/version,
 * /api/tags, /api/generate streamed and not, /api/embed) with deterministic answers, and can be
 * told to misbehave: answer late, go silent or hang up mid-stream, fail with a status, want a key.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface DoubleModel {
  name: string;
  family?: string;
}

export interface DoubleBehaviour {
  models: DoubleModel[];
  version: string;
  /** Length of every embedding. */
  dimensions: number;
  /** Vectors for given texts (similarity tests); other texts get `doubleEmbedding`. */
  vectors: Map<string, number[]>;
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey: string | undefined;
  /** Wait this long before answering anything, ms. */
  delayMs: number;
  /** Streamed completions: after this many lines, go silent (and never finish). */
  stallAfterLines: number | undefined;
  /** Streamed completions: after this many lines, hang up. */
  closeAfterLines: number | undefined;
  /** Streamed completions: after this many lines, send Ollama's `{ "error": ... }` line. */
  errorAfterLines: number | undefined;
  /** Answer every request with this status and body instead. */
  failWith: { status: number; body: string } | undefined;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
}

export interface OllamaDouble {
  url: string;
  port: number;
  behaviour: DoubleBehaviour;
  requests: RecordedRequest[];
  /** TCP connections accepted so far. */
  readonly connections: number;
  /** The `input` arrays of /api/embed calls, in order. */
  embedCalls(): string[][];
  close(): Promise<void>;
}

export const DOUBLE_CHAT_MODEL = 'double-chat:latest';
export const DOUBLE_EMBED_MODEL = 'double-embed:latest';

/** The double's embedding of a text: a deterministic vector of FNV-1a-derived values. */
export function doubleEmbedding(text: string, dimensions: number): number[] {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return Array.from({ length: dimensions }, (_, d) => {
    h = Math.imul(h ^ (d + 1), 16777619) >>> 0;
    // Multiples of 1/1024 are exact in FLOAT: what DuckDB stores comes back equal.
    return ((h % 2048) - 1024) / 1024;
  });
}

/** The double's completion of a prompt, word by word. */
export function doubleAnswer(prompt: string): string[] {
  return `echo: ${prompt}`
    .split(/\s+/)
    .filter(Boolean)
    .map((word, i, all) => (i < all.length - 1 ? `${word} ` : word));
}

const NS = 1_000_000;

/** Starts the double on an ephemeral port of 127.0.0.1. */
export async function startOllamaDouble(overrides: Partial<DoubleBehaviour> = {}): Promise<OllamaDouble> {
  const behaviour: DoubleBehaviour = {
    models: [
      { name: DOUBLE_CHAT_MODEL, family: 'llama' },
      { name: DOUBLE_EMBED_MODEL, family: 'bert' },
    ],
    version: '0.0.0-double',
    dimensions: 8,
    vectors: new Map(),
    apiKey: undefined,
    delayMs: 0,
    stallAfterLines: undefined,
    closeAfterLines: undefined,
    errorAfterLines: undefined,
    failWith: undefined,
    ...overrides,
  };
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  // Delayed answers still waiting: cancelled on close so that nothing outlives the double.
  const timers = new Set<NodeJS.Timeout>();
  let connections = 0;

  const server = http.createServer((req, res) => {
    void readBody(req).then(async (text) => {
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      requests.push({ method: req.method ?? '', path: req.url ?? '', body, authorization: req.headers.authorization });
      if (behaviour.delayMs > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, behaviour.delayMs);
          timers.add(timer);
        });
      }
      if (res.destroyed) return;
      answer(behaviour, req, res, body);
    });
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    behaviour,
    requests,
    get connections() {
      return connections;
    },
    embedCalls: () => requests.filter((r) => r.path === '/api/embed').map((r) => inputs((r.body as { input?: unknown }).input)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

function inputs(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  return Array.isArray(input) ? input.map(String) : [];
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function hasModel(behaviour: DoubleBehaviour, name: unknown): boolean {
  const full = (n: string) => (n.includes(':') ? n : `${n}:latest`);
  return typeof name === 'string' && behaviour.models.some((m) => full(m.name) === full(name));
}

function answer(behaviour: DoubleBehaviour, req: IncomingMessage, res: ServerResponse, body: unknown): void {
  if (behaviour.failWith) {
    res.writeHead(behaviour.failWith.status, { 'content-type': 'text/plain' });
    res.end(behaviour.failWith.body);
    return;
  }
  if (behaviour.apiKey !== undefined && req.headers.authorization !== `Bearer ${behaviour.apiKey}`) {
    json(res, 401, { error: 'unauthorized' });
    return;
  }
  const request = (body ?? {}) as Record<string, unknown>;
  const route = `${req.method} ${(req.url ?? '').split('?')[0]}`;
  switch (route) {
    case 'GET /api/version':
      return json(res, 200, { version: behaviour.version });
    case 'GET /api/tags':
      return json(res, 200, {
        models: behaviour.models.map((m) => ({
          name: m.name,
          model: m.name,
          modified_at: '2025-01-01T00:00:00Z',
          size: 1_000_000,
          digest: 'double',
          details: { format: 'gguf', family: m.family ?? 'llama', parameter_size: '1B', quantization_level: 'Q4_0' },
        })),
      });
    case 'POST /api/generate':
      if (!hasModel(behaviour, request['model'])) return json(res, 404, { error: `model "${String(request['model'])}" not found, try pulling it first` });
      return generate(behaviour, res, request);
    case 'POST /api/embed': {
      if (!hasModel(behaviour, request['model'])) return json(res, 404, { error: `model "${String(request['model'])}" not found, try pulling it first` });
      const texts = inputs(request['input']);
      return json(res, 200, {
        model: request['model'],
        embeddings: texts.map((t) => behaviour.vectors.get(t) ?? doubleEmbedding(t, behaviour.dimensions)),
        total_duration: 1 * NS,
        load_duration: 0,
        prompt_eval_count: texts.length,
      });
    }
    default:
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('404 page not found');
  }
}

function generate(behaviour: DoubleBehaviour, res: ServerResponse, request: Record<string, unknown>): void {
  const words = doubleAnswer(String(request['prompt'] ?? ''));
  const final = {
    model: request['model'],
    created_at: '2025-01-01T00:00:00Z',
    response: '',
    done: true,
    done_reason: 'stop',
    total_duration: 30 * NS,
    load_duration: 5 * NS,
    prompt_eval_count: 4,
    prompt_eval_duration: 5 * NS,
    eval_count: words.length,
    eval_duration: 20 * NS,
  };
  if (request['stream'] === false) return json(res, 200, { ...final, response: words.join('') });
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  const lines = [...words.map((w) => ({ model: request['model'], created_at: '2025-01-01T00:00:00Z', response: w, done: false })), final];
  lines.forEach((line, i) => {
    if (behaviour.stallAfterLines !== undefined && i >= behaviour.stallAfterLines) return;
    if (behaviour.closeAfterLines !== undefined && i === behaviour.closeAfterLines) {
      // Let the lines written so far reach the client, then hang up mid-answer.
      setTimeout(() => res.socket?.destroy(), 20);
    }
    if (behaviour.closeAfterLines !== undefined && i >= behaviour.closeAfterLines) return;
    if (behaviour.errorAfterLines !== undefined && i === behaviour.errorAfterLines)
      res.write(`${JSON.stringify({ error: 'model runner has unexpectedly stopped' })}\n`);
    if (behaviour.errorAfterLines !== undefined && i >= behaviour.errorAfterLines) return;
    res.write(`${JSON.stringify(line)}\n`);
  });
  if (behaviour.stallAfterLines === undefined && behaviour.closeAfterLines === undefined) res.end();
}
