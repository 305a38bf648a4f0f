/**
 * The line scan that numbers DuckDB's rows (ingest/line-scan.ts) against the
 * obvious reading of the same text, whatever the line endings and however
 * the bytes are cut into chunks (a CRLF split across two chunks included).
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { scanLines } from '../../../src/lib/ingest/line-scan.ts';
import { memorySource } from '../../../src/lib/ingest/source.ts';

/** Lines as a reader splitting at CRLF, LF and CR sees them, with their start offsets (ASCII text). */
function reference(text: string) {
  const starts = [0];
  const empty: number[] = [];
  let length = 0;
  let loneCr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r' && text[i + 1] !== '\n') loneCr = true;
    if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      if (length === 0) empty.push(starts.length);
      starts.push(i + 1);
      length = 0;
    } else length++;
  }
  const lines = length > 0 ? starts.length : starts.length - 1;
  return { lines, emptyLines: empty, loneCr, starts: [...starts.slice(0, lines), text.length] };
}

test('lines, empty lines, lone CRs and line starts, in chunks of any size', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.constantFrom('a', 'bc', ',', '\n', '\r\n', '\r', ''), { maxLength: 60 }).map((p) => p.join('')),
      fc.integer({ min: 1, max: 9 }),
      async (text, chunk) => {
        let bytes = 0;
        const scan = await scanLines(memorySource('t.csv', text, chunk), (n) => (bytes = n));
        const want = reference(text);
        expect({ ...scan, starts: [...scan.starts] }).toEqual(want);
        expect(bytes).toBe(text.length);
      },
    ),
    { seed: 5, numRuns: 400 },
  );
});
