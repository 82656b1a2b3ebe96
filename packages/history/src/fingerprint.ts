import { createHash } from 'node:crypto';
import { arch, cpus, platform, totalmem } from 'node:os';
import type { BenchResults } from '@frozen-duckdb/bench';
import { Database } from '@frozen-duckdb/core';
import { machineOf, type MachineFingerprint } from '@frozen-duckdb/regress';
import type { FingerprintRow } from './record.js';

/**
 * A short stable key for a machine: the fields that `sameMachine` compares (CPU model, cores, OS,
 * Node, DuckDB), so two runs share a key exactly when their absolute times are comparable.
 */
export function fingerprintHash(machine: MachineFingerprint): string {
  const key = JSON.stringify([machine.cpuModel, machine.cores, machine.os, machine.node, machine.duckdb]);
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** The fingerprints row of a machine. */
export function fingerprintRow(machine: MachineFingerprint): FingerprintRow {
  return {
    hash: fingerprintHash(machine),
    cpuModel: machine.cpuModel,
    cores: machine.cores,
    memoryBytes: machine.memoryBytes,
    os: machine.os,
    node: machine.node,
    duckdb: machine.duckdb,
  };
}

/** The fingerprints row of a bench run's machine. */
export function fingerprintOfResults(results: BenchResults): FingerprintRow {
  return fingerprintRow(machineOf(results));
}

/** This machine, in the same terms as a bench run's fingerprint; `duckdb` is the version this process loads. */
export function currentMachine(duckdb: string): MachineFingerprint {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryBytes: totalmem(),
    os: `${platform()}-${arch()}`,
    node: process.version,
    duckdb,
  };
}

/** This machine's fingerprint row, asking DuckDB (in memory) for its version. */
export async function localFingerprint(): Promise<FingerprintRow> {
  const database = await Database.open(':memory:');
  try {
    const connection = await database.connect();
    return fingerprintRow(currentMachine(String(await connection.scalar('SELECT version()'))));
  } finally {
    database.close();
  }
}
