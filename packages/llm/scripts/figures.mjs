// Figures for the README (run: node packages/llm/scripts/figures.mjs, after building core, bench and llm).
// What the client and the cache cost per request, against the TEST DOUBLE of Ollama (test/ollama-double.ts)
// running in its own process: the double answers at once, so these are overheads, not model latencies.
// Variants are interleaved in blocks, so drift on a shared machine hits them all alike.
import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { Database } from '@frozen-duckdb/core';
import { EmbeddingCache, OllamaClient } from '@frozen-duckdb/llm';

const BLOCKS = Number(process.env.FIGURE_BLOCKS ?? 10);
const PER_BLOCK = Number(process.env.FIGURE_REQUESTS ?? 200);
const DIMS = 768;

if (process.argv[2] === 'serve') {
  const { registerTypeScriptLoader } = await import('../../bench/dist/loader/register.js');
  registerTypeScriptLoader();
  const { startOllamaDouble } = await import('../test/ollama-double.ts');
  const double = await startOllamaDouble({ dimensions: DIMS });
  process.send({ url: double.url });
  process.on('message', (m) => process.send({ connections: double.connections, id: m.id }));
  process.on('disconnect', () => double.close().then(() => process.exit(0)));
} else {
  await main();
}

async function main() {
  const server = fork(fileURLToPath(import.meta.url), ['serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise((resolve) => server.once('message', (m) => resolve(m.url)));
  let asked = 0;
  const connections = () =>
    new Promise((resolve) => {
      const id = ++asked;
      const on = (m) => m.id === id && (server.off('message', on), resolve(m.connections));
      server.on('message', on);
      server.send({ id });
    });

  const keepAlive = new OllamaClient({ url, env: {} });
  const noKeepAlive = new OllamaClient({ url, env: {}, keepAlive: false });
  const plainAgent = new http.Agent({ keepAlive: false });
  const variants = {
    'OllamaClient, keep-alive (default)': () => keepAlive.version(),
    'OllamaClient, keepAlive: false': () => noKeepAlive.version(),
    'fetch (undici, Node default)': async () => (await fetch(`${url}/api/version`)).json(),
    'node:http, new connection per request': () => get(`${url}/api/version`, plainAgent),
    'node:http, globalAgent (Node default)': () => get(`${url}/api/version`, undefined),
  };
  const perRequest = await interleaved(variants, connections);
  print('GET /api/version against the double, sequential requests', perRequest);

  const db = await Database.open(':memory:');
  const connection = await db.connect();
  const texts = (prefix) => Array.from({ length: 100 }, (_, i) => `${prefix} ${i}: a sentence of about the length of a short note`);
  const cache = await EmbeddingCache.open(connection, keepAlive.embedder('double-embed'), { batchSize: 100 });
  await cache.embed(texts('cached'));
  const one = texts('cached').slice(0, 1);
  let fresh = 0;
  const embedVariants = {
    '100 texts: cache hit (DuckDB lookup)': () => cache.embed(texts('cached')),
    '100 texts: one /api/embed request (no cache)': () => keepAlive.embed({ model: 'double-embed', input: texts('cached') }),
    '100 texts: cache miss (request + insert)': () => cache.embed(texts(`fresh ${fresh++}`)),
    '1 text: cache hit': () => cache.embed(one),
    '1 text: one /api/embed request': () => keepAlive.embed({ model: 'double-embed', input: one }),
  };
  const embedFigures = await interleaved(embedVariants, connections, Math.max(5, PER_BLOCK / 20));
  print(`Embeddings (${DIMS} dimensions), double answering at once`, embedFigures);

  db.close();
  keepAlive.close();
  noKeepAlive.close();
  plainAgent.destroy();
  server.disconnect();
}

function get(url, agent) {
  return new Promise((resolve, reject) => {
    http
      .get(url, agent === undefined ? {} : { agent }, (res) => {
        const parts = [];
        res.on('data', (d) => parts.push(d));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(parts).toString())));
      })
      .on('error', reject);
  });
}

async function interleaved(variants, connections, perBlock = PER_BLOCK) {
  const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const opened = Object.fromEntries(Object.keys(variants).map((k) => [k, 0]));
  for (const fn of Object.values(variants)) await fn(); // warm up: JIT, first connection
  for (let block = 0; block < BLOCKS; block++) {
    const names = Object.keys(variants);
    if (block % 2) names.reverse();
    for (const name of names) {
      const before = await connections();
      for (let i = 0; i < perBlock; i++) {
        const started = performance.now();
        await variants[name]();
        samples[name].push(performance.now() - started);
      }
      opened[name] += (await connections()) - before;
    }
  }
  return Object.entries(samples).map(([name, list]) => {
    const sorted = [...list].sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return { name, n: sorted.length, median: at(0.5), p25: at(0.25), p75: at(0.75), connections: opened[name] };
  });
}

function print(title, rows) {
  const best = Math.min(...rows.map((r) => r.median));
  console.log(`\n${title} (${BLOCKS} interleaved blocks)`);
  for (const r of rows) {
    console.log(
      `  ${r.name.padEnd(46)} median ${fmt(r.median).padStart(9)}  IQR ${fmt(r.p25)}-${fmt(r.p75)}  ${(r.median / best).toFixed(2)}x  ` +
        `${r.n} calls, ${r.connections} connections opened`,
    );
  }
}

function fmt(ms) {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}
