/**
 * Lists and counts for messages, and the messages that use them, which read
 * as sentences whatever their numbers: a list of 100,000 column names is cut
 * to ten and a count, plurals agree, and a header that lacks nothing we can
 * name does not say "lacks ." (real DuckDB-WASM for the load).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS } from '../../src/lib/columns.ts';
import type { Database } from '../../src/lib/db/database.ts';
import { formatCountOf, formatList } from '../../src/lib/format.ts';
import { wrongShapeMessage } from '../../src/lib/ingest/header.ts';
import { loadFiles } from '../../src/lib/ingest/load.ts';
import { checkBudget } from '../../src/lib/ingest/memory.ts';
import { memorySource } from '../../src/lib/ingest/source.ts';
import { freshDatabase } from '../helpers/db.ts';

describe('lists and counts', () => {
  it('a short list is given whole, a long one as its first ten and how many more', () => {
    expect(formatList(['a', 'b', 'c'])).toBe('a, b, c');
    const many = Array.from({ length: 100_000 }, (_, i) => `c${i}`);
    expect(formatList(many)).toBe('c0, c1, c2, c3, c4, c5, c6, c7, c8, c9 and 99,990 more');
    expect(formatList(many.slice(0, 10))).not.toMatch(/more/);
  });

  it('counts agree with their nouns', () => {
    expect(formatCountOf(1, 'file')).toBe('1 file');
    expect(formatCountOf(5, 'file')).toBe('5 files');
    expect(formatCountOf(2, 'entry', 'entries')).toBe('2 entries');
  });
});

describe('ingest messages', () => {
  it('several files too large for the page "are" more, one "is"', () => {
    const big = 600e6;
    const five = checkBudget(
      0,
      Array.from({ length: 5 }, (_, i) => ({ name: `m${i}.csv`, size: big / 2 })),
    );
    expect(five.ok ? '' : five.message).toMatch(/^These 5 files \(1,500 MB\) are more than this page can hold/);
    const one = checkBudget(0, [{ name: 'year.csv', size: 2 * big }]);
    expect(one.ok ? '' : one.message).toMatch(/^year\.csv \(1,200 MB\) is more than this page can hold/);
  });

  it('a header with no line break says so instead of "Its header lacks ."', () => {
    const message = wrongShapeMessage('blob.csv', []);
    expect(message).not.toMatch(/lacks \./);
    expect(message).toMatch(
      /^blob\.csv: this is not a License Vault allocation export\. Its first megabyte holds no line break/,
    );
  });

  describe('a file with 1,000 extra columns', () => {
    let db: Database;
    beforeAll(async () => {
      db = await freshDatabase();
    });
    afterAll(async () => db?.close());

    it('names the first ten and counts the rest', async () => {
      const extras = Array.from({ length: 1000 }, (_, i) => `extra_${i}`);
      const row = ['a1', 'GoLand', 'GoLand', 'ann', '', '', '', '', '2026-03-02T08:00:00Z', '2026-03-02T09:00:00Z'];
      const text = [[...EXPORT_COLUMNS, ...extras].join(','), [...row, ...extras.map(() => 'x')].join(',')].join('\n');
      const [report] = await loadFiles(db, [memorySource('wide.csv', text)]);
      expect(report!.status).toBe('loaded');
      const notice = report!.notices.find((n) => n.startsWith('Extra columns'));
      expect(notice).toBe(
        'Extra columns kept but not used: extra_0, extra_1, extra_2, extra_3, extra_4, extra_5, extra_6, extra_7, extra_8, extra_9 and 990 more.',
      );
    });
  });
});
