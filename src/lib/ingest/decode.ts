/**
 * Bytes to text, chunk by chunk. A byte-order mark decides UTF-8 or UTF-16,
 * and without one so does the NUL pattern of UTF-16 text (docs/DOMAIN.md §8.1);
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

/** How many bytes of a file's start `sniffEncoding` looks at. */
export const SNIFF_BYTES = 4096;

/**
 * The encoding a file's first bytes declare: its byte-order mark, or else
 * UTF-16 without one. An export's text is mostly ASCII, so in UTF-16 every
 * other byte is NUL: at odd positions in little-endian, at even ones in
 * big-endian. A quarter of the pairs so marked, and the other side nearly
 * free of NULs, tells UTF-16 from a text file with a stray NUL.
 */
export function sniffEncoding(head: Uint8Array): Encoding | null {
  const bom = encodingFromBom(head);
  if (bom !== null) return bom;
  const pairs = Math.floor(Math.min(head.length, SNIFF_BYTES) / 2);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) even++;
    if (head[2 * i + 1] === 0) odd++;
  }
  if (pairs === 0) return null;
  if (odd * 4 >= pairs && even * 8 <= odd) return 'utf-16le';
  if (even * 4 >= pairs && odd * 8 <= even) return 'utf-16be';
  return null;
}

/**
 * True when a file's first bytes hold a NUL: no CSV text in UTF-8 or
 * Windows-1252 does, so a file with one that reads as no export was refused
 * for its encoding, not its columns.
 */
export function holdsNul(head: Uint8Array): boolean {
  return head.subarray(0, SNIFF_BYTES).includes(0);
}

/** The message of a file refused for its encoding. */
export function encodingRefusal(name: string): string {
  return (
    `${name}: its encoding is not one vaultlens reads: it holds NUL bytes, as no UTF-8 or Windows-1252 text does, ` +
    'and they follow no UTF-16 pattern. Save it as CSV in UTF-8 (or UTF-16 with a byte-order mark) and load it again.'
  );
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
