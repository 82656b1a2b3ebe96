import type { InstructionResult } from '@frozen-duckdb/bench';
import { instructionVerdict } from '../src/index.js';
import { instructionThresholdFor } from '../src/measures/instruction-verdict.js';

describe('instruction verdicts', () => {
  const counted = (perIteration: number): InstructionResult => ({ perIteration, iterations: 2, calls: [perIteration, perIteration] });
  it('passes within the threshold, fails past it, and names fewer instructions', () => {
    expect(instructionVerdict('x', counted(1000), counted(1019), 0.02).decision).toBe('ok');
    expect(instructionVerdict('x', counted(1000), counted(1021), 0.02).decision).toBe('regressed');
    expect(instructionVerdict('x', counted(1000), counted(970), 0.02).decision).toBe('fewer');
  });
  it("takes a benchmark's own limit before the run's", () => {
    expect(instructionThresholdFor({ instructionThreshold: 0.05 }, 0.02)).toBe(0.05);
    expect(instructionThresholdFor({}, 0.02)).toBe(0.02);
  });
  it('carries a side that failed as an error with its message', () => {
    expect(instructionVerdict('x', counted(1000), { error: 'worker died' }, 0.02)).toMatchObject({ decision: 'error', reason: 'worker died' });
  });
});
