/** Files on disk as byte sources, for the CLI and tests (Node only). */
import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { blobSource, type ByteSource } from './source.ts';

export async function pathSource(path: string): Promise<ByteSource> {
  return blobSource(await openAsBlob(path), basename(path));
}
