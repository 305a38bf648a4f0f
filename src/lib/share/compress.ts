/**
 * zlib deflate through the platform's CompressionStream (browsers and Node
 * alike), and a bounded inflate: a link can hold a "zip bomb", so reading
 * stops as soon as the output passes a limit. The zlib format (not raw
 * deflate) carries an Adler-32 checksum of the content: a link edited or
 * damaged anywhere fails to inflate instead of decoding to other figures.
 */

async function drain(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new RangeError(`more than ${maxBytes} bytes once decompressed`);
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

function through(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): ReadableStream<Uint8Array> {
  const source = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream();
  return source.pipeThrough(transform as TransformStream<Uint8Array, Uint8Array>);
}

export function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  return drain(through(bytes, new CompressionStream('deflate')), Number.MAX_SAFE_INTEGER);
}

/** Inflates, refusing output over `maxBytes`, data that is not zlib deflate, and a checksum that does not match (all throw). */
export function inflate(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  return drain(through(bytes, new DecompressionStream('deflate')), maxBytes);
}
