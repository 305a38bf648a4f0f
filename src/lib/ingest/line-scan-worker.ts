/**
 * The page's line scan: run in a worker (line-scan.worker.ts), so that no byte
 * of the file passes through the page's heap and no task of the scan runs on
 * its main thread. Cancelling ends the worker at once.
 */
import type { LineScan } from './line-scan.ts';
import type { ScanMessage } from './line-scan.worker.ts';
import type { ByteSource } from './source.ts';

export function scanLinesInWorker(
  source: ByteSource,
  onBytes: (bytesRead: number, lines: number) => void,
  signal?: AbortSignal,
): Promise<LineScan> {
  const blob = source.blob;
  if (!blob) return Promise.reject(new Error(`${source.name}: no File to scan`));
  return new Promise<LineScan>((resolve, reject) => {
    signal?.throwIfAborted();
    const worker = new Worker(new URL('./line-scan.worker.ts', import.meta.url), { type: 'module' });
    const stop = () => {
      worker.terminate();
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', stop, { once: true });
    const end = () => {
      signal?.removeEventListener('abort', stop);
      worker.terminate();
    };
    worker.onmessage = (event: MessageEvent<ScanMessage>) => {
      const m = event.data;
      if (m.type === 'progress') onBytes(m.bytes, m.lines);
      else if (m.type === 'done') {
        end();
        resolve({ lines: m.lines, emptyLines: m.emptyLines, loneCr: m.loneCr, starts: m.starts });
      } else {
        end();
        reject(new Error(m.message));
      }
    };
    worker.onerror = (e) => {
      end();
      reject(new Error(e.message || 'the line scan failed'));
    };
    worker.postMessage({ blob });
  });
}
