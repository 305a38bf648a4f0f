/**
 * The page's hold on the data: opens DuckDB lazily (after first paint, on
 * idle, or at the first load, whichever comes first), loads files with
 * progress and cancellation, and keeps the summary the panels draw.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { BROWSER_DUCKDB_LIMIT, checkBudget } from '../lib/ingest/memory.ts';
import { scanLinesInWorker } from '../lib/ingest/line-scan-worker.ts';
import { fileSource } from '../lib/ingest/source.ts';
import type { FileReport, LoadProgress } from '../lib/ingest/load.ts';
import type { FileSummary, IngestSummary } from '../lib/sql/summary.ts';
import type { Vault } from '../lib/vault.ts';

export type DbState = 'idle' | 'starting' | 'ready' | 'failed';

export interface VaultState {
  dbState: DbState;
  dbError: string | null;
  busy: boolean;
  progress: LoadProgress | null;
  reports: FileReport[];
  summary: IngestSummary | null;
  files: FileSummary[];
  /** Bumped after every change, so dependent views re-query. */
  version: number;
  /** Loads finished (successfully or not): lets tests and assistive tech know a load ended. */
  loadsDone: number;
}

async function startVault(): Promise<Vault> {
  const [{ openBrowserDatabase }, { openVault }] = await Promise.all([
    import('../lib/db/browser.ts'),
    import('../lib/vault.ts'),
  ]);
  return openVault(await openBrowserDatabase());
}

export function useVault() {
  const vaultPromise = useRef<Promise<Vault> | null>(null);
  const abort = useRef<AbortController | null>(null);
  const [state, setState] = useState<VaultState>({
    dbState: 'idle',
    dbError: null,
    busy: false,
    progress: null,
    reports: [],
    summary: null,
    files: [],
    version: 0,
    loadsDone: 0,
  });

  const stateRef = useRef(state);
  stateRef.current = state;

  const vault = useCallback((): Promise<Vault> => {
    if (!vaultPromise.current) {
      setState((s) => ({ ...s, dbState: 'starting' }));
      vaultPromise.current = startVault().then(
        (v) => {
          setState((s) => ({ ...s, dbState: 'ready' }));
          return v;
        },
        (e: unknown) => {
          vaultPromise.current = null;
          setState((s) => ({ ...s, dbState: 'failed', dbError: String((e as Error)?.message ?? e) }));
          throw e;
        },
      );
    }
    return vaultPromise.current;
  }, []);

  // Warm the database up once the page is idle: the first drop then starts at once.
  useEffect(() => {
    const start = () => void vault().catch(() => undefined);
    if ('requestIdleCallback' in window) {
      const id = window.requestIdleCallback(start, { timeout: 2000 });
      return () => window.cancelIdleCallback(id);
    }
    const id = setTimeout(start, 500);
    return () => clearTimeout(id);
  }, [vault]);

  const refresh = useCallback(async (v: Vault) => {
    const [summary, files] = await Promise.all([v.summary(), v.files()]);
    setState((s) => ({ ...s, summary, files, version: s.version + 1 }));
  }, []);

  const load = useCallback(
    async (files: readonly File[], sourceZone: string) => {
      if (files.length === 0) return;
      // Past what the page can hold, say so before memory runs out, and point to the CLI.
      const loadedBytes = stateRef.current.files.reduce((a, f) => a + f.bytes, 0);
      const budget = checkBudget(loadedBytes, files);
      if (!budget.ok) {
        const report: FileReport = {
          name: 'Loading',
          bytes: 0,
          status: 'too-large',
          message: budget.message,
          notices: [],
          counts: emptyCounts(),
        };
        setState((s) => ({ ...s, reports: [report], loadsDone: s.loadsDone + 1 }));
        return;
      }
      const controller = new AbortController();
      abort.current = controller;
      setState((s) => ({ ...s, busy: true, progress: null, reports: [] }));
      let frame = 0;
      let latest: LoadProgress | null = null;
      try {
        const v = await vault();
        const reports = await v.load(files.map(fileSource), {
          sourceZone,
          signal: controller.signal,
          memoryLimit: BROWSER_DUCKDB_LIMIT,
          // The file's bytes are scanned in a worker, not in the page (docs/DOMAIN.md §8.1).
          scanLines: scanLinesInWorker,
          // At most one progress render per animation frame.
          onProgress: (p) => {
            latest = p;
            if (!frame) {
              frame = requestAnimationFrame(() => {
                frame = 0;
                setState((s) => ({ ...s, progress: latest }));
              });
            }
          },
        });
        setState((s) => ({ ...s, reports }));
        await refresh(v);
      } catch (e) {
        const message = String((e as Error)?.message ?? e);
        setState((s) => ({
          ...s,
          reports: [{ name: 'Loading', bytes: 0, status: 'unreadable', message, notices: [], counts: emptyCounts() }],
        }));
      } finally {
        if (frame) cancelAnimationFrame(frame);
        abort.current = null;
        setState((s) => ({ ...s, busy: false, progress: null, loadsDone: s.loadsDone + 1 }));
      }
    },
    [vault, refresh],
  );

  const cancel = useCallback(() => abort.current?.abort(), []);

  const clear = useCallback(async () => {
    const v = await vault();
    await v.clear();
    setState((s) => ({ ...s, reports: [] }));
    await refresh(v);
  }, [vault, refresh]);

  return { state, vault, load, cancel, clear };
}

function emptyCounts(): FileReport['counts'] {
  return { rowsRead: 0, accepted: 0, rejected: 0, duplicates: 0, blankLines: 0, naiveTimestamps: 0 };
}
