import { FrozenDuckDBError, type ErrorCategory } from '@frozen-duckdb/core';

/**
 * What went wrong talking to Ollama: nobody listens, it went silent, the model is not there,
 * the key was refused, another HTTP error, the answer broke off or made no sense, or the caller aborted.
 */
export type OllamaErrorKind = 'unreachable' | 'timeout' | 'model-missing' | 'unauthorized' | 'http' | 'interrupted' | 'protocol' | 'aborted';

const CATEGORY: Record<OllamaErrorKind, ErrorCategory> = {
  unreachable: 'environment',
  timeout: 'environment',
  'model-missing': 'environment',
  unauthorized: 'environment',
  http: 'failure',
  interrupted: 'failure',
  protocol: 'failure',
  aborted: 'failure',
};

/** A request to Ollama failed; `kind` says how, `hint` what to do about it. */
export class OllamaError extends FrozenDuckDBError {
  readonly kind: OllamaErrorKind;
  /** The server's base URL. */
  readonly url: string;
  /** The HTTP status, when the server answered with one. */
  readonly status: number | undefined;
  /** The server's own error text (Ollama answers `{ "error": "..." }`). */
  readonly serverMessage: string | undefined;

  constructor(kind: OllamaErrorKind, message: string, details: { url: string; hint?: string; status?: number; serverMessage?: string; cause?: unknown }) {
    super(message, {
      category: CATEGORY[kind],
      ...(details.hint ? { hint: details.hint } : {}),
      ...(details.cause === undefined ? {} : { cause: details.cause }),
    });
    this.kind = kind;
    this.url = details.url;
    this.status = details.status;
    this.serverMessage = details.serverMessage;
  }
}

/** The embedding cache was given something it cannot store (a dimension that does not fit its table). */
export class EmbeddingCacheError extends FrozenDuckDBError {
  constructor(message: string, hint: string) {
    super(message, { category: 'usage', hint });
  }
}
