/** Completion model the CLI and the suite use unless told otherwise: small enough for a laptop CPU. */
export const DEFAULT_COMPLETION_MODEL = 'llama3.2:1b';
/** Embedding model used unless told otherwise (768 dimensions). */
export const DEFAULT_EMBEDDING_MODEL = 'nomic-embed-text';
/** The latency the original guide asks completions to stay under. */
export const COMPLETION_TARGET_MS = 5000;

/** A model the server has, from /api/tags. */
export interface ModelInfo {
  name: string;
  sizeBytes: number;
  digest: string;
  modifiedAt: string;
  family: string | undefined;
  parameterSize: string | undefined;
  quantization: string | undefined;
}

/** A model name with its tag: Ollama reads `llama3.2` as `llama3.2:latest` (a registry's host:port is not a tag). */
export function fullModelName(name: string): string {
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  return lastSegment.includes(':') ? name : `${name}:latest`;
}

/** The server's model of that name, with or without its `:latest` tag. */
export function findModel(models: readonly ModelInfo[], name: string): ModelInfo | undefined {
  const wanted = fullModelName(name);
  return models.find((m) => fullModelName(m.name) === wanted);
}

/** Reads /api/tags' `models` entries; unknown fields are ignored, missing ones left undefined. */
export function parseModels(value: unknown): ModelInfo[] | undefined {
  const list = (value as { models?: unknown } | null)?.models;
  if (!Array.isArray(list)) return undefined;
  const out: ModelInfo[] = [];
  for (const entry of list) {
    const m = entry as Record<string, unknown>;
    const name = typeof m['name'] === 'string' ? m['name'] : typeof m['model'] === 'string' ? m['model'] : undefined;
    if (name === undefined) return undefined;
    const details = (typeof m['details'] === 'object' && m['details'] !== null ? m['details'] : {}) as Record<string, unknown>;
    out.push({
      name,
      sizeBytes: typeof m['size'] === 'number' ? m['size'] : 0,
      digest: typeof m['digest'] === 'string' ? m['digest'] : '',
      modifiedAt: typeof m['modified_at'] === 'string' ? m['modified_at'] : '',
      family: typeof details['family'] === 'string' ? details['family'] : undefined,
      parameterSize: typeof details['parameter_size'] === 'string' ? details['parameter_size'] : undefined,
      quantization: typeof details['quantization_level'] === 'string' ? details['quantization_level'] : undefined,
    });
  }
  return out;
}
