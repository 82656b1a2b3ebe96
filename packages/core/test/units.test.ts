import { formatBytes, formatChange, formatCount, formatLimit, formatPercent, formatRatio, formatTime, timeUnitFor } from '../src/index.js';

describe('units', () => {
  it('writes durations with three significant digits in a unit that reads between 1 and 1000, never with an exponent', () => {
    expect(formatTime(0.000812)).toBe('812 ns');
    expect(formatTime(0.42)).toBe('420 µs');
    expect(formatTime(12.54)).toBe('12.5 ms');
    expect(formatTime(999.7)).toBe('1000 ms');
    expect(formatTime(4100)).toBe('4.10 s');
    expect(formatTime(undefined)).toBe('-');
    expect(formatTime(NaN)).toBe('-');
    expect(timeUnitFor(0).name).toBe('ms');
  });

  it('writes limits as they are set', () => {
    expect(formatLimit(200)).toBe('200 ms');
    expect(formatLimit(1500)).toBe('1.5 s');
    expect(formatLimit(30_000)).toBe('30 s');
  });

  it('writes sizes in powers of 1024 and counts with separators', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1_000_000)).toBe('977 KB');
    expect(formatBytes(1023.9 * 1024)).toBe('1024 KB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.50 GB');
    expect(formatBytes(Infinity)).toBe('-');
    expect(formatCount(6001215)).toBe('6,001,215');
  });

  it('writes ratios as factors, changes and percentages', () => {
    expect(formatRatio(1)).toBe('1.00x');
    expect(formatRatio(12.34)).toBe('12.3x');
    expect(formatRatio(150)).toBe('150x');
    expect(formatChange(1.123)).toBe('+12.3%');
    expect(formatChange(0.9)).toBe('-10.0%');
    expect(formatChange(1)).toBe('+0.0%');
    expect(formatChange(undefined)).toBe('-');
    expect(formatPercent(0.1)).toBe('10%');
    expect(formatPercent(0.125, 1)).toBe('12.5%');
    expect(formatPercent(undefined)).toBe('-');
  });
});
