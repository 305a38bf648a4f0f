/**
 * Bytes to text, chunk by chunk. A byte-order mark decides UTF-8 or UTF-16;
 * otherwise UTF-8 is tried strictly, and a file that is not valid UTF-8 is read
 * again as Windows-1252, the usual encoding of spreadsheet exports, with a notice.
 */
import type { ByteSource } from './source.ts';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export function encodingFromBom(head: Uint8Array): Encoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/** Thrown when strict UTF-8 decoding fails, so the caller can read again. */
export class NotUtf8Error extends Error {}

/**
 * Decodes `source` as `encoding`, yielding text pieces; `onBytes` is told the
 * running byte count. When `strict`, invalid bytes throw NotUtf8Error;
 * otherwise they become U+FFFD.
 */
export async function* decodeChunks(
  source: ByteSource,
  encoding: Encoding,
  strict: boolean,
  onBytes: (bytesRead: number) => void,
): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: strict });
  let bytesRead = 0;
  try {
    for await (const chunk of source.chunks()) {
      bytesRead += chunk.byteLength;
      const text = decoder.decode(chunk, { stream: true });
      onBytes(bytesRead);
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (e) {
    if (strict && e instanceof TypeError) throw new NotUtf8Error(`${source.name} is not valid ${encoding}`);
    throw e;
  }
}
