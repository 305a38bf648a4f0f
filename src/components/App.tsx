/** The page: load exports, see what was loaded, and every row that was not. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { browserZone } from '../lib/format.ts';
import { Dashboard } from './dashboard/Dashboard.tsx';
import { useInventory } from './dashboard/useInventory.ts';
import { SimulatePage } from './simulate/SimulatePage.tsx';
import { DropZone } from './DropZone.tsx';
import { FileMessages } from './FileMessages.tsx';
import { FilesTable } from './FilesTable.tsx';
import { IngestSummaryPanel } from './IngestSummaryPanel.tsx';
import { LoadProgress } from './LoadProgress.tsx';
import { RejectsTable } from './RejectsTable.tsx';
import { SourceZonePicker } from './SourceZonePicker.tsx';
import { fetchSampleFiles } from './sample.ts';
import { useVault } from './useVault.ts';

export default function App() {
  const { state, vault, load, cancel, clear } = useVault();
  const [sourceZone, setSourceZone] = useState('UTC');
  const [sampleError, setSampleError] = useState<string | null>(null);
  const [inventory, saveInventory] = useInventory();
  const [view, setView] = useState<'data' | 'simulate'>('data');
  const zone = browserZone();

  const loadSample = useCallback(async () => {
    setSampleError(null);
    try {
      await load(await fetchSampleFiles(), sourceZone);
    } catch (e) {
      setSampleError(`The sample data could not be loaded: ${(e as Error).message}`);
    }
  }, [load, sourceZone]);

  // `?sample` in the address loads the sample at once (the README's start link).
  const sampleRequested = useRef(false);
  useEffect(() => {
    if (sampleRequested.current || !new URLSearchParams(window.location.search).has('sample')) return;
    sampleRequested.current = true;
    void loadSample();
  }, [loadSample]);

  const { summary } = state;
  const hasData = summary !== null && summary.files > 0;
  return (
    <div className="app" aria-busy={state.busy} data-loads-done={state.loadsDone}>
      <div className="tabs tabs--top" role="tablist" aria-label="Pages">
        <button type="button" role="tab" aria-selected={view === 'data'} onClick={() => setView('data')}>
          Your data
        </button>
        <button type="button" role="tab" aria-selected={view === 'simulate'} onClick={() => setView('simulate')}>
          Simulate
        </button>
      </div>
      {view === 'simulate' && <SimulatePage vault={vault} hasData={hasData} inventory={inventory} />}
      <div hidden={view !== 'data'}>
      <div className="toolbar">
        <SourceZonePicker value={sourceZone} onChange={setSourceZone} disabled={state.busy} />
        <p className="db-state" role="status">
          {state.dbState === 'starting' && 'Starting the database…'}
          {state.dbState === 'ready' && 'Database ready'}
          {state.dbState === 'failed' && `The database could not start: ${state.dbError}`}
        </p>
        {hasData && (
          <button type="button" className="button button--danger" disabled={state.busy} onClick={() => void clear()}>
            Clear loaded data
          </button>
        )}
      </div>
      <DropZone disabled={state.busy} onFiles={(files) => void load(files, sourceZone)} onSample={() => void loadSample()} />
      {state.busy && <LoadProgress progress={state.progress} onCancel={cancel} />}
      {sampleError && (
        <p className="messages__problems" role="alert">
          {sampleError}
        </p>
      )}
      <FileMessages reports={state.reports} />
      {hasData && summary.latest !== null && <Dashboard vault={vault} inventory={inventory} saveInventory={saveInventory} latest={summary.latest} earliest={summary.firstUse ?? summary.latest} version={state.version} browserZone={zone} />}
      {hasData && <IngestSummaryPanel summary={summary} zone={zone} />}
      <FilesTable files={state.files} />
      {hasData && <RejectsTable vault={vault} total={summary.rejected} version={state.version} />}
      </div>
    </div>
  );
}
