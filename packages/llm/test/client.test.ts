import { createServer } from 'node:net';
import { OllamaClient, OllamaError, parseOllamaUrl, resolveEndpoint, EndpointSyntaxError, findModel, splitBatches, type ModelInfo } from '../src/index.js';
import { doubleAnswer, doubleEmbedding, startOllamaDouble, DOUBLE_CHAT_MODEL, DOUBLE_EMBED_MODEL, type OllamaDouble } from './ollama-double.js';

/** A port on 127.0.0.1 where nothing listens (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failure(promise: Promise<unknown>): Promise<OllamaError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OllamaError) return error;
    throw error;
  }
  throw new Error('expected an OllamaError, got success');
}

describe('the Ollama address', () => {
  it.each([
    ['127.0.0.1', 'http://127.0.0.1:11434/'],
    ['gpu-box:8080', 'http://gpu-box:8080/'],
    [':9999', 'http://127.0.0.1:9999/'],
    ['0.0.0.0', 'http://127.0.0.1:11434/'],
    ['http://gpu-box', 'http://gpu-box/'],
    ['https://ollama.example.com', 'https://ollama.example.com/'],
    ['https://proxy.example.com/ollama', 'https://proxy.example.com/ollama/'],
  ])('reads %s as %s, as the Ollama CLI reads OLLAMA_HOST', (input, expected) => {
    expect(parseOllamaUrl(input).href).toBe(expected);
  });

  it('refuses what is no server address, naming where it came from', () => {
    expect(() => parseOllamaUrl('ftp://x')).toThrow(/http or https/);
    expect(() => parseOllamaUrl('')).toThrow(EndpointSyntaxError);
    expect(() => resolveEndpoint({}, { OLLAMA_HOST: 'http://a b' })).toThrow(/^OLLAMA_HOST: /);
  });

  it('takes the option over OLLAMA_HOST over the default, and the key from OLLAMA_API_KEY', () => {
    const env = { OLLAMA_HOST: 'remote:1234', OLLAMA_API_KEY: 'k' };
    expect(resolveEndpoint({ url: 'local:1' }, env)).toMatchObject({ source: 'option', apiKey: 'k' });
    expect(resolveEndpoint({}, env).url.href).toBe('http://remote:1234/');
    expect(resolveEndpoint({}, {})).toMatchObject({ source: 'default', apiKey: undefined });
    expect(resolveEndpoint({ apiKey: 'mine' }, env).apiKey).toBe('mine');
  });

  it('matches model names with and without their :latest tag', () => {
    const models = [{ name: 'llama3.2:latest' }, { name: 'nomic-embed-text:v1.5' }, { name: 'localhost:5000/m' }] as ModelInfo[];
    expect(findModel(models, 'llama3.2')?.name).toBe('llama3.2:latest');
    expect(findModel(models, 'nomic-embed-text')).toBeUndefined();
    expect(findModel(models, 'localhost:5000/m:latest')?.name).toBe('localhost:5000/m');
  });

  it('splits batches in order, the last one shorter', () => {
    expect(splitBatches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(splitBatches([], 3)).toEqual([]);
    expect(() => splitBatches([1], 0)).toThrow(RangeError);
  });
});

describe('the client against the test double', () => {
  let double: OllamaDouble;
  let client: OllamaClient;
  beforeEach(async () => {
    double = await startOllamaDouble();
    client = new OllamaClient({ url: double.url, env: {}, timeoutMs: 5000 });
  });
  afterEach(async () => {
    client.close();
    await double.close();
  });

  it('reads the version and the models', async () => {
    expect(await client.version()).toBe('0.0.0-double');
    const models = await client.models();
    expect(models.map((m) => m.name)).toEqual([DOUBLE_CHAT_MODEL, DOUBLE_EMBED_MODEL]);
    expect(models[0]).toMatchObject({ sizeBytes: 1_000_000, family: 'llama', parameterSize: '1B', quantization: 'Q4_0' });
  });

  it('completes in one answer, with the server timings converted to ms', async () => {
    const completion = await client.generate({ model: 'double-chat', prompt: 'hello there world' });
    expect(completion.text).toBe('echo: hello there world');
    expect(completion.server).toMatchObject({ totalMs: 30, loadMs: 5, tokens: 4, generateMs: 20 });
    expect(completion.firstTokenMs).toBeUndefined();
    expect(double.requests.at(-1)?.body).toMatchObject({ model: 'double-chat', stream: false });
  });

  it('streams a completion token by token and ends with the whole text', async () => {
    const tokens: string[] = [];
    const completion = await client.generate(
      { model: 'double-chat', prompt: 'one two three', options: { num_predict: 8 } },
      { onToken: (t) => tokens.push(t) },
    );
    expect(tokens).toEqual(doubleAnswer('one two three'));
    expect(completion.text).toBe('echo: one two three');
    expect(completion.firstTokenMs).toBeGreaterThan(0);
    expect(completion.doneReason).toBe('stop');
    expect(double.requests.at(-1)?.body).toMatchObject({ stream: true, options: { num_predict: 8 } });
  });

  it('reuses one connection for sequential requests with keep-alive, and opens one per request without', async () => {
    for (let i = 0; i < 10; i++) await client.version();
    expect(double.connections).toBe(1);
    expect(client.stats).toEqual({ requests: 10, reusedConnections: 9 });

    const before = double.connections;
    const fresh = new OllamaClient({ url: double.url, env: {}, keepAlive: false });
    for (let i = 0; i < 10; i++) await fresh.version();
    fresh.close();
    expect(double.connections - before).toBe(10);
    expect(fresh.stats.reusedConnections).toBe(0);
  });

  it('sends the API key as a bearer token and explains a refusal', async () => {
    double.behaviour.apiKey = 'secret';
    const refused = await failure(client.version());
    expect(refused).toMatchObject({ kind: 'unauthorized', status: 401, category: 'environment' });
    expect(refused.hint).toMatch(/OLLAMA_API_KEY/);
    const keyed = new OllamaClient({ url: double.url, env: { OLLAMA_API_KEY: 'secret' } });
    expect(await keyed.version()).toBe('0.0.0-double');
    keyed.close();
    expect(double.requests.at(-1)?.authorization).toBe('Bearer secret');
  });

  it('times out when the server is silent too long', async () => {
    double.behaviour.delayMs = 2000;
    const error = await failure(client.version({ timeoutMs: 100 }));
    expect(error).toMatchObject({ kind: 'timeout', category: 'environment' });
    expect(error.message).toMatch(/no answer for 100 ms/);
  });

  it('times out when a stream goes silent, after the tokens that came', async () => {
    double.behaviour.stallAfterLines = 2;
    const tokens: string[] = [];
    const error = await failure(client.generate({ model: 'double-chat', prompt: 'a b c d' }, { onToken: (t) => tokens.push(t), timeoutMs: 150 }));
    expect(error.kind).toBe('timeout');
    expect(tokens).toEqual(doubleAnswer('a b c d').slice(0, 2));
  });

  it('reports a server that hangs up mid-stream as interrupted', async () => {
    double.behaviour.closeAfterLines = 2;
    const tokens: string[] = [];
    const error = await failure(client.generate({ model: 'double-chat', prompt: 'a b c d' }, { onToken: (t) => tokens.push(t) }));
    expect(error).toMatchObject({ kind: 'interrupted', category: 'failure' });
    expect(tokens).toEqual(doubleAnswer('a b c d').slice(0, 2));
  });

  it("reports Ollama's error line mid-stream with the server's words", async () => {
    double.behaviour.errorAfterLines = 1;
    const error = await failure(client.generate({ model: 'double-chat', prompt: 'a b' }, { onToken: () => undefined }));
    expect(error).toMatchObject({ kind: 'interrupted', serverMessage: 'model runner has unexpectedly stopped' });
  });

  it('names a missing model and how to get it, streamed or not', async () => {
    const error = await failure(client.generate({ model: 'llama9', prompt: 'x' }));
    expect(error).toMatchObject({ kind: 'model-missing', status: 404, category: 'environment' });
    expect(error.hint).toMatch(/ollama pull llama9/);
    expect((await failure(client.generate({ model: 'llama9', prompt: 'x' }, { onToken: () => undefined }))).kind).toBe('model-missing');
    expect((await failure(client.embed({ model: 'llama9', input: ['x'] }))).kind).toBe('model-missing');
  });

  it('turns other HTTP errors into typed errors with the status and the server message', async () => {
    double.behaviour.failWith = { status: 500, body: 'runner crashed' };
    const error = await failure(client.embed({ model: DOUBLE_EMBED_MODEL, input: ['x'] }));
    expect(error).toMatchObject({ kind: 'http', status: 500, serverMessage: 'runner crashed', category: 'failure' });
    double.behaviour.failWith = { status: 200, body: '<html>not ollama</html>' };
    expect((await failure(client.version())).kind).toBe('protocol');
    double.behaviour.failWith = undefined;
    const notOllama = new OllamaClient({ url: `${double.url}/elsewhere`, env: {} });
    const lost = await failure(notOllama.version());
    notOllama.close();
    expect(lost).toMatchObject({ kind: 'http', status: 404 });
    expect(lost.message).toMatch(/is this an Ollama server/);
  });

  it('says no server listens at a closed port', async () => {
    const port = await closedPort();
    const nobody = new OllamaClient({ url: `127.0.0.1:${port}`, env: {} });
    const error = await failure(nobody.version());
    nobody.close();
    expect(error).toMatchObject({ kind: 'unreachable', category: 'environment' });
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.hint).toMatch(/ollama serve/);
  });

  it('stops a request when its signal aborts', async () => {
    double.behaviour.delayMs = 2000;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect((await failure(client.version({ signal: controller.signal }))).kind).toBe('aborted');
  });

  it('embeds in one request, and in batches of a given size in input order', async () => {
    const one = await client.embed({ model: DOUBLE_EMBED_MODEL, input: ['alpha', 'beta'] });
    expect(one.embeddings).toEqual([doubleEmbedding('alpha', 8), doubleEmbedding('beta', 8)]);
    const texts = Array.from({ length: 10 }, (_, i) => `text ${i}`);
    const many = await client.embedMany(DOUBLE_EMBED_MODEL, texts, { batchSize: 4 });
    expect(many.requests).toBe(3);
    expect(double.embedCalls().slice(1)).toEqual([texts.slice(0, 4), texts.slice(4, 8), texts.slice(8)]);
    expect(many.embeddings).toEqual(texts.map((t) => doubleEmbedding(t, 8)));
  });

  it('refuses an embedding answer that does not fit the request', async () => {
    double.behaviour.vectors.set('short', [1, 2]);
    expect((await failure(client.embed({ model: DOUBLE_EMBED_MODEL, input: ['short', 'normal'] }))).kind).toBe('protocol');
  });
});
