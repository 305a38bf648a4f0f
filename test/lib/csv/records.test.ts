/**
 * The streaming CSV record reader and the dialect helpers: delimiters, line
 * endings, quoting, line numbers, chunk-boundary independence, and bounded
 * recovery from stray quotes (docs/DOMAIN.md §2.1, §2.4).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DELIMITERS, separatorHint, sniffDelimiter, splitLine } from '../../../src/lib/csv/dialect.ts';
import { CsvRecordReader, type CsvRecord } from '../../../src/lib/csv/records.ts';

interface ReaderOptions {
  delimiter?: string;
  maxRecordChars?: number;
  expectedFields?: number;
  widthFromFirstRecord?: boolean;
}

/** Feeds `chunks` one after another, then finishes. */
function readChunks(chunks: readonly string[], options: ReaderOptions = {}): CsvRecord[] {
  const reader = new CsvRecordReader(
    options.delimiter ?? ',',
    options.maxRecordChars,
    1,
    options.widthFromFirstRecord ?? false,
  );
  if (options.expectedFields !== undefined) reader.expectedFields = options.expectedFields;
  const out: CsvRecord[] = [];
  for (const chunk of chunks) reader.push(chunk, out);
  reader.finish(out);
  return out;
}

const read = (text: string, options: ReaderOptions = {}) => readChunks([text], options);

/** Splits `text` at the given positions (any order, duplicates allowed). */
function splitAt(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < text.length))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const p of points) {
    out.push(text.slice(from, p));
    from = p;
  }
  out.push(text.slice(from));
  return out;
}

const fieldsOf = (records: CsvRecord[]) => records.map((r) => r.fields);

describe('delimiters', () => {
  test('comma', () => {
    expect(fieldsOf(read('a,b,c\n1,2,3\n'))).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  test('semicolon, with commas left inside the fields', () => {
    expect(fieldsOf(read('a;b,c;d\n', { delimiter: ';' }))).toEqual([['a', 'b,c', 'd']]);
  });

  test('tab', () => {
    expect(fieldsOf(read('a\tb c\td\n', { delimiter: '\t' }))).toEqual([['a', 'b c', 'd']]);
  });

  test('a delimiter of more than one character is refused', () => {
    expect(() => new CsvRecordReader(',,')).toThrow();
    expect(() => new CsvRecordReader('')).toThrow();
  });
});

describe('line endings', () => {
  for (const [name, eol] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['lone CR', '\r'],
  ] as const) {
    test(`${name}: records, raw text without the line ending, and line numbers`, () => {
      const records = read(['h1,h2', 'a,b', 'c,d'].join(eol) + eol);
      expect(records).toEqual([
        { line: 1, raw: 'h1,h2', fields: ['h1', 'h2'] },
        { line: 2, raw: 'a,b', fields: ['a', 'b'] },
        { line: 3, raw: 'c,d', fields: ['c', 'd'] },
      ]);
    });
  }

  test('mixed line endings in one file each count as one line', () => {
    expect(read('a\r\nb\nc\rd\n').map((r) => [r.line, r.raw])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
    ]);
  });

  test('the last line without a line ending is still a record', () => {
    expect(read('a,b\nc,d')).toEqual([
      { line: 1, raw: 'a,b', fields: ['a', 'b'] },
      { line: 2, raw: 'c,d', fields: ['c', 'd'] },
    ]);
  });

  test('a trailing line ending does not make an extra empty record', () => {
    expect(read('a\n')).toHaveLength(1);
    expect(read('a\r\n')).toHaveLength(1);
    expect(read('a\r')).toHaveLength(1);
  });

  test('a blank line in the middle is a record of one empty field, and is counted as a line', () => {
    expect(read('a\n\nb\n')).toEqual([
      { line: 1, raw: 'a', fields: ['a'] },
      { line: 2, raw: '', fields: [''] },
      { line: 3, raw: 'b', fields: ['b'] },
    ]);
  });

  test('no text, no records', () => {
    expect(read('')).toEqual([]);
  });

  test('firstLine numbers the records from there', () => {
    const reader = new CsvRecordReader(',', undefined, 3);
    const out: CsvRecord[] = [];
    reader.push('a\nb\n', out);
    reader.finish(out);
    expect(out.map((r) => r.line)).toEqual([3, 4]);
  });
});

describe('quoted fields', () => {
  test('a quoted field keeps its delimiters', () => {
    expect(read('"a,b",c\n')[0]!.fields).toEqual(['a,b', 'c']);
  });

  test('doubled quotes stand for one quote', () => {
    expect(read('"say ""hi""",x\n')[0]!.fields).toEqual(['say "hi"', 'x']);
    expect(read('""""\n')[0]!.fields).toEqual(['"']);
  });

  test('an empty quoted field', () => {
    expect(read('"",a\n')[0]!.fields).toEqual(['', 'a']);
  });

  test('a quote inside an unquoted field is kept as text', () => {
    expect(read('ab"c,d\n')).toEqual([{ line: 1, raw: 'ab"c,d', fields: ['ab"c', 'd'] }]);
  });

  test('newlines inside quotes stay in the field; the raw text keeps them', () => {
    const records = read('a,"one\ntwo\r\nthree",b\n');
    expect(records).toEqual([{ line: 1, raw: 'a,"one\ntwo\r\nthree",b', fields: ['a', 'one\ntwo\r\nthree', 'b'] }]);
  });

  test('records after a multi-line record start on the right physical line', () => {
    // Line 2 holds a record spanning lines 2 to 4 (LF, CRLF, lone CR inside quotes).
    const records = read('h,v\nx,"1\n2\r\n3\r4"\ny,z\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 6]);
    expect(records[2]!.fields).toEqual(['y', 'z']);
  });

  test('a quoted field at the end of the file without a line ending', () => {
    expect(read('a,"b\nc"')).toEqual([{ line: 1, raw: 'a,"b\nc"', fields: ['a', 'b\nc'] }]);
  });
});

describe('empty fields', () => {
  test('empty fields between delimiters', () => {
    expect(read('a,,b\n')[0]!.fields).toEqual(['a', '', 'b']);
  });

  test('a trailing empty field after the last delimiter', () => {
    expect(read('a,b,\n')[0]!.fields).toEqual(['a', 'b', '']);
    expect(read('a,b,')[0]!.fields).toEqual(['a', 'b', '']);
  });

  test('a line of delimiters only', () => {
    expect(read(',,\n')[0]!.fields).toEqual(['', '', '']);
  });
});

describe('problems', () => {
  test("text after a closing quote is kept and flagged 'text_after_quote'", () => {
    expect(read('"abc"def,x\n')).toEqual([
      { line: 1, raw: '"abc"def,x', fields: ['abcdef', 'x'], problem: 'text_after_quote' },
    ]);
  });

  test('a quote that never closes costs only its own first line', () => {
    const records = read('a,b\n"c,d\ne,f\ng,h\n');
    expect(records).toEqual([
      { line: 1, raw: 'a,b', fields: ['a', 'b'] },
      { line: 2, raw: '"c,d', fields: [], problem: 'unbalanced_quote' },
      { line: 3, raw: 'e,f', fields: ['e', 'f'] },
      { line: 4, raw: 'g,h', fields: ['g', 'h'] },
    ]);
  });

  test('an unclosed quote on the last line without a line ending', () => {
    expect(read('a,b\nc,"d')).toEqual([
      { line: 1, raw: 'a,b', fields: ['a', 'b'] },
      { line: 2, raw: 'c,"d', fields: [], problem: 'unbalanced_quote' },
    ]);
  });

  test('an unclosed quote before CRLF lines resumes on the next line', () => {
    const records = read('"x,1\r\ny,2\r\nz,3\r\n');
    expect(records.map((r) => [r.line, r.raw, r.problem])).toEqual([
      [1, '"x,1', 'unbalanced_quote'],
      [2, 'y,2', undefined],
      [3, 'z,3', undefined],
    ]);
  });

  test('with expectedFields, a stray quote joining two lines into a record of the wrong width is given up on its first line', () => {
    // `"b` opens a quote that `"` on line 3 closes: without the width check
    // lines 2 and 3 would become one record of 3 fields.
    const text = 'h1,h2\na,"b\nc",d,e\nf,g\n';
    expect(read(text, { expectedFields: 2 })).toEqual([
      { line: 1, raw: 'h1,h2', fields: ['h1', 'h2'] },
      { line: 2, raw: 'a,"b', fields: [], problem: 'unbalanced_quote' },
      { line: 3, raw: 'c",d,e', fields: ['c"', 'd', 'e'] },
      { line: 4, raw: 'f,g', fields: ['f', 'g'] },
    ]);
  });

  test('without expectedFields the same text is read as one multi-line record', () => {
    const records = read('a,"b\nc",d,e\n');
    expect(records).toEqual([{ line: 1, raw: 'a,"b\nc",d,e', fields: ['a', 'b\nc', 'd', 'e'] }]);
  });

  test('with expectedFields, a multi-line record of the right width is kept', () => {
    const records = read('h1,h2\na,"b\nc"\nd,e\n', { expectedFields: 2 });
    expect(records.map((r) => [r.line, r.fields, r.problem])).toEqual([
      [1, ['h1', 'h2'], undefined],
      [2, ['a', 'b\nc'], undefined],
      [4, ['d', 'e'], undefined],
    ]);
  });

  test('with expectedFields, a multi-line record with text after its closing quote is a stray quote', () => {
    const records = read('a,"b\nc"x\nd,e\n', { expectedFields: 2 });
    expect(records.map((r) => [r.line, r.raw, r.problem])).toEqual([
      [1, 'a,"b', 'unbalanced_quote'],
      [2, 'c"x', undefined],
      [3, 'd,e', undefined],
    ]);
  });

  test('a single-line record of the wrong width is not the reader’s business', () => {
    expect(read('a,b,c\n', { expectedFields: 2 })).toEqual([{ line: 1, raw: 'a,b,c', fields: ['a', 'b', 'c'] }]);
  });

  test('widthFromFirstRecord takes the header width at once, for recovery in the same chunk', () => {
    const records = read('h1,h2\na,"b\nc",d,e\nf,g\n', { widthFromFirstRecord: true });
    expect(records.map((r) => [r.line, r.problem])).toEqual([
      [1, undefined],
      [2, 'unbalanced_quote'],
      [3, undefined],
      [4, undefined],
    ]);
  });

  test('a quoted field longer than maxRecordChars is treated as unbalanced', () => {
    const long = 'x'.repeat(50);
    const records = read(`a,"${long}\n${long}"\nb,c\n`, { maxRecordChars: 40 });
    expect(records).toEqual([
      { line: 1, raw: `a,"${long}`, fields: [], problem: 'unbalanced_quote' },
      { line: 2, raw: `${long}"`, fields: [`${long}"`] },
      { line: 3, raw: 'b,c', fields: ['b', 'c'] },
    ]);
  });

  test('a quoted field within maxRecordChars is read normally', () => {
    const records = read('a,"0123456789\n0123456789"\nb,c\n', { maxRecordChars: 40 });
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', '0123456789\n0123456789']],
      [3, ['b', 'c']],
    ]);
  });

  test('maxRecordChars: a field running on over short lines is given up the same whole or in small chunks', () => {
    // In chunks the reader gives up before the (far) closing quote has even arrived.
    const text = `a,"0123456789\n${'0123456789\n'.repeat(5)}end"\nb,c\n`;
    const whole = read(text, { maxRecordChars: 40 });
    expect(whole.map((r) => [r.line, r.raw, r.problem])).toEqual([
      [1, 'a,"0123456789', 'unbalanced_quote'],
      ...range(2, 7).map((line) => [line, '0123456789', undefined]),
      [7, 'end"', undefined],
      [8, 'b,c', undefined],
    ]);
    expect(readChunks(splitAt(text, range(1, text.length, 7)), { maxRecordChars: 40 })).toEqual(whole);
  });

  test('maxRecordChars: a CRLF split across chunks after a given-up line is one line ending', () => {
    // The given-up first line ends at a chunk's last character, the CR; its LF
    // comes with the next chunk and must not start an extra blank record.
    const first = `"${'x'.repeat(59)}`;
    const text = `${first}\r\nb,c\r\n`;
    const chunks = [`${first}\r`, '\nb,c\r\n'];
    const expected: CsvRecord[] = [
      { line: 1, raw: first, fields: [], problem: 'unbalanced_quote' },
      { line: 2, raw: 'b,c', fields: ['b', 'c'] },
    ];
    expect(read(text, { maxRecordChars: 40 })).toEqual(expected);
    expect(readChunks(chunks, { maxRecordChars: 40 })).toEqual(expected);
  });

  test('maxRecordChars: a given-up line longer than one chunk is still given up whole', () => {
    // The rest of the overlong first line, arriving in later chunks, belongs to
    // the same rejected line: it must not become records of its own.
    const first = `a,"${'x'.repeat(100)}`;
    const text = `${first}\nb,c\n`;
    const expected: CsvRecord[] = [
      { line: 1, raw: first, fields: [], problem: 'unbalanced_quote' },
      { line: 2, raw: 'b,c', fields: ['b', 'c'] },
    ];
    expect(read(text, { maxRecordChars: 40 })).toEqual(expected);
    expect(readChunks(splitAt(text, [50]), { maxRecordChars: 40 })).toEqual(expected);
  });
});

function range(from: number, to: number, step = 1): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i += step) out.push(i);
  return out;
}

describe('chunk boundaries', () => {
  const tricky = 'h1,h2\r\n"a ""quoted"" value","x\r\ny"\r\n"",\r\nlast,"q"""\r\n';

  test('a CRLF split between CR and LF is one line ending', () => {
    const cut = tricky.indexOf('\r\n') + 1;
    expect(readChunks(splitAt(tricky, [cut]))).toEqual(read(tricky));
    expect(read(tricky).map((r) => r.line)).toEqual([1, 2, 4, 5]);
  });

  test('a doubled quote split between its two quotes is still one quote', () => {
    const cut = tricky.indexOf('""') + 1;
    const records = readChunks(splitAt(tricky, [cut]));
    expect(records).toEqual(read(tricky));
    expect(records[1]!.fields).toEqual(['a "quoted" value', 'x\r\ny']);
  });

  test('every single split point, and one character at a time, give the same records', () => {
    const whole = read(tricky);
    for (let cut = 1; cut < tricky.length; cut++) expect(readChunks(splitAt(tricky, [cut]))).toEqual(whole);
    expect(readChunks([...tricky])).toEqual(whole);
  });

  test('empty chunks change nothing', () => {
    expect(readChunks(['', 'a,b', '', '\n', '', 'c'])).toEqual(read('a,b\nc'));
  });
});

describe('properties', () => {
  const EOLS = ['\n', '\r\n', '\r'] as const;
  const fieldArb = fc
    .array(fc.constantFrom('a', 'b', ' ', ',', ';', '\t', '"', '""', '\n', '\r\n', '\r'), { maxLength: 6 })
    .map((parts) => parts.join(''));
  const rowArb = fc.array(fieldArb, { minLength: 1, maxLength: 5 });

  interface Built {
    text: string;
    rows: string[][];
    raws: string[];
    lines: number[];
  }

  /** Serializes rows as CSV: fields with special characters quoted, some others quoted at random. */
  function build(
    delimiter: string,
    rows: { fields: string[]; quoteAll: boolean; eol: string }[],
    trailingEol: boolean,
  ): Built {
    let text = '';
    let line = 1;
    const out: Built = { text: '', rows: [], raws: [], lines: [] };
    rows.forEach(({ fields, quoteAll, eol }, i) => {
      const cells = fields.map((f) => {
        // A row of one empty field is quoted, else it would be a blank line.
        const must = /[",;\t\r\n]/.test(f) || (fields.length === 1 && f === '');
        return must || quoteAll ? `"${f.replace(/"/g, '""')}"` : f;
      });
      const raw = cells.join(delimiter);
      out.rows.push(fields);
      out.raws.push(raw);
      out.lines.push(line);
      line += countBreaks(raw) + 1;
      text += raw;
      if (i < rows.length - 1 || trailingEol) text += eol;
    });
    out.text = text;
    return out;
  }

  const countBreaks = (s: string) => (s.match(/\r\n|\r|\n/g) ?? []).length;

  const csvArb = fc
    .record({
      delimiter: fc.constantFrom(...DELIMITERS),
      rows: fc.array(fc.record({ fields: rowArb, quoteAll: fc.boolean(), eol: fc.constantFrom(...EOLS) }), {
        minLength: 1,
        maxLength: 8,
      }),
      trailingEol: fc.boolean(),
    })
    .map(({ delimiter, rows, trailingEol }) => ({ delimiter, ...build(delimiter, rows, trailingEol) }));

  /** Random cut points, plus (when asked) every CR|LF and "|" position, the boundaries most likely to be mishandled. */
  function cutsArb(text: string) {
    const tricky: number[] = [];
    for (let i = 1; i < text.length; i++) {
      if ((text[i - 1] === '\r' && text[i] === '\n') || (text[i - 1] === '"' && text[i] === '"')) tricky.push(i);
    }
    return fc
      .record({
        random: fc.array(fc.integer({ min: 1, max: Math.max(1, text.length - 1) }), { maxLength: 12 }),
        withTricky: fc.boolean(),
      })
      .map(({ random, withTricky }) => (withTricky ? [...random, ...tricky] : random));
  }

  test('generated CSV reads back as the rows, raw texts and line numbers it was built from', () => {
    fc.assert(
      fc.property(csvArb, ({ delimiter, text, rows, raws, lines }) => {
        const records = read(text, { delimiter });
        expect(records.map((r) => r.fields)).toEqual(rows);
        expect(records.map((r) => r.raw)).toEqual(raws);
        expect(records.map((r) => r.line)).toEqual(lines);
        expect(records.every((r) => r.problem === undefined)).toBe(true);
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  test('generated CSV gives the same records in any chunk split as whole', () => {
    fc.assert(
      fc.property(
        csvArb.chain((csv) =>
          fc.record({ csv: fc.constant(csv), cuts: cutsArb(csv.text), widthFromFirstRecord: fc.boolean() }),
        ),
        ({ csv, cuts, widthFromFirstRecord }) => {
          const options = { delimiter: csv.delimiter, widthFromFirstRecord };
          expect(readChunks(splitAt(csv.text, cuts), options)).toEqual(read(csv.text, options));
        },
      ),
      { seed: 42, numRuns: 1000 },
    );
  });

  test('arbitrary text, stray quotes included, gives the same records in any chunk split as whole', () => {
    const textArb = fc
      .array(fc.constantFrom('a', 'b', ',', '"', '""', '\n', '\r\n', '\r', ' '), { maxLength: 40 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        textArb.chain((text) =>
          fc.record({ text: fc.constant(text), cuts: cutsArb(text), widthFromFirstRecord: fc.boolean() }),
        ),
        ({ text, cuts, widthFromFirstRecord }) => {
          const options = { widthFromFirstRecord };
          const whole = read(text, options);
          expect(readChunks(splitAt(text, cuts), options)).toEqual(whole);
          // Nothing is lost: every physical line is covered by exactly one record.
          const covered = whole.reduce(
            (n, r) => n + (r.problem === 'unbalanced_quote' ? 1 : countBreaks(r.raw) + 1),
            0,
          );
          const lines = text === '' ? 0 : countBreaks(text) + (/(\r\n|\r|\n)$/.test(text) ? 0 : 1);
          expect(covered).toBe(lines);
        },
      ),
      { seed: 99, numRuns: 1000 },
    );
  });
});

describe('dialect', () => {
  const known = new Set(['allocation_id', 'username', 'used_from', 'used_to']);
  const normalize = (s: string) => s.trim().toLowerCase();

  test('sniffDelimiter picks the delimiter that names the most known columns', () => {
    expect(sniffDelimiter('allocation_id,username,used_from', known, normalize)).toBe(',');
    expect(sniffDelimiter('allocation_id;username;used_from', known, normalize)).toBe(';');
    expect(sniffDelimiter('allocation_id\tusername\tused_from', known, normalize)).toBe('\t');
  });

  test('sniffDelimiter is not fooled by the other delimiters inside names', () => {
    // Split by `,` (5 fields) this names nothing; split by `;` (4 fields) it names two columns.
    expect(sniffDelimiter('allocation_id;username;used_from,x;a,b,c,d', known, normalize)).toBe(';');
  });

  test('sniffDelimiter uses the normalization for matching', () => {
    expect(sniffDelimiter(' ALLOCATION_ID ; Username ; x,y', known, normalize)).toBe(';');
  });

  test('sniffDelimiter respects quotes in the header', () => {
    expect(sniffDelimiter('"allocation_id";"username";"a,b,c,d,e"', known, normalize)).toBe(';');
  });

  test('with no known names, the widest split wins; with none wider, the comma', () => {
    expect(sniffDelimiter('p;q;r,s', known, normalize)).toBe(';');
    expect(sniffDelimiter('p\tq\tr\ts;t', known, normalize)).toBe('\t');
    expect(sniffDelimiter('nothing', known, normalize)).toBe(',');
  });

  test('separatorHint reads an Excel sep= line', () => {
    expect(separatorHint('sep=;')).toBe(';');
    expect(separatorHint('sep=,')).toBe(',');
    expect(separatorHint('SEP=;')).toBe(';');
    expect(separatorHint(' sep=; ')).toBe(';');
  });

  test('separatorHint reads sep= with a tab', () => {
    // DELIMITERS includes tab, so `sep=<TAB>` must name it; trimming the line
    // must not eat the tab that is the hint itself.
    expect(separatorHint('sep=\t')).toBe('\t');
  });

  test('separatorHint ignores lines that are not a known sep= hint', () => {
    expect(separatorHint('sep=|')).toBeNull();
    expect(separatorHint('sep=')).toBeNull();
    expect(separatorHint('sep=;;')).toBeNull();
    expect(separatorHint('allocation_id,username')).toBeNull();
  });

  test('splitLine splits one line, quotes respected', () => {
    expect(splitLine('a,"b,c",d', ',')).toEqual(['a', 'b,c', 'd']);
    expect(splitLine('a;"b;""c""";', ';')).toEqual(['a', 'b;"c"', '']);
    expect(splitLine('a\tb', '\t')).toEqual(['a', 'b']);
  });

  test('splitLine of an empty string gives no fields', () => {
    // No text, no record (unlike an empty line inside a file, which is one empty field).
    expect(splitLine('', ',')).toEqual([]);
  });

  test('splitLine of a line with an unclosed quote gives no fields', () => {
    expect(splitLine('a,"b', ',')).toEqual([]);
  });
});
