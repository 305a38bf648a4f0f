/**
 * The line scan (line-scan.ts) in a worker of its own: the page hands over
 * the File, and its bytes are read here, never in the page's heap.
 */
import { scanLines } from './line-scan.ts';
import { blobSource } from './source.ts';

export type ScanMessage =
  | { type: 'progress'; bytes: number; lines: number }
  | { type: 'done'; lines: number; emptyLines: number[]; loneCr: boolean; starts: Float64Array }
  | { type: 'failed'; message: string };

const post = (message: ScanMessage, transfer: Transferable[] = []) => postMessage(message, { transfer });

onmessage = (event: MessageEvent<{ blob: Blob }>) => {
  scanLines(blobSource(event.data.blob, 'file'), (bytes, lines) => post({ type: 'progress', bytes, lines })).then(
    (scan) => post({ type: 'done', ...scan }, [scan.starts.buffer]),
    (e: unknown) => post({ type: 'failed', message: String((e as Error)?.message ?? e) }),
  );
};
