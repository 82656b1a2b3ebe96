import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '@frozen-duckdb/files';
import { BenchUsageError } from '@frozen-duckdb/bench';
import { sameMachine, type MachineFingerprint } from '../baseline/schema.js';
import type { ChangeTruth } from './truth.js';

export const TRUTH_FILE = 'truth.json';
const SCHEMA = 'frozen-duckdb/change-truth';
const VERSION = 1;

/** Truths of a corpus's changes per machine: a change's size depends on the machine, so each measures its own. */
export interface TruthFile {
  schema: typeof SCHEMA;
  version: typeof VERSION;
  machines: { machine: MachineFingerprint; changes: Record<string, ChangeTruth> }[];
}

export const emptyTruthFile = (): TruthFile => ({ schema: SCHEMA, version: VERSION, machines: [] });

/** Reads a truth file; none yet is an empty one, and a damaged one is a usage error (it is never overwritten). */
export function readTruthFile(path: string): TruthFile {
  if (!existsSync(path)) return emptyTruthFile();
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new BenchUsageError(`${path} is not valid JSON (${(error as Error).message})`, 'restore it from git, or delete it to measure every truth again');
  }
  const v = value as Partial<TruthFile>;
  if (v?.schema !== SCHEMA || v.version !== VERSION || !Array.isArray(v.machines)) {
    throw new BenchUsageError(
      `${path} is not a truth file of this version (schema ${SCHEMA}, version ${VERSION})`,
      'restore it from git, or delete it to measure every truth again',
    );
  }
  return v as TruthFile;
}

/** The stored truth of a change on this machine, if it was measured with the same files. */
export function storedTruth(file: TruthFile, machine: MachineFingerprint, change: string, hash: string): ChangeTruth | undefined {
  const truth = file.machines.find((m) => sameMachine(m.machine, machine))?.changes[change];
  return truth?.files === hash ? truth : undefined;
}

/** The file with a change's truth on this machine set. */
export function withTruth(file: TruthFile, machine: MachineFingerprint, change: string, truth: ChangeTruth): TruthFile {
  const others = file.machines.filter((m) => !sameMachine(m.machine, machine));
  const mine = file.machines.find((m) => sameMachine(m.machine, machine));
  return { ...file, machines: [...others, { machine, changes: { ...mine?.changes, [change]: truth } }] };
}

export function writeTruthFile(path: string, file: TruthFile): void {
  writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
}
