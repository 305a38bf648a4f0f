/**
 * Accepted rows and rejects gathered column by column and handed to DuckDB as
 * Arrow tables: one insert per many thousand rows, no SQL text per row.
 */
import { Float64, Int32, Table, Utf8, vectorFromArray } from 'apache-arrow';
import type { DenialRow } from './denial-row.ts';
import type { SessionRow } from './session-row.ts';

const utf8 = (values: (string | null)[]) => vectorFromArray(values, new Utf8());
const int32 = (values: number[]) => vectorFromArray(values, new Int32());
const float64 = (values: (number | null)[]) => vectorFromArray(values, new Float64());

/** Rows for the `staged` table, in its column order (sql/schema.ts). */
export class SessionBatch {
  private line: number[] = [];
  private allocationId: string[] = [];
  private license: string[] = [];
  private product: (string | null)[] = [];
  private username: string[] = [];
  private email: (string | null)[] = [];
  private ip: (string | null)[] = [];
  private hostname: (string | null)[] = [];
  private externalId: (string | null)[] = [];
  private from: number[] = [];
  private to: (number | null)[] = [];
  private extra: (string | null)[] = [];

  private readonly fileId: number;

  constructor(fileId: number) {
    this.fileId = fileId;
  }

  get length(): number {
    return this.line.length;
  }

  add(line: number, row: SessionRow, extra: string | null): void {
    this.line.push(line);
    this.allocationId.push(row.allocation_id);
    this.license.push(row.allocated_license);
    this.product.push(row.user_product);
    this.username.push(row.username);
    this.email.push(row.user_email);
    this.ip.push(row.user_ip);
    this.hostname.push(row.user_hostname);
    this.externalId.push(row.external_id);
    this.from.push(row.used_from);
    this.to.push(row.used_to);
    this.extra.push(extra);
  }

  /** The batch as an Arrow table; the batch is emptied. */
  take(): Table {
    const table = new Table({
      file_id: int32(new Array<number>(this.length).fill(this.fileId)),
      line: int32(this.line),
      allocation_id: utf8(this.allocationId),
      allocated_license: utf8(this.license),
      user_product: utf8(this.product),
      username: utf8(this.username),
      user_email: utf8(this.email),
      user_ip: utf8(this.ip),
      user_hostname: utf8(this.hostname),
      external_id: utf8(this.externalId),
      used_from_ms: float64(this.from),
      used_to_ms: float64(this.to),
      extra: utf8(this.extra),
    });
    this.line = [];
    this.allocationId = [];
    this.license = [];
    this.product = [];
    this.username = [];
    this.email = [];
    this.ip = [];
    this.hostname = [];
    this.externalId = [];
    this.from = [];
    this.to = [];
    this.extra = [];
    return table;
  }
}

/** Rejected rows for the `rejects` table, in its column order. */
export class RejectBatch {
  private line: number[] = [];
  private reason: string[] = [];
  private message: string[] = [];
  private raw: string[] = [];

  private readonly fileId: number;
  private readonly fileName: string;

  constructor(fileId: number, fileName: string) {
    this.fileId = fileId;
    this.fileName = fileName;
  }

  get length(): number {
    return this.line.length;
  }

  add(line: number, reason: string, message: string, raw: string): void {
    this.line.push(line);
    this.reason.push(reason);
    this.message.push(message);
    this.raw.push(raw);
  }

  take(): Table {
    const n = this.length;
    const table = new Table({
      file_id: int32(new Array<number>(n).fill(this.fileId)),
      file_name: utf8(new Array<string>(n).fill(this.fileName)),
      line: int32(this.line),
      reason: utf8(this.reason),
      message: utf8(this.message),
      raw: utf8(this.raw),
    });
    this.line = [];
    this.reason = [];
    this.message = [];
    this.raw = [];
    return table;
  }
}

/** Rows for the `staged_denials` table, in its column order. */
export class DenialBatch {
  private rows: { line: number; row: DenialRow }[] = [];
  private readonly fileId: number;

  constructor(fileId: number) {
    this.fileId = fileId;
  }

  get length(): number {
    return this.rows.length;
  }

  add(line: number, row: DenialRow): void {
    this.rows.push({ line, row });
  }

  take(): Table {
    const rows = this.rows;
    this.rows = [];
    const col = (f: (r: DenialRow) => string | null) => utf8(rows.map((x) => f(x.row)));
    return new Table({
      file_id: int32(new Array<number>(rows.length).fill(this.fileId)),
      line: int32(rows.map((x) => x.line)),
      denied_at_ms: float64(rows.map((x) => x.row.denied_at)),
      username: col((r) => r.username),
      user_email: col((r) => r.user_email),
      user_product: col((r) => r.user_product),
      requested_license: col((r) => r.requested_license),
      reason: col((r) => r.reason),
      user_hostname: col((r) => r.user_hostname),
      user_ip: col((r) => r.user_ip),
    });
  }
}
