import { contentionLine } from '../src/report/verdict-words.js';

const seen = { rounds: 1351, uneven: 0, baseForeignCores: 0, candidateForeignCores: 0, baseWaitShare: 0.23, candidateWaitShare: 0.23 };

describe('the contention line', () => {
  it('says nothing when no other process took the cores and no round was measured again', () => {
    expect(contentionLine(undefined)).toBe('');
    expect(contentionLine(seen)).toBe('');
  });

  it('calls a machine quiet when others took under a tenth of a core, even with a few rounds measured again', () => {
    expect(contentionLine({ ...seen, uneven: 39 })).toBe(
      'a quiet machine (other processes took 0.00 and 0.00 cores while measuring); 39 of 1351 rounds in which others took far more during one side were left out and measured again',
    );
  });

  it('calls it contended, with the cores taken and the waits, when others took a tenth of a core or more', () => {
    expect(contentionLine({ ...seen, uneven: 12, candidateForeignCores: 0.93 })).toBe(
      'a contended machine: other processes took 0.00 (base) and 0.93 (candidate) cores while measuring, and the threads waited for a CPU 23% and 23% of the time; 12 of 1351 rounds in which others took far more during one side were left out and measured again',
    );
  });
});
