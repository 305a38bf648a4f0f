/**
 * One pass over a file's bytes that DuckDB's CSV reader cannot give us: where
 * each physical line starts, which lines are empty (DuckDB skips them without
 * a trace), and whether a lone CR ends a line (a dialect left to our reader).
 * With these, every row DuckDB reads gets its line number and every reject its
 * raw text (ingest/duckdb-read.ts). A byte loop over chunks: no text is
 * decoded, no string is made, no task is long.
 */
import type { ByteSource } from './source.ts';

export interface LineScan {
  /** Physical lines, the last one counted when it has no line ending. */
  lines: number;
  /** 1-based numbers of the lines with no bytes at all. */
  emptyLines: number[];
  /** A CR not followed by LF ends a line somewhere. */
  loneCr: boolean;
  /** Byte offset where line `n` starts, at index n - 1; one more entry: the file's size. */
  starts: Float64Array;
}

const LF = 10;
const CR = 13;

/**
 * Scans `source`; `onBytes` is told the running byte count and the lines
 * ended so far, `signal` is checked between chunks.
 */
export async function scanLines(
  source: ByteSource,
  onBytes: (bytesRead: number, lines: number) => void,
  signal?: AbortSignal,
): Promise<LineScan> {
  let starts = new Float64Array(1024);
  let line = 1; // the line being read
  let length = 0; // its bytes so far
  let prevCr = false;
  let loneCr = false;
  const emptyLines: number[] = [];
  let offset = 0;
  const startLine = (at: number) => {
    if (line > starts.length) {
      const grown = new Float64Array(starts.length * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[line - 1] = at;
  };
  for await (const chunk of source.chunks()) {
    signal?.throwIfAborted();
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (c === LF) {
        if (prevCr) {
          prevCr = false;
          startLine(offset + i + 1); // the line began after the CR; it begins after the LF
          continue;
        }
      } else if (c === CR) {
        if (prevCr) loneCr = true;
        prevCr = true;
      } else {
        if (prevCr) loneCr = true;
        prevCr = false;
        length++;
        continue;
      }
      if (length === 0) emptyLines.push(line);
      line++;
      length = 0;
      startLine(offset + i + 1);
    }
    offset += chunk.length;
    onBytes(offset, line - 1);
  }
  if (prevCr) loneCr = true;
  const lines = length > 0 ? line : line - 1;
  const out = starts.slice(0, lines + 1);
  out[lines] = offset;
  return { lines, emptyLines, loneCr, starts: out };
}
