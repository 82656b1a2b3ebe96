import { stripVTControlCharacters } from 'node:util';
import { baselineGateConsole as colouredConsole, baselineGateMarkdown } from '../src/index.js';
import type { BaselineGate } from '../src/gate/against-baseline.js';
import type { CountScreening } from '../src/baseline/screen-counts.js';

// What the gate decided, as `bench` hands it to its reporters: the words are the reporters' own.
function gate(counts: BaselineGate['counts']): BaselineGate {
  return {
    rows: [{ id: 's/a', screened: 'ok', status: 'ok', ratio: 1.01, confirmed: undefined, reason: 'within the threshold of the baseline' }],
    screening: { benchmarks: [], sameMachine: false, normalization: 1, suites: {}, sentinels: [] },
    confirmation: undefined,
    outcome: 'fail',
    summary: 'regression confirmed side by side: s/b (instructions +5.00%)',
    ...(counts ? { counts } : {}),
  };
}

// Colours depend on the terminal (CI forces them): the words are what is tested.
const baselineGateConsole = (g: BaselineGate) => stripVTControlCharacters(colouredConsole(g));

const screening = (recorded: number): CountScreening => ({ threshold: 0.02, recorded, benchmarks: [] });

describe('the baseline gate in words, with instruction counts', () => {
  const counted = gate({
    screening: screening(3),
    rows: [
      { id: 's/a', screened: 'ok', status: 'ok', baseline: 1000, current: 1001, ratio: 1.001, sideBySide: false, reason: 'within' },
      {
        id: 's/b',
        screened: 'suspect',
        status: 'regressed',
        baseline: 1_000_000,
        current: 1_050_000,
        ratio: 1.05,
        sideBySide: true,
        reason: 'counted side by side against the baseline commit',
      },
      { id: 's/c', screened: 'uncounted', status: 'uncounted', sideBySide: false, reason: 'converts rows in JavaScript' },
    ],
  });

  it('lists every count that is not plainly ok in the console, with both counts, and says where the baseline came from', () => {
    const text = baselineGateConsole(counted);
    expect(text).toMatch(/instructions: 2 benchmarks counted, 3 in the baseline, limit 2(\.0)?%.*another machine/);
    expect(text).toMatch(/regressed\s+s\/b: instructions \+5\.00% \(1,000,000 -> 1,050,000\) side by side; counted side by side/);
    expect(text).toMatch(/uncounted\s+s\/c: instructions -; converts rows in JavaScript/);
    expect(text).not.toMatch(/s\/a: instructions/);
  });

  it('puts every count in the Markdown table', () => {
    const text = baselineGateMarkdown(counted);
    expect(text).toContain('| s/b | +5.00% (1,000,000 -> 1,050,000) side by side | **regressed** | counted side by side against the baseline commit |');
    expect(text).toContain('| s/a | +0.10% (1,000 -> 1,001) vs baseline | ok | within |');
  });

  it('says a baseline without counts gates none, and prints nothing of counts when the run did not count', () => {
    const none = gate({
      screening: screening(0),
      rows: [{ id: 's/a', screened: 'unrecorded', status: 'unrecorded', current: 1000, sideBySide: false, reason: 'no count' }],
    });
    expect(baselineGateConsole(none)).toMatch(/the baseline has no counts, so they are shown, not gated/);
    expect(baselineGateConsole(none)).not.toMatch(/s\/a: instructions/);
    expect(baselineGateConsole(gate(undefined))).not.toMatch(/instructions:/);
    expect(baselineGateMarkdown(gate(undefined))).not.toMatch(/Instruction counts/);
  });
});
