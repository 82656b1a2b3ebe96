import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { findNodeApiPackage, recommendedNodeApiVersion } from '@frozen-duckdb/core';

/** A package.json, as far as init reads and writes it. */
export interface Manifest {
  name?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  [key: string]: unknown;
}

const LISTS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** This release's version: every frozen-duckdb package is released with the same one. */
export function toolVersion(): string {
  const manifest = createRequire(import.meta.url).resolve('../../package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/**
 * What a project with suites declares: the suite API its suites import, the CLI its scripts and
 * targets run, and, with `engineFrom`, the @duckdb/node-api it pins: the one installed there (npm
 * installs the peer dependency unasked), else the newest this release supports.
 */
export function benchDependencies(engineFrom?: string): Record<string, string> {
  const version = toolVersion();
  const wanted: Record<string, string> = { '@frozen-duckdb/bench': version, 'frozen-duckdb': version };
  if (engineFrom !== undefined) {
    const installed = findNodeApiPackage(engineFrom);
    wanted['@duckdb/node-api'] = installed?.resolvedFrom === 'project' ? installed.version : recommendedNodeApiVersion();
  }
  return wanted;
}

/** The packages of `wanted` that the manifest declares in none of its dependency lists (its own name aside). */
export function undeclared(manifest: Manifest, wanted: Record<string, string>): Record<string, string> {
  const declared = new Set(LISTS.flatMap((list) => Object.keys(manifest[list] ?? {})));
  return Object.fromEntries(Object.entries(wanted).filter(([name]) => !declared.has(name) && name !== manifest.name));
}

/** The manifest with `added` in its devDependencies, kept in name order as npm keeps them. */
export function withDevDependencies(manifest: Manifest, added: Record<string, string>): Manifest {
  if (Object.keys(added).length === 0) return manifest;
  const devDependencies = { ...manifest.devDependencies, ...added };
  return { ...manifest, devDependencies: Object.fromEntries(Object.entries(devDependencies).sort(([a], [b]) => a.localeCompare(b))) };
}

/** Files the tool writes next to the sources that are not sources: the history database and the baseline's lock. */
export const GITIGNORE_ENTRIES = ['.bench/', '.performance_baseline.lock'];

/** .gitignore text with the entries it lacks appended, or null when it has them all. */
export function gitignoreWithEntries(text: string | null): string | null {
  const present = new Set((text ?? '').split('\n').map((line) => line.trim()));
  const missing = GITIGNORE_ENTRIES.filter((entry) => !present.has(entry) && !present.has(`/${entry}`));
  if (missing.length === 0) return null;
  const before = text === null || text === '' ? '' : text.endsWith('\n') ? text : `${text}\n`;
  return `${before}# frozen-duckdb: the history database and the baseline's lock\n${missing.join('\n')}\n`;
}
