// Drives Debian's headless Chromium the plain way (command-line flags, no npm browser download).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The browser: $FROZEN_DUCKDB_CHROMIUM, else Debian's /usr/bin/chromium; a clear failure when neither exists. */
export function chromiumPath(): string {
  const path = process.env.FROZEN_DUCKDB_CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}: the report's browser tests need it. Install it with ` +
        '`apt-get install -y chromium` (Debian), or point $FROZEN_DUCKDB_CHROMIUM at a Chromium or Chrome binary.',
    );
  }
  return path;
}

function run(args: string[]): string {
  const profile = mkdtempSync(join(tmpdir(), 'report-chromium-'));
  try {
    const result = spawnSync(
      chromiumPath(),
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        `--user-data-dir=${profile}`,
        ...args,
      ],
      { encoding: 'utf8', timeout: 45_000, maxBuffer: 64 * 1024 * 1024 },
    );
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`chromium exited with ${result.status}: ${result.stderr.slice(-2000)}`);
    return result.stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The DOM Chromium built from the page, serialized after load. */
export function dumpDom(htmlFile: string): string {
  return run(['--dump-dom', pathToFileURL(htmlFile).href]);
}

/** A PNG of the page's first width x height pixels. */
export function screenshot(htmlFile: string, pngFile: string, width: number, height: number): void {
  run([`--screenshot=${pngFile}`, `--window-size=${width},${height}`, pathToFileURL(htmlFile).href]);
}
