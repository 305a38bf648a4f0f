/**
 * The dialect of a file, read from its header line: which of `,` `;` or tab
 * splits it into the most known column names. Spreadsheets also write a first
 * line `sep=;` to name the delimiter; it is honoured and skipped.
 */
import { CsvRecordReader, type CsvRecord } from './records.ts';

export const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter named by an Excel `sep=` line, if `line` is one. */
export function separatorHint(line: string): string | null {
  // Only spaces are trimmed: the delimiter itself may be a tab.
  const m = /^ *sep=(.) *$/i.exec(line);
  return m && (DELIMITERS as readonly string[]).includes(m[1]!) ? m[1]! : null;
}

/** Splits one line with `delimiter` (quotes respected). */
export function splitLine(line: string, delimiter: string): string[] {
  const out: CsvRecord[] = [];
  const reader = new CsvRecordReader(delimiter);
  reader.push(line, out);
  reader.finish(out);
  return out[0]?.fields ?? [];
}

/** Picks the delimiter under which `headerLine` names the most of `known` (normalized names). */
export function sniffDelimiter(
  headerLine: string,
  known: ReadonlySet<string>,
  normalize: (s: string) => string,
): string {
  let best: string = DELIMITERS[0];
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const fields = splitLine(headerLine, d);
    const matches = fields.filter((f) => known.has(normalize(f))).length;
    // Matches decide; among files naming nothing we know, the widest split wins.
    const score = matches * 1000 + Math.min(fields.length, 999);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}
