import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, WORKSPACE } from '../../../tools/testing/run-cli.js';
import { doubleEmbedding, startOllamaDouble, DOUBLE_CHAT_MODEL, type OllamaDouble } from './ollama-double.js';

/** The real CLI in a child process; not blocking, so that the double in this process can answer it. */
const cli = (args: string[], env: NodeJS.ProcessEnv = {}, cwd = WORKSPACE) =>
  runCli(args, { cwd, env: { OLLAMA_HOST: '', OLLAMA_API_KEY: '', FROZEN_DUCKDB_HISTORY: 'off', GITHUB_STEP_SUMMARY: '', ...env } });

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

let double: OllamaDouble;
let dir: string;
let nobody: string;
beforeAll(async () => {
  double = await startOllamaDouble();
  dir = mkdtempSync(join(tmpdir(), 'llm-cli-'));
  nobody = `127.0.0.1:${await closedPort()}`;
});
afterAll(async () => {
  await double.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  Object.assign(double.behaviour, { delayMs: 0, apiKey: undefined, failWith: undefined });
});

describe('frozen-duckdb llm check', () => {
  it('shows the server, its models and one timed completion', async () => {
    const run = await cli(['llm', 'check', '--url', double.url, '--model', 'double-chat']);
    expect(run.stderr).toContain('timing one completion with double-chat:latest');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`server   ${double.url}\nversion  0.0.0-double\nmodels   2`);
    expect(run.stdout).toMatch(/double-embed:latest\s+977 KB\s+bert\s+1B\s+Q4_0/);
    expect(run.stdout).toMatch(/completion with double-chat:latest: .*first token .*, 6 tokens, .*; within the 5 s target/);
  });

  it('reads OLLAMA_HOST when there is no --url, and says so', async () => {
    const run = await cli(['llm', 'check', '--model', DOUBLE_CHAT_MODEL], { OLLAMA_HOST: double.url.replace('http://', '') });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`server   ${double.url} (from OLLAMA_HOST)`);
  });

  it('exits 2 naming the models there are when the model is missing', async () => {
    const run = await cli(['llm', 'check', '--url', double.url]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('models   2');
    expect(run.stderr).toContain(`error: model llama3.2:1b is not on the server at ${double.url}: it has double-chat:latest, double-embed:latest`);
    expect(run.stderr).toContain('fix: pull it where the server runs (`ollama pull llama3.2:1b`)');
  });

  it('exits 2 with what to do when no server listens', async () => {
    const run = await cli(['llm', 'check', '--url', nobody]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`error: no Ollama server at http://${nobody} (ECONNREFUSED)`);
    expect(run.stderr).toMatch(/fix: start it \(`ollama serve`\)/);
    expect(run.stdout).toBe('');
  });

  it('exits 2 for an address that is none, naming the flag or the variable', async () => {
    const flag = await cli(['llm', 'check', '--url', 'ftp://x']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('error: --url: "ftp://x" uses ftp; Ollama speaks http or https');
    const variable = await cli(['llm', 'check'], { OLLAMA_HOST: 'http://a b' });
    expect(variable.code).toBe(2);
    expect(variable.stderr).toMatch(/error: OLLAMA_HOST: /);
  });

  it('exits 2 when the key is refused, and passes with OLLAMA_API_KEY', async () => {
    double.behaviour.apiKey = 'k1';
    const refused = await cli(['llm', 'check', '--url', double.url, '--model', 'double-chat']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/refused the request \(401: unauthorized\)[\s\S]*set OLLAMA_API_KEY/);
    const keyed = await cli(['llm', 'check', '--url', double.url, '--model', 'double-chat'], { OLLAMA_API_KEY: 'k1' });
    expect(keyed.code).toBe(0);
  });
});

describe('frozen-duckdb llm complete', () => {
  it('streams the answer to stdout and the timings to stderr', async () => {
    const run = await cli(['llm', 'complete', '--url', double.url, '--model', 'double-chat', '--prompt', 'hello world']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('echo: hello world\n');
    expect(run.stderr).toMatch(/^double-chat: .*first token .*, 3 tokens, .* \(stop\)\n$/);
  });

  it('asks for one answer with --no-stream, passes --max-tokens, and prints JSON with --json', async () => {
    const run = await cli(['llm', 'complete', '--url', double.url, '--model', 'double-chat', '--prompt', 'a b', '--no-stream', '--max-tokens', '7', '--json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { text: string; firstTokenMs?: number; server: { tokens: number } };
    expect(doc.text).toBe('echo: a b');
    expect(doc.firstTokenMs).toBeUndefined();
    expect(double.requests.at(-1)?.body).toMatchObject({ stream: false, options: { num_predict: 7 } });
  });

  it('exits 2 on usage errors, a missing model and a server that stays silent', async () => {
    const noPrompt = await cli(['llm', 'complete', '--url', double.url]);
    expect(noPrompt.code).toBe(2);
    expect(noPrompt.stderr).toContain('error: --prompt is required');
    const badTokens = await cli(['llm', 'complete', '--prompt', 'x', '--max-tokens', '2.5']);
    expect(badTokens.code).toBe(2);
    expect(badTokens.stderr).toContain('--max-tokens must be a whole number');
    const badTimeout = await cli(['llm', 'complete', '--prompt', 'x', '--timeout', '0']);
    expect(badTimeout.stderr).toContain('--timeout must be a positive number');
    const missing = await cli(['llm', 'complete', '--url', double.url, '--prompt', 'x', '--model', 'nope']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('model nope is not on the server');
    double.behaviour.delayMs = 3000;
    const silent = await cli(['llm', 'complete', '--url', double.url, '--model', 'double-chat', '--prompt', 'x', '--timeout', '0.2']);
    expect(silent.code).toBe(2);
    expect(silent.stderr).toContain('no answer for 200 ms');
  });

  it('exits 1 when the server fails', async () => {
    double.behaviour.failWith = { status: 500, body: '{"error":"llama runner process has terminated"}' };
    const run = await cli(['llm', 'complete', '--url', double.url, '--model', 'double-chat', '--prompt', 'x']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('answered 500: llama runner process has terminated');
  });
});

describe('frozen-duckdb llm embed', () => {
  it('embeds several texts in batches and prints the vectors as JSON', async () => {
    const before = double.embedCalls().length;
    const run = await cli([
      'llm',
      'embed',
      '--url',
      double.url,
      '--model',
      'double-embed',
      '--text',
      'a',
      '--text',
      'b',
      '--text',
      'c',
      '--batch-size',
      '2',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { dimensions: number; embeddings: { text: string; embedding: number[] }[] };
    expect(doc.dimensions).toBe(8);
    expect(doc.embeddings).toEqual(['a', 'b', 'c'].map((text) => ({ text, embedding: doubleEmbedding(text, 8) })));
    expect(double.embedCalls().slice(before)).toEqual([['a', 'b'], ['c']]);
    expect(run.stderr).toMatch(/double-embed: 3 texts in .*; 2 requests/);
  });

  it('embeds only what its DuckDB cache file lacks', async () => {
    const cache = join(dir, 'cache.duckdb');
    const first = await cli(['llm', 'embed', '--url', double.url, '--model', 'double-embed', '--text', 'one', '--text', 'two', '--cache', cache]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/embedding \(8 dimensions\)[\s\S]*one\s+\[/);
    expect(first.stderr).toContain(`cache ${cache}: 0 found, 2 embedded in 1 request`);
    const before = double.embedCalls().length;
    const second = await cli([
      'llm',
      'embed',
      '--url',
      double.url,
      '--model',
      'double-embed',
      '--text',
      'two',
      '--text',
      'one',
      '--text',
      'three',
      '--cache',
      cache,
      '--json',
    ]);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('2 found, 1 embedded in 1 request');
    expect(double.embedCalls().slice(before)).toEqual([['three']]);
    const doc = JSON.parse(second.stdout) as { embeddings: { embedding: number[] }[]; cache: { hits: number } };
    expect(doc.embeddings[1]?.embedding).toEqual(doubleEmbedding('one', 8));
    expect(doc.cache.hits).toBe(2);
  });

  it('a --cache that is a folder or not a DuckDB file: exit 2 with a fix, the file left as it was', async () => {
    const junk = join(dir, 'junk.duckdb');
    writeFileSync(junk, 'not a database');
    for (const [cache, words] of [
      [junk, `--cache ${junk} is not a DuckDB database`],
      [dir, `--cache ${dir} is a folder, not a DuckDB file`],
    ] as const) {
      const run = await cli(['llm', 'embed', '--url', double.url, '--model', 'double-embed', '--text', 'x', '--cache', cache]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(words);
      expect(run.stderr).toMatch(/^fix: pass a new file name/m);
    }
    expect(readFileSync(junk, 'utf8')).toBe('not a database');
  });

  it("a cache of another model's vector length: the fix names a flag embed has", async () => {
    const cache = join(dir, 'dims.duckdb');
    expect((await cli(['llm', 'embed', '--url', double.url, '--model', 'double-embed', '--text', 'x', '--cache', cache])).code).toBe(0);
    double.behaviour.dimensions = 16;
    try {
      const run = await cli(['llm', 'embed', '--url', double.url, '--model', 'double-embed', '--text', 'y', '--cache', cache]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('gives 16 dimensions; table embedding_cache holds FLOAT[8]');
      expect(run.stderr).toMatch(/^fix: pass another --cache file/m);
    } finally {
      double.behaviour.dimensions = 8;
    }
  });

  it('an OLLAMA_API_KEY with a trailing \\r (a file saved on Windows) is sent without it; one with a line break inside is refused', async () => {
    double.behaviour.apiKey = 'secret';
    const trailing = await cli(['llm', 'embed', '--url', double.url, '--model', 'double-embed', '--text', 'x'], { OLLAMA_API_KEY: 'secret\r\n' });
    expect(trailing.stderr).not.toMatch(/^\s+at /m);
    expect(trailing.code).toBe(0);
    const inside = await cli(['llm', 'embed', '--url', double.url, '--model', 'double-embed', '--text', 'x'], { OLLAMA_API_KEY: 'sec\rret' });
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain('OLLAMA_API_KEY holds a character that an HTTP header cannot carry');
    expect(inside.stderr).toMatch(/^fix: /m);
    expect(inside.stderr).not.toMatch(/^\s+at /m);
  });

  it('exits 2 without --text, with a cache in a missing folder, and without a server', async () => {
    const noText = await cli(['llm', 'embed', '--url', double.url]);
    expect(noText.code).toBe(2);
    expect(noText.stderr).toContain('error: --text is required');
    const lost = await cli(['llm', 'embed', '--url', double.url, '--text', 'x', '--cache', join(dir, 'no', 'such', 'c.duckdb')]);
    expect(lost.code).toBe(2);
    expect(lost.stderr).toContain('does not exist');
    const down = await cli(['llm', 'embed', '--url', nobody, '--text', 'x']);
    expect(down.code).toBe(2);
    expect(down.stderr).toContain('no Ollama server at');
    const batch = await cli(['llm', 'embed', '--text', 'x', '--batch-size', '0']);
    expect(batch.stderr).toContain('--batch-size must be a positive number');
  });
});

describe('the llm suite of the benchmarks project', () => {
  it('skips itself when nothing listens: exit 0, the reason in the report', async () => {
    const json = join(dir, 'skipped.json');
    const run = await cli(['bench', 'benchmarks', '--filter', '^llm/', '--no-baseline', '--json', json], { OLLAMA_HOST: nobody });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /llm src\/llm\.bench\.ts\n {2}skipped \(\d+ benchmarks\): no Ollama server at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\); set OLLAMA_HOST/,
    );
    const results = JSON.parse(readFileSync(json, 'utf8')) as {
      suites: { name: string; skipped?: { reason: string; benchmarks: string[] } }[];
      benchmarks: unknown[];
    };
    expect(results.benchmarks).toEqual([]);
    expect(results.suites[0]?.skipped?.benchmarks).toContain('llm/completion (model=llama3.2:1b)');
  });

  it('skips itself when the server lacks the models, naming them', async () => {
    const run = await cli(['bench', 'benchmarks', '--filter', '^llm/', '--no-baseline'], { OLLAMA_HOST: double.url });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`skipped (8 benchmarks): ${double.url} lacks llama3.2:1b, nomic-embed-text`);
  });

  it('measures every benchmark against a server that has the models', async () => {
    const json = join(dir, 'measured.json');
    const run = await cli(['bench', 'benchmarks', '--filter', '^llm/', '--no-baseline', '--json', json], {
      OLLAMA_HOST: double.url,
      FROZEN_DUCKDB_LLM_MODELS: 'double-chat',
      FROZEN_DUCKDB_EMBED_MODEL: 'double-embed',
    });
    expect(run.stderr).not.toMatch(/FAILED/);
    expect(run.code).toBe(0);
    const results = JSON.parse(readFileSync(json, 'utf8')) as { benchmarks: { id: string; status: string }[]; suites: { notes: { label: string }[] }[] };
    expect(results.benchmarks.map((b) => `${b.id} ${b.status}`)).toEqual([
      'llm/completion (model=double-chat) ok',
      'llm/first token, streamed (model=double-chat) ok',
      'llm/embed 100 texts (batch=1) ok',
      'llm/embed 100 texts (batch=10) ok',
      'llm/embed 100 texts (batch=50) ok',
      'llm/embed 100 texts (batch=100) ok',
      'llm/embed 100 texts through the DuckDB cache (cached=all) ok',
      'llm/embed 100 texts through the DuckDB cache (cached=none) ok',
    ]);
    expect(results.suites[0]?.notes.map((n) => n.label)).toEqual(['double-chat first call', 'double-chat tokens/s', 'double-embed dimensions']);
  }, 120_000);
});
