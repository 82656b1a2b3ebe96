import { splitBatches } from './batches.js';
import { displayUrl, resolveEndpoint, type Endpoint } from './endpoint.js';
import { OllamaError } from './errors.js';
import { parseModels, type ModelInfo } from './models.js';
import { lines } from './ndjson.js';
import { Transport, type Response, type TransportStats } from './transport.js';

export interface OllamaClientOptions {
  /** The server: a URL or host:port; default OLLAMA_HOST, else http://127.0.0.1:11434. */
  url?: string | URL;
  /** Sent as `Authorization: Bearer KEY`; default OLLAMA_API_KEY. */
  apiKey?: string;
  /** Where OLLAMA_HOST and OLLAMA_API_KEY are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Longest silence from the server before a request fails, ms (default 60 s; an unstreamed completion is silent until done). */
  timeoutMs?: number;
  /** Reuse connections between requests (default true). */
  keepAlive?: boolean;
  /** Connections open at once (default 8). */
  maxSockets?: number;
}

export interface CallOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface GenerateRequest {
  model: string;
  prompt: string;
  system?: string;
  /** Ollama's model options: num_predict, temperature, seed, num_ctx, ... */
  options?: Record<string, unknown>;
  /** How long the server keeps the model loaded afterwards (Ollama's `keep_alive`: '5m', 0, -1). */
  keepModelLoaded?: string | number;
}

/** What the server reported about a completion, in ms and tokens (absent when it did not say). */
export interface ServerTimings {
  totalMs: number | undefined;
  /** Time spent loading the model: large on a cold start. */
  loadMs: number | undefined;
  promptTokens: number | undefined;
  promptMs: number | undefined;
  tokens: number | undefined;
  generateMs: number | undefined;
}

export interface Completion {
  model: string;
  text: string;
  doneReason: string | undefined;
  server: ServerTimings;
  /** From sending the request to the last byte of the answer, ms, measured here. */
  wallMs: number;
  /** Streamed only: from sending the request to the first piece of text, ms. */
  firstTokenMs: number | undefined;
}

export type StreamEvent = { type: 'token'; text: string } | { type: 'done'; completion: Completion };

export interface EmbedRequest {
  model: string;
  input: readonly string[];
  /** Let the server cut texts longer than the model's context (Ollama's default) instead of failing. */
  truncate?: boolean;
  keepModelLoaded?: string | number;
}

export interface Embeddings {
  model: string;
  embeddings: number[][];
  promptTokens: number | undefined;
  wallMs: number;
}

/** Turns texts into vectors, one request per call: what the embedding cache needs from a model. */
export interface Embedder {
  readonly model: string;
  embed(texts: readonly string[]): Promise<number[][]>;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/** A small client for the Ollama HTTP API: /api/version, /api/tags, /api/generate, /api/embed. */
export class OllamaClient {
  readonly endpoint: Endpoint;
  private readonly transport: Transport;
  private readonly timeoutMs: number;

  constructor(options: OllamaClientOptions = {}) {
    this.endpoint = resolveEndpoint(
      { ...(options.url === undefined ? {} : { url: options.url }), ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }) },
      options.env ?? process.env,
    );
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.transport = new Transport(this.endpoint.url, {
      apiKey: this.endpoint.apiKey,
      ...(options.keepAlive === undefined ? {} : { keepAlive: options.keepAlive }),
      ...(options.maxSockets === undefined ? {} : { maxSockets: options.maxSockets }),
    });
  }

  /** The server's base URL as people write it. */
  get url(): string {
    return displayUrl(this.endpoint.url);
  }

  /** Requests sent and how many went over a reused connection. */
  get stats(): TransportStats {
    return this.transport.stats;
  }

  /** The server's version (GET /api/version): the cheapest way to see it is up. */
  async version(options: CallOptions = {}): Promise<string> {
    const body = await this.json('GET', 'api/version', undefined, options);
    const version = (body as { version?: unknown } | null)?.version;
    if (typeof version !== 'string') throw this.protocolError('api/version', 'no version in the answer');
    return version;
  }

  /** The models on the server (GET /api/tags). */
  async models(options: CallOptions = {}): Promise<ModelInfo[]> {
    const models = parseModels(await this.json('GET', 'api/tags', undefined, options));
    if (!models) throw this.protocolError('api/tags', 'no model list in the answer');
    return models;
  }

  /** A completion in one answer (`stream: false`), or streamed piece by piece to `onToken`. */
  async generate(request: GenerateRequest, options: CallOptions & { onToken?: (text: string) => void } = {}): Promise<Completion> {
    if (options.onToken) {
      for await (const event of this.generateStream(request, options)) {
        if (event.type === 'token') options.onToken(event.text);
        else return event.completion;
      }
      throw this.protocolError('api/generate', 'the stream ended without its last message');
    }
    const started = performance.now();
    const body = await this.json('POST', 'api/generate', generateBody(request, false), options, request.model);
    const answer = body as Record<string, unknown> | null;
    if (typeof answer?.['response'] !== 'string') throw this.protocolError('api/generate', 'no response text in the answer');
    return completionFrom(request.model, answer['response'], answer, performance.now() - started, undefined);
  }

  /** A streamed completion: `token` events as the model writes, then one `done` event with the whole completion. */
  async *generateStream(request: GenerateRequest, options: CallOptions = {}): AsyncGenerator<StreamEvent, void, undefined> {
    const started = performance.now();
    const response = await this.send('POST', 'api/generate', generateBody(request, true), options);
    if (response.status >= 400) throw this.httpError(response.status, await response.text(), 'POST', 'api/generate', request.model);
    let text = '';
    let firstTokenMs: number | undefined;
    for await (const line of lines(response.body)) {
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw this.protocolError('api/generate', `a stream line is not JSON: ${abbreviate(line)}`);
      }
      if (typeof message['error'] === 'string') {
        throw new OllamaError('interrupted', `the server stopped the completion with an error: ${message['error']}`, {
          url: this.url,
          serverMessage: message['error'],
          hint: 'see the server log; a model that runs out of memory stops like this',
        });
      }
      const piece = typeof message['response'] === 'string' ? message['response'] : '';
      if (piece !== '') {
        firstTokenMs ??= performance.now() - started;
        text += piece;
        yield { type: 'token', text: piece };
      }
      if (message['done'] === true) {
        yield { type: 'done', completion: completionFrom(request.model, text, message, performance.now() - started, firstTokenMs) };
        return;
      }
    }
    throw new OllamaError('interrupted', `POST /api/generate at ${this.url}: the stream ended before its last message`, {
      url: this.url,
      hint: 'the server may have crashed or restarted mid-answer: check its log and try again',
    });
  }

  /** Embeddings for texts in one request (POST /api/embed), in input order. */
  async embed(request: EmbedRequest, options: CallOptions = {}): Promise<Embeddings> {
    const started = performance.now();
    const body: Record<string, unknown> = { model: request.model, input: request.input };
    if (request.truncate !== undefined) body['truncate'] = request.truncate;
    if (request.keepModelLoaded !== undefined) body['keep_alive'] = request.keepModelLoaded;
    const answer = (await this.json('POST', 'api/embed', body, options, request.model)) as Record<string, unknown> | null;
    const embeddings = answer?.['embeddings'];
    if (!Array.isArray(embeddings) || embeddings.length !== request.input.length) {
      throw this.protocolError('api/embed', `expected ${request.input.length} embedding(s), got ${Array.isArray(embeddings) ? embeddings.length : 'none'}`);
    }
    const dimensions = (embeddings[0] as unknown[] | undefined)?.length;
    for (const vector of embeddings) {
      if (!Array.isArray(vector) || vector.length === 0 || vector.length !== dimensions || !vector.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        throw this.protocolError('api/embed', 'an embedding is not a list of numbers of the same length as the others');
      }
    }
    return {
      model: request.model,
      embeddings: embeddings as number[][],
      promptTokens: typeof answer?.['prompt_eval_count'] === 'number' ? answer['prompt_eval_count'] : undefined,
      wallMs: performance.now() - started,
    };
  }

  /** Embeddings for any number of texts, `batchSize` texts per request, one request after another. */
  async embedMany(
    model: string,
    texts: readonly string[],
    options: CallOptions & { batchSize?: number } = {},
  ): Promise<{ embeddings: number[][]; requests: number }> {
    const batches = splitBatches(texts, options.batchSize ?? 32);
    const embeddings: number[][] = [];
    for (const batch of batches) embeddings.push(...(await this.embed({ model, input: batch }, options)).embeddings);
    return { embeddings, requests: batches.length };
  }

  /** This client as the embedding cache's model: one /api/embed request per call. */
  embedder(model: string, options: CallOptions = {}): Embedder {
    return { model, embed: async (texts) => (await this.embed({ model, input: texts }, options)).embeddings };
  }

  /** Closes pooled connections; the client can still be used (new connections are opened). */
  close(): void {
    this.transport.close();
  }

  private send(method: 'GET' | 'POST', path: string, body: unknown, options: CallOptions): Promise<Response> {
    return this.transport.send(method, path, body, { timeoutMs: options.timeoutMs ?? this.timeoutMs, signal: options.signal });
  }

  private async json(method: 'GET' | 'POST', path: string, body: unknown, options: CallOptions, model?: string): Promise<unknown> {
    const response = await this.send(method, path, body, options);
    const text = await response.text();
    if (response.status >= 400) throw this.httpError(response.status, text, method, path, model);
    try {
      return JSON.parse(text);
    } catch {
      throw this.protocolError(path, `the answer is not JSON: ${abbreviate(text)}`);
    }
  }

  private httpError(status: number, text: string, method: string, path: string, model: string | undefined): OllamaError {
    const serverMessage = serverError(text);
    const where = `${method} /${path} at ${this.url}`;
    if (status === 404 && model !== undefined && /model.*not found|not found.*model|pull/i.test(serverMessage)) {
      return new OllamaError('model-missing', `model ${model} is not on the server at ${this.url} (${serverMessage})`, {
        url: this.url,
        status,
        serverMessage,
        hint: `pull it where the server runs (\`ollama pull ${model}\`), or pick a model the server has (\`frozen-duckdb llm check\` lists them)`,
      });
    }
    if (status === 401 || status === 403) {
      return new OllamaError('unauthorized', `${where} refused the request (${status}: ${serverMessage})`, {
        url: this.url,
        status,
        serverMessage,
        hint: this.endpoint.apiKey ? 'the API key was refused: check OLLAMA_API_KEY' : 'the server wants an API key: set OLLAMA_API_KEY',
      });
    }
    if (status === 404) {
      return new OllamaError('http', `${where} answered 404 (${serverMessage}): is this an Ollama server?`, {
        url: this.url,
        status,
        serverMessage,
        hint: 'check the address: Ollama answers /api/version at its base URL',
      });
    }
    return new OllamaError('http', `${where} answered ${status}: ${serverMessage}`, {
      url: this.url,
      status,
      serverMessage,
      hint: status >= 500 ? 'the server failed: see its log' : 'the server refused the request as sent: see its message',
    });
  }

  private protocolError(path: string, detail: string): OllamaError {
    return new OllamaError('protocol', `/${path} at ${this.url}: ${detail}`, {
      url: this.url,
      hint: 'is this an Ollama server (or a proxy changing the answers)?',
    });
  }
}

function generateBody(request: GenerateRequest, stream: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = { model: request.model, prompt: request.prompt, stream };
  if (request.system !== undefined) body['system'] = request.system;
  if (request.options !== undefined) body['options'] = request.options;
  if (request.keepModelLoaded !== undefined) body['keep_alive'] = request.keepModelLoaded;
  return body;
}

const nsToMs = (value: unknown) => (typeof value === 'number' ? value / 1e6 : undefined);
const count = (value: unknown) => (typeof value === 'number' ? value : undefined);

function completionFrom(model: string, text: string, final: Record<string, unknown>, wallMs: number, firstTokenMs: number | undefined): Completion {
  return {
    model: typeof final['model'] === 'string' ? final['model'] : model,
    text,
    doneReason: typeof final['done_reason'] === 'string' ? final['done_reason'] : undefined,
    server: {
      totalMs: nsToMs(final['total_duration']),
      loadMs: nsToMs(final['load_duration']),
      promptTokens: count(final['prompt_eval_count']),
      promptMs: nsToMs(final['prompt_eval_duration']),
      tokens: count(final['eval_count']),
      generateMs: nsToMs(final['eval_duration']),
    },
    wallMs,
    firstTokenMs,
  };
}

/** Ollama's `{ "error": "..." }` text, else the body itself (shortened). */
function serverError(text: string): string {
  try {
    const error = (JSON.parse(text) as { error?: unknown } | null)?.error;
    if (typeof error === 'string') return error;
  } catch {
    // not JSON: a proxy's HTML page, plain text
  }
  return abbreviate(text) || 'no message';
}

function abbreviate(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}...` : flat;
}
