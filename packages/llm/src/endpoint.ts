import { FrozenDuckDBError } from '@frozen-duckdb/core';

/** Where Ollama listens when nothing says otherwise (Ollama's own default). */
export const DEFAULT_OLLAMA_URL = 'http://127.0.0.1:11434';
/** Ollama's variable for its address: `host:port`, a bare host, or a full URL. */
export const OLLAMA_HOST_ENV = 'OLLAMA_HOST';
/** A bearer token for a server behind authentication (Ollama's hosted API, a proxy). */
export const OLLAMA_API_KEY_ENV = 'OLLAMA_API_KEY';

/** Where to talk to Ollama, and where that came from (so messages can say which setting to change). */
export interface Endpoint {
  url: URL;
  apiKey: string | undefined;
  source: 'option' | 'OLLAMA_HOST' | 'default';
}

/** An address that cannot be a server URL; `detail` says why without naming where it came from. */
export class EndpointSyntaxError extends FrozenDuckDBError {
  readonly detail: string;

  constructor(detail: string, from = 'the Ollama address') {
    super(`${from}: ${detail}`, { category: 'usage', hint: 'write it as host:port (127.0.0.1:11434) or a URL (http://gpu-box:11434)' });
    this.detail = detail;
  }
}

/** The API key holds what an HTTP header cannot carry (a line break, another control character, non-ASCII). */
export class ApiKeyError extends FrozenDuckDBError {
  constructor(from: string) {
    super(`${from} holds a character that an HTTP header cannot carry (a line break, another control character or non-ASCII)`, {
      category: 'usage',
      hint: `set ${from} to the key alone, e.g. export ${from}="$(tr -d '\\r\\n' < keyfile)"`,
    });
  }
}

/** The key as sent: surrounding whitespace (a trailing \r from a file edited on Windows) dropped; refused when a header cannot carry it. */
export function checkApiKey(key: string | undefined, from: string): string | undefined {
  const trimmed = key?.trim();
  if (!trimmed) return undefined;
  if (!/^[\x21-\x7e]+$/.test(trimmed)) throw new ApiKeyError(from);
  return trimmed;
}

/**
 * Parses an Ollama address the way the Ollama CLI reads OLLAMA_HOST: a missing scheme means
 * http, a missing port 11434 (80/443 when the scheme was written), and the bind-all address
 * 0.0.0.0 means this machine. A path prefix (a proxy's /ollama) is kept.
 */
export function parseOllamaUrl(text: string): URL {
  let value = text.trim();
  if (value === '') throw new EndpointSyntaxError('the address is empty');
  const explicitScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
  if (value.startsWith(':')) value = `127.0.0.1${value}`;
  let url: URL;
  try {
    url = new URL(explicitScheme ? value : `http://${value}`);
  } catch {
    throw new EndpointSyntaxError(`${JSON.stringify(text)} is not a URL or host:port`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EndpointSyntaxError(`${JSON.stringify(text)} uses ${url.protocol.slice(0, -1)}; Ollama speaks http or https`);
  }
  if (url.search || url.hash) throw new EndpointSyntaxError(`${JSON.stringify(text)} has a query or fragment; give the server's base URL`);
  if (!explicitScheme && url.port === '') url.port = '11434';
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
  if (url.hostname === '[::]') url.hostname = '[::1]';
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  return url;
}

/** The endpoint from an explicit URL, else OLLAMA_HOST, else the default; the API key from the option, else OLLAMA_API_KEY. */
export function resolveEndpoint(options: { url?: string | URL; apiKey?: string } = {}, env: NodeJS.ProcessEnv = process.env): Endpoint {
  const apiKey = options.apiKey !== undefined ? checkApiKey(options.apiKey, 'the API key') : checkApiKey(env[OLLAMA_API_KEY_ENV], OLLAMA_API_KEY_ENV);
  if (options.url !== undefined) {
    return { url: parseOllamaUrl(options.url instanceof URL ? options.url.href : options.url), apiKey, source: 'option' };
  }
  const host = env[OLLAMA_HOST_ENV];
  if (host !== undefined && host.trim() !== '') {
    try {
      return { url: parseOllamaUrl(host), apiKey, source: 'OLLAMA_HOST' };
    } catch (error) {
      throw error instanceof EndpointSyntaxError ? new EndpointSyntaxError(error.detail, OLLAMA_HOST_ENV) : error;
    }
  }
  return { url: parseOllamaUrl(DEFAULT_OLLAMA_URL), apiKey, source: 'default' };
}

/** The URL as people write it: no trailing slash for a bare host. */
export function displayUrl(url: URL): string {
  return url.pathname === '/' ? `${url.protocol}//${url.host}` : url.href.replace(/\/$/, '');
}
