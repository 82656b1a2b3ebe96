import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '@frozen-duckdb/core';
import { answerFileName, formatAnswer, loadTpchFolder, writeAnswers } from '../src/index.js';
import { findTpchFiles } from '../src/tpch/load.js';
import { removeTempDirs, tempDir } from './temp-dirs.js';

afterAll(removeTempDirs);

// A tiny hand-made dataset in dbgen's .tbl format: '|'-separated with a trailing '|'.
const TBL: Record<string, string[]> = {
  region: [
    '0|AFRICA|lar deposits|',
    '1|AMERICA|hs use ironic, even requests|',
    '2|ASIA|ges. thinly even pinto beans|',
    '3|EUROPE|ly final courts|',
    '4|MIDDLE EAST|uickly special accounts|',
  ],
  nation: ['3|CANADA|1|eas hang ironic|', '7|GERMANY|3|l platelets|', '6|FRANCE|3|refully final requests|'],
  supplier: [
    '1|Supplier#000000001| N kD4on9OM Ipw3,gf0JBoQDd7tgrzrddZ|7|17-918-925-3478|5755.94|each slyly above the careful|',
    '2|Supplier#000000002|89eJ5ksX3ImxJQBvxObC,|3|13-498-789-9921|4032.68| slyly bold instructions|',
  ],
  customer: [
    '1|Customer#000000001|IVhzIApeRb ot,c,E|3|13-989-741-2988|711.56|BUILDING|to the even, regular platelets|',
    '2|Customer#000000002|XSTf4,NCwDVaWNe6tEgvwfmRchLXak|7|17-768-696-7730|121.65|AUTOMOBILE|l accounts. blithely ironic|',
  ],
  part: [
    '1|goldenrod lavender spring chocolate lace|Manufacturer#1|Brand#13|PROMO BURNISHED COPPER|7|JUMBO PKG|901.00|ly. slyly ironi|',
    '2|blush thistle blue yellow saddle|Manufacturer#1|Brand#13|LARGE BRUSHED BRASS|1|LG CASE|902.00|lar accounts amo|',
  ],
  partsupp: [
    '1|1|3325|771.64|requests after the carefully ironic|',
    '1|2|8076|993.49|ven ideas. quickly even packages|',
    '2|1|3956|337.09|after the fluffily ironic deposits|',
    '2|2|4069|915.27|ously regular|',
  ],
  orders: [
    '1|1|O|173665.47|1995-01-02|5-LOW|Clerk#000000951|0|nstructions sleep furiously|',
    '2|2|F|46929.18|1994-12-01|1-URGENT|Clerk#000000880|0| foxes. pending accounts|',
  ],
  lineitem: [
    '1|1|1|1|17|15317.00|0.04|0.02|N|O|1995-03-20|1995-02-12|1995-03-22|DELIVER IN PERSON|TRUCK|egular courts above the|',
    '1|2|2|2|36|32472.00|0.09|0.06|N|O|1995-04-12|1995-02-28|1995-04-20|TAKE BACK RETURN|MAIL|ly final dependencies|',
    '2|2|1|1|38|34276.00|0.00|0.05|R|F|1994-12-28|1995-01-14|1995-01-25|TAKE BACK RETURN|RAIL|ven requests|',
  ],
};

function writeTbl(dir: string): void {
  for (const [table, lines] of Object.entries(TBL)) writeFileSync(join(dir, `${table}.tbl`), `${lines.join('\n')}\n`);
}

describe('formatAnswer', () => {
  it("writes DuckDB's answer format: '|', a header, NULL as an empty field", () => {
    expect(
      formatAnswer(
        ['a', 'b', 'c'],
        [
          ['1', null, '1995-03-15'],
          ['x', 'y', 'z'],
        ],
      ),
    ).toBe('a|b|c\n1||1995-03-15\nx|y|z\n');
    expect(formatAnswer(['revenue'], [[null]])).toBe('revenue\n\n');
  });
  it('names files q01.csv .. q22.csv', () => {
    expect(answerFileName(1)).toBe('q01.csv');
    expect(answerFileName(22)).toBe('q22.csv');
  });
});

describe('.tbl import and answers', () => {
  it('loads hand-made dbgen files with their trailing | and the standard types', async () => {
    const dir = tempDir('tbl');
    writeTbl(dir);
    const db = await Database.open(':memory:');
    try {
      const c = await db.connect();
      const loaded = await loadTpchFolder(c, dir);
      expect(loaded.map((t) => [t.table, t.rows])).toEqual(
        Object.entries(TBL)
          .map(([t, lines]) => [t, lines.length])
          .sort(
            (a, b) =>
              ['region', 'nation', 'supplier', 'customer', 'part', 'partsupp', 'orders', 'lineitem'].indexOf(a[0] as string) -
              ['region', 'nation', 'supplier', 'customer', 'part', 'partsupp', 'orders', 'lineitem'].indexOf(b[0] as string),
          ),
      );
      const row = await c.queryJson('SELECT * FROM lineitem WHERE l_orderkey = 2');
      expect(row[0]).toMatchObject({ l_orderkey: '2', l_quantity: '38.00', l_discount: '0.00', l_shipdate: '1994-12-28', l_comment: 'ven requests' });
      const types = await c.query<{ column_type: string }>("SELECT column_type FROM (DESCRIBE orders) WHERE column_name IN ('o_totalprice', 'o_orderdate')");
      expect(types.map((t) => t.column_type)).toEqual(['DECIMAL(15,2)', 'DATE']);
    } finally {
      db.close();
    }
  });

  it('writes q01.csv..q22.csv with dates, NULLs and a header', async () => {
    const dir = tempDir('ans');
    writeTbl(dir);
    const out = join(dir, 'answers');
    const db = await Database.open(':memory:');
    try {
      const c = await db.connect();
      await loadTpchFolder(c, dir);
      await writeAnswers(c, out);
      expect(readdirSync(out).sort()).toEqual(Array.from({ length: 22 }, (_, i) => answerFileName(i + 1)));
      // Query 3: customer 1 is BUILDING, order 1 placed before and shipped after 1995-03-15.
      expect(readFileSync(join(out, 'q03.csv'), 'utf8')).toBe('l_orderkey|revenue|o_orderdate|o_shippriority\n1|44253.8400|1995-01-02|0\n');
      // Query 19 matches nothing: one row whose sum is NULL, an empty field.
      expect(readFileSync(join(out, 'q19.csv'), 'utf8')).toBe('revenue\n\n');
      expect(readFileSync(join(out, 'q01.csv'), 'utf8').split('\n')[0]).toBe(
        'l_returnflag|l_linestatus|sum_qty|sum_base_price|sum_disc_price|sum_charge|avg_qty|avg_price|avg_disc|count_order',
      );
    } finally {
      db.close();
    }
  });

  it('names the missing tables of an incomplete folder', async () => {
    const dir = tempDir('missing');
    writeFileSync(join(dir, 'region.tbl'), TBL.region!.join('\n'));
    expect(() => findTpchFiles(dir)).toThrow(/lacks nation, supplier, customer, part, partsupp, orders, lineitem/);
  });
});
