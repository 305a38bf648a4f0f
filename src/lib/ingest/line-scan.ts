/**
 * One pass over a file's bytes that DuckDB's CSV reader cannot give us: where
 * each physical line starts, which lines are empty (DuckDB skips them without
 * a trace), and whether a lone CR ends a line (a dialect left to our reader).
 * With these, every row DuckDB reads gets its line number and every reject its
 * raw text (ingest/duckdb-read.ts). A pass over chunks from one CR or LF to
 * the next, found with the typed array's own indexOf (a byte loop in
 * JavaScript took twice as long): no text is decoded, no string is made, no
 * task is long.
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
    // From one CR or LF to the next (indexOf runs natively): the bytes between are the line's text.
    let pos = 0;
    let lf = chunk.indexOf(LF);
    let cr = chunk.indexOf(CR);
    while (pos < chunk.length) {
      const next = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      const end = next < 0 ? chunk.length : next;
      if (end > pos) {
        if (prevCr) loneCr = true;
        prevCr = false;
        length += end - pos;
      }
      if (next < 0) break;
      pos = next + 1;
      if (chunk[next] === LF) {
        lf = chunk.indexOf(LF, pos);
        if (prevCr) {
          prevCr = false;
          startLine(offset + pos); // the line began after the CR; it begins after the LF
          continue;
        }
      } else {
        cr = chunk.indexOf(CR, pos);
        if (prevCr) loneCr = true;
        prevCr = true;
      }
      if (length === 0) emptyLines.push(line);
      line++;
      length = 0;
      startLine(offset + pos);
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
