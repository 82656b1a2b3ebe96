import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { formatLimit } from '@frozen-duckdb/core';
import { displayUrl } from './endpoint.js';
import { OllamaError } from './errors.js';

export interface TransportOptions {
  /** Keep connections open between requests (default true): saves a TCP (and TLS) handshake per request. */
  keepAlive?: boolean;
  /** Connections open at once to the server (default 8); more requests wait for a free one. */
  maxSockets?: number;
  apiKey?: string | undefined;
}

export interface RequestOptions {
  /** Longest silence from the server, ms: no byte for this long fails the request (for an unstreamed answer, the whole wait). */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/** An answer whose body is still to be read; the silence timeout keeps watching until it ends. */
export interface Response {
  status: number;
  /** Whether the request went over a connection that an earlier request opened. */
  reusedConnection: boolean;
  body: AsyncIterable<Buffer>;
  text(): Promise<string>;
}

/** Counts of what the connection pool did, to show that keep-alive works. */
export interface TransportStats {
  requests: number;
  reusedConnections: number;
}

// A pooled connection the server closed while idle fails on first use: safe to try once more.
const STALE_SOCKET = new Set(['ECONNRESET', 'EPIPE']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'EADDRNOTAVAIL']);

/** HTTP/1.1 to one server through a node:http(s) Agent: pooled connections, a silence timeout, abort. */
export class Transport {
  readonly base: URL;
  private readonly agent: http.Agent;
  private readonly apiKey: string | undefined;
  private readonly module: typeof http | typeof https;
  private counts: TransportStats = { requests: 0, reusedConnections: 0 };

  constructor(base: URL, options: TransportOptions = {}) {
    this.base = base;
    this.apiKey = options.apiKey;
    this.module = base.protocol === 'https:' ? https : http;
    const agentOptions = { keepAlive: options.keepAlive ?? true, maxSockets: options.maxSockets ?? 8 };
    this.agent = base.protocol === 'https:' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  }

  get stats(): TransportStats {
    return { ...this.counts };
  }

  /** Sends one request; resolves when the status line and headers arrived. */
  async send(method: 'GET' | 'POST', path: string, body: unknown, options: RequestOptions): Promise<Response> {
    try {
      return await this.attempt(method, path, body, options);
    } catch (error) {
      if (error instanceof StaleSocketError) return this.attempt(method, path, body, options);
      throw error;
    }
  }

  /** Closes the pooled connections. */
  close(): void {
    this.agent.destroy();
  }

  private attempt(method: 'GET' | 'POST', path: string, body: unknown, options: RequestOptions): Promise<Response> {
    const url = new URL(path.replace(/^\//, ''), this.base);
    const where = displayUrl(this.base);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { accept: 'application/json, application/x-ndjson' };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    if (this.apiKey) headers['authorization'] = `Bearer ${this.apiKey}`;

    return new Promise<Response>((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(abortedError(where, method, url));
        return;
      }
      let response: IncomingMessage | undefined;
      let failure: OllamaError | undefined;
      const req = this.module.request(url, { method, agent: this.agent, headers });
      this.counts.requests += 1;

      let timer: NodeJS.Timeout | undefined;
      const stop = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      const fail = (error: OllamaError) => {
        failure ??= error;
        stop();
        if (response) response.destroy(failure);
        else req.destroy(failure);
      };
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(
          () =>
            fail(
              new OllamaError('timeout', `${method} ${url.pathname} at ${where}: no answer for ${formatLimit(options.timeoutMs)}`, {
                url: where,
                hint: 'the server may be loading a model or overloaded: raise the timeout, use a smaller model, or check the server',
              }),
            ),
          options.timeoutMs,
        );
      };
      const onAbort = () => fail(abortedError(where, method, url));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      arm();

      req.on('error', (error: NodeJS.ErrnoException) => {
        stop();
        if (failure) return reject(failure);
        if (req.reusedSocket && STALE_SOCKET.has(error.code ?? '')) return reject(new StaleSocketError());
        if (UNREACHABLE.has(error.code ?? '')) {
          return reject(
            new OllamaError('unreachable', `no Ollama server at ${where} (${error.code})`, {
              url: where,
              hint: 'start it (`ollama serve`), or point OLLAMA_HOST (or --url) at the machine where it runs',
              cause: error,
            }),
          );
        }
        reject(
          new OllamaError('unreachable', `cannot reach ${where}: ${error.message}`, { url: where, hint: 'check the address and the network', cause: error }),
        );
      });
      req.on('response', (res) => {
        response = res;
        this.counts.reusedConnections += req.reusedSocket ? 1 : 0;
        arm();
        res.on('close', stop);
        const body = guarded(res, { failure: () => failure, arm, pause: () => clearTimeout(timer) }, where, method, url);
        resolve({
          status: res.statusCode ?? 0,
          reusedConnection: req.reusedSocket,
          body,
          async text() {
            const parts: Buffer[] = [];
            for await (const chunk of body) parts.push(chunk);
            return Buffer.concat(parts).toString('utf8');
          },
        });
      });
      req.end(payload);
    });
  }
}

interface Watch {
  failure: () => OllamaError | undefined;
  /** Starts (or restarts) the silence timer. */
  arm: () => void;
  /** Stops it while the reader holds a chunk: a slow reader is not a silent server. */
  pause: () => void;
}

/** The body, with a broken-off transfer turned into an OllamaError (or the timeout/abort that caused it). */
async function* guarded(res: IncomingMessage, watch: Watch, where: string, method: string, url: URL): AsyncGenerator<Buffer> {
  const failure = watch.failure;
  try {
    for await (const chunk of res) {
      watch.pause();
      yield chunk as Buffer;
      watch.arm();
    }
    watch.pause();
  } catch (error) {
    throw failure() ?? interrupted(where, method, url, error);
  }
  // A response cut off mid-body can end without an error event: Node marks it incomplete.
  if (!res.complete) throw failure() ?? interrupted(where, method, url, undefined);
}

function interrupted(where: string, method: string, url: URL, cause: unknown): OllamaError {
  return new OllamaError('interrupted', `${method} ${url.pathname} at ${where}: the server closed the connection before the answer was complete`, {
    url: where,
    hint: 'the server may have crashed or restarted (out of memory loading the model?): check its log and try again',
    ...(cause === undefined ? {} : { cause }),
  });
}

function abortedError(where: string, method: string, url: URL): OllamaError {
  return new OllamaError('aborted', `${method} ${url.pathname} at ${where} was aborted`, { url: where });
}

class StaleSocketError extends Error {}
