export {
  OllamaClient,
  type OllamaClientOptions,
  type CallOptions,
  type GenerateRequest,
  type Completion,
  type ServerTimings,
  type StreamEvent,
  type EmbedRequest,
  type Embeddings,
  type Embedder,
} from './client.js';
export {
  resolveEndpoint,
  parseOllamaUrl,
  displayUrl,
  EndpointSyntaxError,
  ApiKeyError,
  checkApiKey,
  DEFAULT_OLLAMA_URL,
  OLLAMA_HOST_ENV,
  OLLAMA_API_KEY_ENV,
  type Endpoint,
} from './endpoint.js';
export { EmbeddingCache, contentHash, DEFAULT_CACHE_TABLE, type EmbeddingCacheOptions, type EmbedOutcome, type Neighbour } from './embedding-cache.js';
export { findModel, fullModelName, DEFAULT_COMPLETION_MODEL, DEFAULT_EMBEDDING_MODEL, COMPLETION_TARGET_MS, type ModelInfo } from './models.js';
export { checkServer, missingModelError, type ServerCheck, type CheckStep } from './check.js';
export { splitBatches } from './batches.js';
export { OllamaError, EmbeddingCacheError, type OllamaErrorKind } from './errors.js';
export type { TransportStats } from './transport.js';
