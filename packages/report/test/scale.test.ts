import { niceDomain, spreadIndices, tickLabel } from '../src/scale.js';
import { timeUnitFor } from '@frozen-duckdb/core';
import { formatChange, formatDuration, formatTimestamp, shortCommit } from '../src/units.js';

describe('axis scales', () => {
  it('rounds a domain outward to steps of 1, 2 or 5 times a power of ten', () => {
    expect(niceDomain(12.2, 16.1)).toEqual({ min: 12, max: 17, step: 1, ticks: [12, 13, 14, 15, 16, 17] });
    expect(niceDomain(0.0013, 0.0031, 4)).toMatchObject({ min: 0.001, max: 0.0035, step: 0.0005 });
    expect(niceDomain(-20, 30, 4).ticks).toEqual([-20, -10, 0, 10, 20, 30]);
  });

  it('spreads a single value around itself instead of failing', () => {
    const d = niceDomain(1.5, 1.5);
    expect(d.min).toBeLessThan(1.5);
    expect(d.max).toBeGreaterThan(1.5);
    expect(niceDomain(0, 0).ticks.length).toBeGreaterThan(1);
  });

  it('refuses a domain that is not finite', () => {
    expect(() => niceDomain(0, Infinity)).toThrow(RangeError);
  });

  it('labels ticks with the decimals the step needs', () => {
    expect(tickLabel(12, 1)).toBe('12');
    expect(tickLabel(1.5, 0.5)).toBe('1.5');
    expect(tickLabel(0.25, 0.25)).toBe('0.25');
    expect(tickLabel(1.0015, 0.0005)).toBe('1.0015');
  });

  it('keeps the first and last of many labels, evenly spread', () => {
    expect(spreadIndices(3, 8)).toEqual([0, 1, 2]);
    const picked = spreadIndices(100, 8);
    expect(picked).toHaveLength(8);
    expect(picked[0]).toBe(0);
    expect(picked[7]).toBe(99);
  });
});

describe('units', () => {
  it('picks the unit in which the largest value reads 1 to 1000', () => {
    expect(timeUnitFor(0.0008).name).toBe('ns');
    expect(timeUnitFor(0.42).name).toBe('µs');
    expect(timeUnitFor(12.5).name).toBe('ms');
    expect(timeUnitFor(1500).name).toBe('s');
  });

  it('formats durations, changes, timestamps and commits', () => {
    expect(formatDuration(0.000812)).toBe('812 ns');
    expect(formatDuration(12.54)).toBe('12.5 ms');
    expect(formatDuration(undefined)).toBe('–');
    expect(formatChange(1.123)).toBe('+12.3%');
    expect(formatChange(0.9)).toBe('-10.0%');
    expect(formatChange(0.99999)).toBe('0.0%');
    expect(formatChange(null)).toBe('–');
    expect(formatTimestamp('2025-01-02T09:30:00.000Z')).toBe('2025-01-02 09:30 UTC');
    expect(formatTimestamp('yesterday')).toBe('yesterday');
    expect(shortCommit('be7bd627eec48d99bdb08df8dcdac25396034bab')).toBe('be7bd62');
    expect(shortCommit('main')).toBe('main');
  });
});
