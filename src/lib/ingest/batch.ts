/**
 * Accepted rows and rejects gathered column by column and handed to DuckDB as
 * Arrow tables: one insert per many thousand rows, no SQL text per row.
 *
 * Accepted sessions are the bulk of a load, so their columns are written
 * straight into Arrow's buffers as rows arrive (UTF-8 bytes, offsets, validity
 * bits, numbers), with no array of strings per column and no Arrow builder in
 * between: a profile of the earlier path (vectorFromArray over string arrays)
 * spent about as long building the Arrow table as parsing the CSV, much of it
 * in garbage collection and UTF-8 encoding.
 */
import { Float64, Int32, Table, Utf8, makeData, makeVector, type Data, type Vector } from 'apache-arrow';
import { float64Vector, int32Vector, utf8Vector } from '../arrow-vectors.ts';
import type { DenialRow } from './denial-row.ts';
import type { SessionRow } from './session-row.ts';

// Not apache-arrow's vectorFromArray: it evaluates code, which the page's policy refuses (arrow-vectors.ts).
const utf8 = utf8Vector;
const int32 = int32Vector;
const float64 = float64Vector;

const encoder = new TextEncoder();

/** Validity bits, one per row, for a column that may hold nulls. */
class Validity {
  bits: Uint8Array;
  nulls = 0;
  constructor(capacity: number) {
    this.bits = new Uint8Array((capacity + 7) >> 3);
  }
  set(i: number, valid: boolean): void {
    if (i >> 3 >= this.bits.length) {
      const grown = new Uint8Array(this.bits.length * 2);
      grown.set(this.bits);
      this.bits = grown;
    }
    if (valid) this.bits[i >> 3]! |= 1 << (i & 7);
    else this.nulls++;
  }
}

/** A UTF-8 column written into its Arrow buffers directly. */
export class Utf8Column {
  private offsets: Int32Array;
  private bytes: Uint8Array;
  private validity: Validity;
  private n = 0;
  private pos = 0;

  constructor(capacity = 1024) {
    this.offsets = new Int32Array(capacity + 1);
    this.bytes = new Uint8Array(capacity * 16);
    this.validity = new Validity(capacity);
  }

  get length(): number {
    return this.n;
  }

  add(s: string | null): void {
    const i = this.n++;
    if (i + 1 >= this.offsets.length) {
      const grown = new Int32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.validity.set(i, s !== null);
    if (s !== null && s.length > 0) {
      // At most 3 bytes per UTF-16 unit.
      if (this.pos + s.length * 3 > this.bytes.length) {
        const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.pos + s.length * 3));
        grown.set(this.bytes.subarray(0, this.pos));
        this.bytes = grown;
      }
      const bytes = this.bytes;
      let pos = this.pos;
      let ascii = true;
      for (let k = 0; k < s.length; k++) {
        const c = s.charCodeAt(k);
        if (c >= 0x80) {
          ascii = false;
          break;
        }
        bytes[pos + k] = c;
      }
      if (ascii) pos += s.length;
      else pos += encoder.encodeInto(s, bytes.subarray(pos)).written;
      this.pos = pos;
    }
    this.offsets[i + 1] = this.pos;
  }

  /** The column as Arrow data; the buffers are handed over. */
  data(): Data<Utf8> {
    return makeData({
      type: new Utf8(),
      length: this.n,
      nullCount: this.validity.nulls,
      nullBitmap: this.validity.nulls > 0 ? this.validity.bits : null,
      valueOffsets: this.offsets.subarray(0, this.n + 1),
      data: this.bytes.subarray(0, this.pos),
    });
  }
}

/** A DOUBLE column that may hold nulls. */
export class Float64Column {
  private values: Float64Array;
  private validity: Validity;
  private n = 0;

  constructor(capacity = 1024) {
    this.values = new Float64Array(capacity);
    this.validity = new Validity(capacity);
  }

  add(x: number | null): void {
    const i = this.n++;
    if (i >= this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.validity.set(i, x !== null);
    if (x !== null) this.values[i] = x;
  }

  data(): Data<Float64> {
    return makeData({
      type: new Float64(),
      length: this.n,
      nullCount: this.validity.nulls,
      nullBitmap: this.validity.nulls > 0 ? this.validity.bits : null,
      data: this.values.subarray(0, this.n),
    });
  }
}

/** An INTEGER column without nulls. */
class Int32Column {
  private values: Int32Array;
  private n = 0;
  constructor(capacity = 1024) {
    this.values = new Int32Array(capacity);
  }
  add(x: number): void {
    if (this.n >= this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.n++] = x;
  }
  vector(): Vector<Int32> {
    return makeVector(this.values.subarray(0, this.n));
  }
}

/** Rows for the `staged` table, in its column order (sql/schema.ts). */
export class SessionBatch {
  private readonly fileId: number;
  private readonly capacity: number;
  private n = 0;
  private line!: Int32Column;
  private strings!: Utf8Column[];
  private from!: Float64Column;
  private to!: Float64Column;
  private extra!: Utf8Column;

  constructor(fileId: number, capacity = 1024) {
    this.fileId = fileId;
    this.capacity = capacity;
    this.reset();
  }

  private reset(): void {
    const c = this.capacity;
    this.n = 0;
    this.line = new Int32Column(c);
    // allocation_id, allocated_license, user_product, username, user_email, user_ip, user_hostname, external_id
    this.strings = Array.from({ length: 8 }, () => new Utf8Column(c));
    this.from = new Float64Column(c);
    this.to = new Float64Column(c);
    this.extra = new Utf8Column(16);
  }

  get length(): number {
    return this.n;
  }

  add(line: number, row: SessionRow, extra: string | null): void {
    this.n++;
    this.line.add(line);
    const s = this.strings;
    s[0]!.add(row.allocation_id);
    s[1]!.add(row.allocated_license);
    s[2]!.add(row.user_product);
    s[3]!.add(row.username);
    s[4]!.add(row.user_email);
    s[5]!.add(row.user_ip);
    s[6]!.add(row.user_hostname);
    s[7]!.add(row.external_id);
    this.from.add(row.used_from);
    this.to.add(row.used_to);
    this.extra.add(extra);
  }

  /** The batch as an Arrow table; the batch is emptied. */
  take(): Table {
    const s = this.strings.map((c) => makeVector(c.data()));
    const table = new Table({
      file_id: makeVector(new Int32Array(this.n).fill(this.fileId)),
      line: this.line.vector(),
      allocation_id: s[0]!,
      allocated_license: s[1]!,
      user_product: s[2]!,
      username: s[3]!,
      user_email: s[4]!,
      user_ip: s[5]!,
      user_hostname: s[6]!,
      external_id: s[7]!,
      used_from_ms: makeVector(this.from.data()),
      used_to_ms: makeVector(this.to.data()),
      extra: makeVector(this.extra.data()),
    });
    this.reset();
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
