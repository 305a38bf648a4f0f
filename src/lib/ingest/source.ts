/**
 * Where file bytes come from: a dropped File in the page, a path in Node, or a
 * string in tests. Read as a stream of chunks, never as one big string.
 */

export interface ByteSource {
  readonly name: string;
  readonly size: number;
  /** A fresh stream of the bytes from the start (a source may be read twice). */
  chunks(): AsyncIterable<Uint8Array>;
  /** The bytes as a Blob, when there is one: DuckDB can then read them itself (ingest/duckdb-read.ts). */
  readonly blob?: Blob;
  /** The file's path on disk, when it has one (Node): DuckDB reads it without copying. */
  readonly path?: string;
}

/** A Blob or File (page, and Node's `fs.openAsBlob`). */
export function blobSource(blob: Blob, name: string): ByteSource {
  return {
    name,
    size: blob.size,
    blob,
    async *chunks() {
      const reader = blob.stream().getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      } finally {
        reader.releaseLock();
      }
    },
  };
}

export function fileSource(file: File): ByteSource {
  return blobSource(file, file.name);
}

/** Text or bytes held in memory (tests, generated data), served in `chunkSize` pieces. */
export function memorySource(name: string, content: string | Uint8Array, chunkSize = 1 << 16): ByteSource {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return {
    name,
    size: bytes.byteLength,
    blob: new Blob([bytes as Uint8Array<ArrayBuffer>]),
    async *chunks() {
      for (let i = 0; i < bytes.byteLength; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
    },
  };
}
