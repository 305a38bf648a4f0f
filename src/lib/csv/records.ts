/**
 * A streaming CSV record reader (RFC 4180, leniently). Text arrives in chunks of
 * any size; complete records come out with the physical line they start on and
 * their raw text, which rejects must keep (docs/DOMAIN.md §2.4).
 *
 * Why not papaparse here: we need, per record, the exact line number and raw
 * text, and a bounded recovery from an unbalanced quote. An unclosed quote
 * would otherwise swallow the rest of the file into one field; here a quoted
 * field that runs past `maxRecordChars`, or to the end of the file, or that
 * joins lines into a malformed record (wrong width, or text after a closing
 * quote), costs only its own first line.
 */

export type RecordProblem = 'unbalanced_quote' | 'text_after_quote';

export interface CsvRecord {
  /** 1-based physical line the record starts on. */
  line: number;
  /** The record's text, without its line ending. */
  raw: string;
  fields: string[];
  problem?: RecordProblem;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvRecordReader {
  private buf = '';
  private pos = 0;
  private line = 1;
  /** Width of the header, once known: a multi-line record of another width is a stray quote. */
  expectedFields = 0;

  readonly delimiter: string;
  readonly maxRecordChars: number;
  private readonly widthFromFirstRecord: boolean;

  /**
   * With `widthFromFirstRecord`, the first record is taken for the header and
   * its width becomes `expectedFields` at once, before any later record of the
   * same chunk is read: recovery from stray quotes then works from line two,
   * whatever the chunk sizes.
   */
  constructor(delimiter: string, maxRecordChars = 1 << 20, firstLine = 1, widthFromFirstRecord = false) {
    if (delimiter.length !== 1) throw new Error('delimiter must be one character');
    this.delimiter = delimiter;
    this.maxRecordChars = maxRecordChars;
    this.line = firstLine;
    this.widthFromFirstRecord = widthFromFirstRecord;
  }

  /** Adds text and appends every record it completes to `out`. */
  push(text: string, out: CsvRecord[]): void {
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + text : text;
    this.pos = 0;
    this.drain(out, false);
  }

  /** Ends the input: what is left becomes the last records. */
  finish(out: CsvRecord[]): void {
    this.drain(out, true);
    this.buf = '';
    this.pos = 0;
  }

  private drain(out: CsvRecord[], final: boolean): void {
    while (this.pos < this.buf.length) {
      const record = this.readRecord(final);
      if (!record) return;
      out.push(record);
    }
  }

  /** Reads one record at `pos`, or returns null when more text is needed. */
  private readRecord(final: boolean): CsvRecord | null {
    const buf = this.buf;
    const len = buf.length;
    const delim = this.delimiter.charCodeAt(0);
    const start = this.pos;
    const fields: string[] = [];
    let problem: RecordProblem | undefined;
    let quotedBreaks = false;
    let i = start;
    let end: number;
    for (;;) {
      if (i < len && buf.charCodeAt(i) === QUOTE) {
        let value = '';
        let segment = i + 1;
        let j = segment;
        for (;;) {
          const q = buf.indexOf('"', j);
          if (q < 0 || q - start > this.maxRecordChars) {
            if (!final && q < 0 && len - start <= this.maxRecordChars) return null;
            return this.unbalanced(start, final);
          }
          if (q + 1 >= len && !final) return null; // is it `""` or the closing quote?
          if (buf.charCodeAt(q + 1) === QUOTE) {
            value += buf.slice(segment, q + 1);
            j = segment = q + 2;
            continue;
          }
          value += buf.slice(segment, q);
          i = q + 1;
          break;
        }
        if (!quotedBreaks && (value.includes('\n') || value.includes('\r'))) quotedBreaks = true;
        // After the closing quote: a delimiter, a line end, or stray text kept as is.
        let k = i;
        while (k < len) {
          const c = buf.charCodeAt(k);
          if (c === delim || c === LF || c === CR) break;
          k++;
        }
        if (k >= len && !final) return null;
        if (k > i) {
          value += buf.slice(i, k);
          problem = 'text_after_quote';
        }
        fields.push(value);
        i = k;
      } else {
        let j = i;
        while (j < len) {
          const c = buf.charCodeAt(j);
          if (c === delim || c === LF || c === CR) break;
          j++;
        }
        if (j >= len && !final) return null;
        fields.push(buf.slice(i, j));
        i = j;
      }
      if (i < len && buf.charCodeAt(i) === delim) {
        i++;
        continue;
      }
      end = i;
      break;
    }
    let next = end;
    if (end < len) {
      if (buf.charCodeAt(end) === CR) {
        next++;
        if (next >= len && !final) return null; // a CRLF split across chunks
        if (next < len && buf.charCodeAt(next) === LF) next++;
      } else {
        next++;
      }
    }
    const raw = buf.slice(start, end);
    const breaks = quotedBreaks ? countLineBreaks(raw) : 0;
    // A record spanning lines that is malformed is far likelier a stray quote
    // than a real multi-line value: give up only its first line.
    if (breaks > 0 && this.expectedFields > 0 && (fields.length !== this.expectedFields || problem)) {
      return this.unbalanced(start, final);
    }
    const record: CsvRecord = { line: this.line, raw, fields };
    if (problem) record.problem = problem;
    if (this.widthFromFirstRecord && this.expectedFields === 0) this.expectedFields = fields.length;
    this.line += 1 + breaks;
    this.pos = next;
    return record;
  }

  /** Gives up the record at `start`: its first physical line is rejected, reading resumes after it. */
  private unbalanced(start: number, final: boolean): CsvRecord | null {
    const buf = this.buf;
    let end = start;
    while (end < buf.length && buf.charCodeAt(end) !== LF && buf.charCodeAt(end) !== CR) end++;
    // The whole line is given up, so wait for its end (and for the LF of a CRLF).
    if (!final && (end >= buf.length || (buf.charCodeAt(end) === CR && end + 1 >= buf.length))) return null;
    let next = end;
    if (next < buf.length && buf.charCodeAt(next) === CR) next++;
    if (next < buf.length && buf.charCodeAt(next) === LF) next++;
    const record: CsvRecord = { line: this.line, raw: buf.slice(start, end), fields: [], problem: 'unbalanced_quote' };
    this.line += 1;
    this.pos = next;
    return record;
  }
}

/** Line breaks inside a record's raw text: CRLF, LF or a lone CR each count once. */
function countLineBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR) {
      n++;
      if (text.charCodeAt(i + 1) === LF) i++;
    }
  }
  return n;
}
