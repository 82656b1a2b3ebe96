#!/usr/bin/env node
// Committed entry point, so npm can link the bin before the TypeScript build has run.
import { existsSync } from 'node:fs';

const built = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('error: frozen-duckdb is not built yet\nfix: run `npm run build` at the workspace root\n');
  process.exit(2);
}
await import(built.href);
