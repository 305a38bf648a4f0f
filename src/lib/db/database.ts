/**
 * One query interface, two back ends running the same SQL: the browser's
 * AsyncDuckDB (db/browser.ts) and the blocking WASM build in Node (db/node.ts).
 * Everything above this layer speaks only `Database`.
 */
import { DataType, type Table, type Vector } from 'apache-arrow';

/** A result row as plain JS values: BigInt is converted at this boundary. */
export type Row = Record<string, unknown>;

export interface Database {
  /** Runs one statement (or several separated by `;`) and returns the last result's rows. */
  query<T extends Row = Row>(sql: string): Promise<T[]>;
  /**
   * Runs a query whose columns are all INTEGER or DOUBLE, none null, and
   * returns them as typed arrays by name: a million rows without a million
   * objects. A back end without it is read through `query` (numberColumns).
   */
  queryColumns?(sql: string): Promise<Columns>;
  /**
   * Appends an Arrow table to `table` (by column position), creating it when
   * `create` is set. Sent as an IPC stream: DuckDB's own copy of apache-arrow
   * may be another module instance than ours, and Table objects do not cross.
   */
  insertArrow(table: string, data: Table, create?: boolean): Promise<void>;
  /**
   * Lets SQL's `read_csv` read a file's bytes in place (the page's File, a
   * path in Node): returns the name to give `read_csv`. A back end without it
   * gets every file through our own reader (ingest/load.ts).
   */
  registerFile?(name: string, file: { blob?: Blob; path?: string }): Promise<string>;
  /**
   * Runs one statement whose result nobody needs, stopping it inside DuckDB
   * when `signal` aborts (then it rejects with the signal's reason). A back
   * end without it runs the statement to its end with `query`.
   */
  run?(sql: string, signal?: AbortSignal): Promise<void>;
  /** Forgets a file registered with `registerFile`. */
  dropFile?(name: string): Promise<void>;
  close(): Promise<void>;
}

/** A result as columns: INTEGER as Int32Array, DOUBLE as Float64Array. */
export type Columns = Record<string, Int32Array | Float64Array>;

/** An Arrow result of INTEGER and DOUBLE columns as typed arrays (queryColumns). */
export function arrowColumns(table: Table): Columns {
  const out: Columns = {};
  table.schema.fields.forEach((field, i) => {
    const values: unknown = table.getChildAt(i)!.toArray();
    if (!(values instanceof Int32Array || values instanceof Float64Array)) {
      throw new TypeError(`column ${field.name} is ${String(field.type)}, not INTEGER or DOUBLE`);
    }
    out[field.name] = values;
  });
  return out;
}

/** The columns of a query of INTEGER and DOUBLE columns, through queryColumns when the back end has it. */
export async function numberColumns(db: Database, sql: string, names: readonly string[]): Promise<Columns> {
  if (db.queryColumns) return db.queryColumns(sql);
  const rows = await db.query(sql);
  const column = (name: string) => Float64Array.from(rows, (r) => Number(r[name]));
  return Object.fromEntries(names.map((name) => [name, column(name)]));
}

/** Converts one Arrow value to plain JSON-friendly JS. */
export function plainValue(value: unknown): unknown {
  if (typeof value === 'bigint') {
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new RangeError(`integer ${value} does not fit a JS number`);
    return n;
  }
  if (value !== null && typeof value === 'object' && 'toJSON' in value && typeof value.toJSON === 'function') {
    return plainValue(value.toJSON());
  }
  if (Array.isArray(value)) return value.map(plainValue);
  return value;
}

/**
 * Apache Arrow decodes strings with a default TextDecoder, which drops a
 * leading U+FEFF from every value: text from a user's file would lose a
 * character. Our own decoder keeps it.
 */
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** A string column's values, decoded by our decoder (a U+FEFF in a value is kept). */
export function utf8Column(vector: Vector): (string | null)[] {
  const out: (string | null)[] = [];
  for (const data of vector.data) {
    const offsets = data.valueOffsets;
    const values = data.values as Uint8Array;
    for (let i = 0; i < data.length; i++) {
      out.push(data.getValid(i) ? utf8.decode(values.subarray(Number(offsets[i]), Number(offsets[i + 1]))) : null);
    }
  }
  return out;
}

/** Turns an Arrow result into plain rows (no BigInt, no Arrow proxies). */
export function arrowToRows<T extends Row>(table: Table): T[] {
  const names = table.schema.fields.map((f) => f.name);
  const columns = names.map((_, i) => {
    const vector = table.getChildAt(i)!;
    if (DataType.isUtf8(vector.type) || DataType.isLargeUtf8(vector.type)) {
      const strings = utf8Column(vector);
      return (r: number) => strings[r] ?? null;
    }
    // The vector's own iterator walks its batches once; get(r) searches the batches for every row.
    const values = Array.from(vector, (v: unknown) => plainValue(v ?? null));
    return (r: number) => values[r];
  });
  // numRows sums the batches each time it is read: read once, not per row.
  const count = table.numRows;
  const rows: T[] = new Array(count);
  for (let r = 0; r < count; r++) {
    const row: Row = {};
    for (let c = 0; c < names.length; c++) row[names[c]!] = columns[c]!(r);
    rows[r] = row as T;
  }
  return rows;
}
