/** Files on disk as byte sources, for the CLI and tests (Node only). */
import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { blobSource, type ByteSource } from './source.ts';

export async function pathSource(path: string): Promise<ByteSource> {
  // stat first: openAsBlob reports a missing file as an invalid argument, not ENOENT.
  const info = await stat(path);
  if (info.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR' });
  return { ...blobSource(await openAsBlob(path), basename(path)), path };
}
