import type { Completion, OllamaClient } from './client.js';
import { OllamaError } from './errors.js';
import { findModel, type ModelInfo } from './models.js';

/** A short, deterministic completion: enough to time a round trip through the model. */
export const CHECK_PROMPT = 'Reply with one word: ready';
const CHECK_OPTIONS = { num_predict: 16, temperature: 0, seed: 1 };

export type CheckStep = { step: 'version'; version: string } | { step: 'models'; models: ModelInfo[] } | { step: 'completion'; model: string };

export interface ServerCheck {
  url: string;
  version: string;
  models: ModelInfo[];
  model: string;
  completion: Completion;
}

/** Is the server up, which models does it have, and how long does one streamed completion with `model` take. */
export async function checkServer(client: OllamaClient, options: { model: string; onStep?: (step: CheckStep) => void }): Promise<ServerCheck> {
  const version = await client.version();
  options.onStep?.({ step: 'version', version });
  const models = await client.models();
  options.onStep?.({ step: 'models', models });
  const present = findModel(models, options.model);
  if (!present) throw missingModelError(client.url, options.model, models);
  options.onStep?.({ step: 'completion', model: present.name });
  const completion = await client.generate({ model: present.name, prompt: CHECK_PROMPT, options: CHECK_OPTIONS }, { onToken: () => undefined });
  return { url: client.url, version, models, model: present.name, completion };
}

/** The model is not among the server's: say which are, and how to get it. */
export function missingModelError(url: string, model: string, models: readonly ModelInfo[]): OllamaError {
  const names = models.map((m) => m.name);
  const list = names.length === 0 ? 'it has no models yet' : `it has ${names.slice(0, 8).join(', ')}${names.length > 8 ? ` and ${names.length - 8} more` : ''}`;
  return new OllamaError('model-missing', `model ${model} is not on the server at ${url}: ${list}`, {
    url,
    hint: `pull it where the server runs (\`ollama pull ${model}\`), or pass --model with one of the models listed`,
  });
}
