/**
 * Text of one export to accepted rows and rejects, with no database: the header
 * is found and mapped, every later record is either accepted, rejected with a
 * reason, or (when blank) counted as a blank line. Pure, so it is tested alone.
 */
import { normalizeHeaderName, type DenialColumn, type ExportColumn } from '../columns.ts';
import { separatorHint, sniffDelimiter } from '../csv/dialect.ts';
import { CsvRecordReader, type CsvRecord } from '../csv/records.ts';
import { KNOWN_COLUMNS, mapHeader, type HeaderMap } from './header.ts';
import type { RejectReason } from './reasons.ts';
import { denialRowValidator, type DenialRow } from './denial-row.ts';
import { sessionRowValidator, type SessionRow } from './session-row.ts';

/** An accepted row, by the kind of file it came from. */
export type AcceptedRow = { kind: 'allocations'; row: SessionRow } | { kind: 'denials'; row: DenialRow };

export interface RowSink {
  accept(line: number, accepted: AcceptedRow, extra: string | null): void;
  reject(line: number, reason: RejectReason, message: string, raw: string): void;
}

export interface RowCounts {
  rowsRead: number;
  accepted: number;
  rejected: number;
  blankLines: number;
  naiveTimestamps: number;
}

export type HeaderState =
  | { kind: 'pending' }
  | { kind: 'ok'; delimiter: string; header: HeaderMap }
  | { kind: 'wrong-shape'; missing: string[] };

const REQUIRED_WIDTH_MESSAGE = (n: number, width: number) =>
  n < width
    ? `has ${n} fields; the header has ${width} (is the line cut short?)`
    : `has ${n} fields; the header has ${width}`;

const MAX_HEADER_CHARS = 1 << 20;

export class ExportRows {
  header: HeaderState = { kind: 'pending' };
  readonly counts: RowCounts = { rowsRead: 0, accepted: 0, rejected: 0, blankLines: 0, naiveTimestamps: 0 };
  private pending = '';
  private reader: CsvRecordReader | null = null;
  private readonly records: CsvRecord[] = [];
  private readonly validateSession: ReturnType<typeof sessionRowValidator>;
  private readonly validateDenial: ReturnType<typeof denialRowValidator>;

  private readonly sink: RowSink;
  /** The header's [column, field index] pairs, once it is known. */
  private columns: [string, number][] = [];

  constructor(sourceZone: string, sink: RowSink) {
    this.validateSession = sessionRowValidator(sourceZone);
    this.validateDenial = denialRowValidator(sourceZone);
    this.sink = sink;
  }

  /** Feeds text; returns false once the file is known to be of another shape. */
  push(text: string): boolean {
    if (this.header.kind === 'wrong-shape') return false;
    if (this.reader) {
      this.reader.push(text, this.records);
      this.drain();
    } else {
      this.pending += text;
      if (!this.startWhenHeaderComplete(false) && this.pending.length > MAX_HEADER_CHARS) {
        // A megabyte without a line break is no CSV export.
        this.header = { kind: 'wrong-shape', missing: [] };
      }
    }
    return this.header.kind !== 'wrong-shape';
  }

  finish(): void {
    if (!this.reader) this.startWhenHeaderComplete(true);
    if (!this.reader) return;
    this.reader.finish(this.records);
    this.drain();
  }

  /**
   * Once the first lines are in, reads the dialect from them and starts the
   * record reader on everything so far. Returns true when started.
   */
  private startWhenHeaderComplete(final: boolean): boolean {
    let text = this.pending;
    let firstLine = 1;
    let hinted: string | null = null;
    let blanks = 0;
    const lineEnd = (s: string) => s.search(/\r\n|\n|\r/);
    // Skip leading blank lines, and an Excel `sep=` line.
    for (;;) {
      const end = lineEnd(text);
      if (end < 0 && !final) return false;
      const line = end < 0 ? text : text.slice(0, end);
      const rest = end < 0 ? '' : text.slice(end + (text.startsWith('\r\n', end) ? 2 : 1));
      if (line.trim() === '' && end >= 0) {
        text = rest;
        firstLine++;
        blanks++;
        continue;
      }
      const hint: string | null = hinted === null ? separatorHint(line) : null;
      if (hint !== null) {
        hinted = hint;
        text = rest;
        firstLine++;
        continue;
      }
      if (line.trim() === '') return false; // nothing but blank lines: an empty file
      const delimiter = hinted ?? sniffDelimiter(line, KNOWN_COLUMNS, normalizeHeaderName);
      this.counts.blankLines += blanks;
      this.reader = new CsvRecordReader(delimiter, undefined, firstLine, true);
      this.pending = '';
      this.reader.push(text, this.records);
      if (final) this.reader.finish(this.records);
      this.drain();
      return true;
    }
  }

  private drain(): void {
    for (const record of this.records) {
      if (this.header.kind === 'wrong-shape') break;
      if (this.header.kind === 'pending') this.takeHeader(record);
      else this.takeRow(record, this.header.header);
    }
    this.records.length = 0;
  }

  private takeHeader(record: CsvRecord): void {
    const mapped = mapHeader(record.fields);
    if ('missing' in mapped) {
      this.header = { kind: 'wrong-shape', missing: mapped.missing };
      return;
    }
    this.header = { kind: 'ok', delimiter: this.reader!.delimiter, header: mapped };
    this.columns = Object.entries(mapped.index);
  }

  private takeRow(record: CsvRecord, header: HeaderMap): void {
    const { fields } = record;
    if (record.problem === undefined && fields.every((f) => f.trim() === '')) {
      this.counts.blankLines++;
      return;
    }
    this.counts.rowsRead++;
    if (record.problem === 'unbalanced_quote') {
      return this.reject(record, 'unbalanced_quote', 'a quote opens a field that never closes');
    }
    if (record.problem === 'text_after_quote') {
      return this.reject(record, 'text_after_quote', 'text follows the closing quote of a field');
    }
    if (
      fields.length < header.width ||
      (fields.length > header.width && fields.slice(header.width).some((f) => f.trim() !== ''))
    ) {
      return this.reject(record, 'field_count', REQUIRED_WIDTH_MESSAGE(fields.length, header.width));
    }
    const values: Record<string, string> = {};
    for (const [column, i] of this.columns) values[column] = i < 0 ? '' : fields[i]!;
    const verdict =
      header.kind === 'allocations'
        ? this.validateSession(values as Record<ExportColumn, string>)
        : this.validateDenial(values as Record<DenialColumn, string>);
    if (!verdict.ok) return this.reject(record, verdict.reason, verdict.message);
    this.counts.accepted++;
    this.counts.naiveTimestamps += verdict.row.naive;
    const accepted = (
      header.kind === 'allocations' ? { kind: 'allocations', row: verdict.row } : { kind: 'denials', row: verdict.row }
    ) as AcceptedRow;
    this.sink.accept(record.line, accepted, extraValues(header, fields));
  }

  private reject(record: CsvRecord, reason: RejectReason, message: string): void {
    this.counts.rejected++;
    this.sink.reject(record.line, reason, message, record.raw);
  }
}

/** The values of columns we do not use, as JSON, or null when there are none. */
function extraValues(header: HeaderMap, fields: string[]): string | null {
  if (header.extras.length === 0) return null;
  const entries = header.extras.map((e) => [e.name, fields[e.index] ?? ''] as const);
  if (entries.every(([, v]) => v === '')) return null;
  return JSON.stringify(Object.fromEntries(entries));
}
