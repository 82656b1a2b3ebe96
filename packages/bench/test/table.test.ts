import { Chalk } from 'chalk';
import { textTable } from '../src/index.js';

const coloured = new Chalk({ level: 1 });

describe('textTable', () => {
  it('pads columns to their widest cell, two spaces apart, with a rule under the header and no trailing spaces', () => {
    expect(
      textTable(
        [
          ['a', '1'],
          ['longer', '22'],
        ],
        { header: ['name', 'n'], rule: true },
      ),
    ).toEqual(['name    n', '------  --', 'a       1', 'longer  22']);
  });

  it('aligns right where asked and measures cells without their colour codes', () => {
    const lines = textTable(
      [
        [coloured.red('x'), '5'],
        ['yy', coloured.bold('100')],
      ],
      { align: ['left', 'right'] },
    );
    expect(lines.map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''))).toEqual(['x     5', 'yy  100']);
    expect(lines[0]).toContain(coloured.red('x'));
  });

  it('renders rows alone when there is no header', () => {
    expect(
      textTable([
        ['k', 'v'],
        ['key', 'value'],
      ]),
    ).toEqual(['k    v', 'key  value']);
  });
});
