import { parseQueryList, tpchQueries, tpchQuery } from '../src/index.js';
import { tpchParameters } from '../src/tpch/queries.js';

describe('TPC-H queries as data', () => {
  it('has the 22 queries in order, each with its validation parameters substituted', () => {
    expect(tpchQueries.map((q) => q.number)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    for (let n = 1; n <= 22; n++) expect(tpchQuery(n)).not.toMatch(/:[A-Z]/);
    expect(tpchQuery(3)).toContain("c_mktsegment = 'BUILDING'");
    expect(tpchQuery(3)).toContain("DATE '1995-03-15'");
    expect(tpchQuery(16)).toContain('(49, 14, 23, 45, 19, 3, 36, 9)');
  });

  it("keeps query 11's FRACTION at 0.0001 as DuckDB does, or divides it by the scale factor as the spec does", () => {
    // DuckDB's tpch extension (and its published answers) keeps 0.0001 at every scale.
    expect(tpchParameters(11, 0.01).FRACTION).toBe(0.0001);
    expect(tpchQuery(11, { scale: 0.01 })).toContain('* 0.0001');
    expect(tpchParameters(11, 1, 'spec').FRACTION).toBe(0.0001);
    expect(tpchParameters(11, 0.01, 'spec').FRACTION).toBe(0.01);
    expect(tpchQuery(11, { scale: 10, fraction: 'spec' })).toContain('* 0.00001');
  });

  it('takes overrides', () => {
    expect(tpchQuery(6, { overrides: { QUANTITY: 30 } })).toContain('l_quantity < 30');
  });

  it('parses query lists', () => {
    expect(parseQueryList('1,3,5')).toEqual([1, 3, 5]);
    expect(parseQueryList('5, 1-3,3')).toEqual([1, 2, 3, 5]);
    expect(() => parseQueryList('0')).toThrow(/'0' is not a query number/);
    expect(() => parseQueryList('1,23')).toThrow(/'23'/);
    expect(() => parseQueryList('x')).toThrow(/'x'/);
  });
});
