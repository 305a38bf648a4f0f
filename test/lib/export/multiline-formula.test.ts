/**
 * A formula cell that goes on over more lines is still a formula to a
 * spreadsheet: the quote mark goes in front whatever follows the first line.
 */
import { expect, test } from 'vitest';
import { toCsv } from '../../../src/lib/export/csv.ts';

test('a cell that starts with = and goes on over two lines is text too', () => {
  expect(toCsv([{ v: '=HYPERLINK("http://x")\nsecond line' }], ['v'])).toBe(
    `v\r\n"'=HYPERLINK(""http://x"")\nsecond line"`,
  );
});

test.each([
  ['=1+1\nx', `"'=1+1\nx"`],
  ['+1\r\n2', `"'+1\r\n2"`],
  ['-1\n', `"'-1\n"`],
  ['@A1\u2028x', `"'@A1\u2028x"`],
  ['\t\n=1', `"'\t\n=1"`],
  ['\r\n=1', `"'\r\n=1"`],
])('the multi-line cell %j is written %s', (value, written) => {
  expect(toCsv([{ v: value }], ['v'])).toBe(`v\r\n${written}`);
});
