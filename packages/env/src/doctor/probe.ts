import { spawn } from 'node:child_process';

/** What the project's own engine says about itself when loaded in a separate process. */
export interface EngineProbe {
  libraryVersion: string;
  extensionDirectory: string;
  homeDirectory: string;
  /** DuckDB's platform name for extensions, e.g. linux_amd64. */
  duckdbPlatform: string;
}

// Loads the project's @duckdb/node-api from the project folder, so the copy it would really use is the one tested.
const PROBE = `
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
const dir = process.env.FROZEN_DUCKDB_PROBE_DIR;
const entry = createRequire(join(dir, 'package.json')).resolve('@duckdb/node-api');
const mod = await import(pathToFileURL(entry).href);
const api = mod.DuckDBInstance ? mod : mod.default;
const instance = await api.DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(
  "SELECT (SELECT library_version FROM pragma_version()) AS libraryVersion, " +
  "current_setting('extension_directory') AS extensionDirectory, current_setting('home_directory') AS homeDirectory, " +
  "(SELECT platform FROM pragma_platform()) AS duckdbPlatform");
process.stdout.write(JSON.stringify(reader.getRowObjectsJson()[0]));
`;

/**
 * Loads the engine in a child process: a binding that is missing or crashes the loader fails the
 * child, not doctor, and the child resolves the packages exactly as the project does.
 */
export function probeEngine(projectDir: string, env: NodeJS.ProcessEnv, timeoutMs = 30000): Promise<EngineProbe | { error: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', PROBE], {
      cwd: projectDir,
      env: { ...env, FROZEN_DUCKDB_PROBE_DIR: projectDir },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (error) => resolve({ error: error.message }));
    child.on('close', (code, signal) => {
      if (code === 0) {
        try {
          return resolve(JSON.parse(out) as EngineProbe);
        } catch {
          return resolve({ error: `unexpected output: ${out.slice(0, 200)}` });
        }
      }
      const reason = signal ? `killed by ${signal}${signal === 'SIGTERM' ? ` after ${timeoutMs} ms` : ''}` : `exit ${code}`;
      resolve({ error: `${firstMeaningfulLine(err) || 'no message'} (${reason})` });
    });
  });
}

function firstMeaningfulLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.find((l) => /Error|error:|Cannot find/.test(l)) ?? lines[0] ?? '';
}

/** The result of asking the extension repository for one file, bounded by a timeout. */
export interface DownloadProbe {
  url: string;
  ok: boolean;
  status: number | null;
  ms: number;
  error: string | null;
}

/** HEAD request for an extension file; never waits longer than timeoutMs. */
export async function probeExtensionDownload(url: string, timeoutMs: number): Promise<DownloadProbe> {
  const started = performance.now();
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    return { url, ok: response.ok, status: response.status, ms: performance.now() - started, error: response.ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    const reason = e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { url, ok: false, status: null, ms: performance.now() - started, error: reason };
  }
}
