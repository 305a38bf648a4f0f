/** The page: load exports, see what was loaded, and every row that was not; open and make shared links. */
import './no-eval.ts';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { defaultView, type DashboardView } from '../lib/dashboard/view.ts';
import { browserZone } from '../lib/format.ts';
import {
  dataFingerprint,
  fingerprintDifference,
  formatFingerprint,
  parseFingerprint,
} from '../lib/share/fingerprint.ts';
import { readSnapshotFile, snapshotFileTooLarge } from '../lib/share/snapshot-codec.ts';
import { encodeViewLink, type AppPage } from '../lib/share/view-link.ts';
import { parseInventory, type Inventory } from '../lib/inventory/schema.ts';
import { Dashboard } from './dashboard/Dashboard.tsx';
import { useInventory } from './dashboard/useInventory.ts';
import type { ViewLinkParts } from './share/SharePanel.tsx';
import { SnapshotView } from './share/SnapshotView.tsx';
import { useOpenedLink } from './share/useOpenedLink.ts';
import { SimulatePage } from './simulate/SimulatePage.tsx';
import { DropZone } from './DropZone.tsx';
import { useFileDrop } from './useFileDrop.ts';
import { FileMessages } from './FileMessages.tsx';
import { FilesTable } from './FilesTable.tsx';
import { IngestSummaryPanel } from './IngestSummaryPanel.tsx';
import { LoadProgress } from './LoadProgress.tsx';
import { RejectsTable } from './RejectsTable.tsx';
import { SourceZonePicker } from './SourceZonePicker.tsx';
import { LoaderLine } from './LoaderLine.tsx';
import { Tabs } from './Tabs.tsx';
import { fetchSampleFiles, fetchSampleInventory } from './sample.ts';
import { useQuery } from './useQuery.ts';
import { QueryError } from './QueryError.tsx';
import { useVault } from './useVault.ts';

const PAGE_TABS = ['Your data', 'Simulate'] as const;

/** Report files (snapshots too large for a link) are JSON; exports are CSV. */
const isJson = (f: File) => /\.json$/i.test(f.name) || f.type === 'application/json';

export default function App() {
  const { state, vault, load, cancel, clear } = useVault();
  const link = useOpenedLink();
  const zone = browserZone();
  const openedView = link.opened.kind === 'view' ? link.opened.link : null;
  const [sourceZone, setSourceZone] = useState('UTC');
  const [sampleError, setSampleError] = useState<string | null>(null);
  const [storedInventory, saveInventory] = useInventory();
  // A view link's inventory applies to this visit; it is saved only when the user saves an edit.
  const [linkInventory, setLinkInventory] = useState<Inventory | null>(openedView?.inventory ?? null);
  const [page, setPage] = useState<AppPage>(openedView?.page ?? 'data');
  const [dashView, setDashView] = useState<DashboardView | null>(null);
  // The demo's inventory applies while no inventory of one's own is saved: it is never saved itself.
  const [sampleInventory, setSampleInventory] = useState<Inventory | null>(null);
  const ownInventory = Object.keys(storedInventory.items).length > 0;
  const inventory = linkInventory ?? (!ownInventory && sampleInventory ? sampleInventory : storedInventory);
  const usingSampleInventory = inventory === sampleInventory;

  // A link opened later (pasted into the address bar) starts the page again from it.
  // `openedView` is the same object until another link is opened (or a snapshot replaces it), so this
  // is the view as the link gave it, not recomputed per render.
  const initialView = useMemo((): DashboardView => {
    if (!openedView) return defaultView(zone);
    const { settings } = openedView.view;
    return { ...openedView.view, settings: { ...settings, zone: settings.zone ?? zone } };
  }, [openedView, zone]);
  const seenGeneration = useRef(link.generation);
  useEffect(() => {
    if (seenGeneration.current === link.generation || !openedView) return;
    seenGeneration.current = link.generation;
    setPage(openedView.page);
    setLinkInventory(openedView.inventory ?? null);
  }, [link.generation, openedView]);

  const saveEdited = useCallback(
    (next: Inventory) => {
      setLinkInventory(null);
      saveInventory(next);
    },
    [saveInventory],
  );

  const { summary } = state;
  const hasData = summary !== null && summary.files > 0;

  // The loaded data's fingerprint, for links: none while it is computed or if it cannot be. On the data's page
  // it waits for the first report (when there is one to wait for): it reads every session, and the database
  // answers one question at a time. Once started for a version of the data it is not started again.
  const [fingerprintFor, setFingerprintFor] = useState<number | null>(null);
  const noReportToWaitFor = page !== 'data' || summary?.latest === null;
  useEffect(() => {
    if (hasData && noReportToWaitFor) setFingerprintFor(state.version);
  }, [hasData, noReportToWaitFor, state.version]);
  const fingerprinted = useQuery(async () => formatFingerprint(await dataFingerprint((await vault()).db)), [vault], {
    enabled: hasData && fingerprintFor === state.version,
    dataVersion: state.version,
  });
  const fingerprint = fingerprinted.data ?? null;

  /** The view as a link fragment, with or without the inventory and the tabs' searches. */
  const fragmentFor = useCallback(
    (parts: ViewLinkParts) => {
      const view = dashView ?? initialView;
      return encodeViewLink({
        page,
        view: parts.searches ? view : { ...view, filters: { ...view.filters, users: '', denials: '' } },
        inventory: parts.inventory ? inventory : undefined,
        fingerprint: fingerprint ?? undefined,
      });
    },
    [page, dashView, initialView, inventory, fingerprint],
  );
  const viewUrl = useCallback(
    (parts: ViewLinkParts) => `${window.location.href.split('#')[0]}#${fragmentFor(parts)}`,
    [fragmentFor],
  );

  // The address follows the view, so copying it shares it. Until data is loaded a view link stays as it came.
  const showing = link.opened.kind;
  const fragment = useMemo(() => {
    if (showing === 'snapshot' || showing === 'pending') return null;
    if (!hasData && page === 'data') return null;
    return fragmentFor({ inventory: true, searches: true });
  }, [showing, hasData, page, fragmentFor]);
  const { write: writeLink, showSnapshot, refuse } = link;
  useEffect(() => {
    if (fragment !== null) writeLink(fragment);
    // Also when a snapshot or refusal is left: `leave` cleared the address.
  }, [fragment, writeLink, showing]);

  const loadSample = useCallback(async () => {
    setSampleError(null);
    try {
      const [files, inventoryText] = await Promise.all([fetchSampleFiles(), fetchSampleInventory()]);
      const parsed = parseInventory(inventoryText, 'sample inventory');
      if (parsed.ok) setSampleInventory(parsed.inventory);
      await load(files, sourceZone);
    } catch (e) {
      setSampleError(`The sample data could not be loaded: ${(e as Error).message}`);
    }
  }, [load, sourceZone]);

  const onFiles = useCallback(
    async (files: File[]) => {
      const reportFile = files.find(isJson);
      if (reportFile) {
        // The size first: a huge file is refused before it is read into memory.
        const read =
          snapshotFileTooLarge(reportFile.name, reportFile.size) ??
          readSnapshotFile(reportFile.name, new Uint8Array(await reportFile.arrayBuffer()));
        if (read.ok) showSnapshot(read.snapshot);
        else refuse(read.message);
      }
      const exports = files.filter((f) => !isJson(f));
      if (exports.length > 0) await load(exports, sourceZone);
    },
    [load, sourceZone, showSnapshot, refuse],
  );

  const fileDrop = useFileDrop(state.busy, (files) => void onFiles(files));
  const { clearTurnedAway } = fileDrop;
  const chooseFiles = useCallback(
    (files: File[]) => {
      clearTurnedAway();
      void onFiles(files);
    },
    [clearTurnedAway, onFiles],
  );

  // `?sample` in the address loads the sample at once (the README's start link).
  const sampleRequested = useRef(false);
  useEffect(() => {
    if (sampleRequested.current || !new URLSearchParams(window.location.search).has('sample')) return;
    sampleRequested.current = true;
    void loadSample();
  }, [loadSample]);

  const linkFingerprint = openedView?.fingerprint ? parseFingerprint(openedView.fingerprint) : null;
  const loadedFingerprint = fingerprint ? parseFingerprint(fingerprint) : null;
  const difference =
    linkFingerprint && loadedFingerprint ? fingerprintDifference(linkFingerprint, loadedFingerprint) : null;
  const snapshot = link.opened.kind === 'snapshot' ? link.opened.snapshot : null;
  // Where the figures come from: on its own tab once there is a dashboard, so it does not repeat under every tab.
  const provenance = (
    <>
      {hasData && (
        <div className="toolbar">
          <SourceZonePicker value={sourceZone} onChange={setSourceZone} disabled={state.busy} />
        </div>
      )}
      {hasData && <IngestSummaryPanel summary={summary} zone={zone} />}
      <FilesTable files={state.files} />
      {hasData && <RejectsTable vault={vault} total={summary.rejected} version={state.version} />}
    </>
  );
  return (
    <>
      {snapshot && <SnapshotView snapshot={snapshot} onLeave={link.leave} />}
      {/* Kept (hidden) under a snapshot, so closing it returns to the data and view as they were. */}
      <div className="app" aria-busy={state.busy} data-loads-done={state.loadsDone} hidden={snapshot !== null}>
        {link.opened.kind === 'pending' && <p role="status">Opening the snapshot…</p>}
        {link.opened.kind === 'refused' && (
          <div className="messages__problems" role="alert">
            <p>{link.opened.message}</p>
            <button type="button" className="button" onClick={link.leave}>
              Dismiss
            </button>
          </div>
        )}
        {openedView && !hasData && (
          <p className="messages__notices" role="status">
            This link opens a view of license data, but holds no data itself: drop the same exports here to see it
            {linkFingerprint &&
              ` (it was made on ${linkFingerprint.sessions} sessions and ${linkFingerprint.denials} denials)`}
            .
          </p>
        )}
        {linkInventory && (
          <div className="messages__notices" role="status">
            <p>
              The inventory in use came with the link ({Object.keys(linkInventory.items).length} license items), not the
              one saved in this browser; it is not saved unless you keep it.
            </p>
            <button type="button" className="button" onClick={() => saveEdited(linkInventory)}>
              Keep it (save in this browser)
            </button>{' '}
            <button type="button" className="button" onClick={() => setLinkInventory(null)}>
              Use mine instead
            </button>
          </div>
        )}
        <QueryError
          error={fingerprinted.error}
          lead="The loaded data’s fingerprint (for links) could not be computed"
        />
        {difference && (
          <p className="messages__notices" role="alert">
            {difference}
          </p>
        )}
        <Tabs
          className="tabs tabs--top"
          label="Pages"
          tabs={PAGE_TABS}
          selected={page === 'data' ? 'Your data' : 'Simulate'}
          onSelect={(t) => setPage(t === 'Your data' ? 'data' : 'simulate')}
        />
        {page === 'simulate' && (
          <SimulatePage vault={vault} hasData={hasData} version={state.version} inventory={inventory} />
        )}
        <div hidden={page !== 'data'} onDragOver={fileDrop.onDragOver} onDrop={fileDrop.onDrop}>
          {hasData ? (
            <LoaderLine
              summary={summary}
              sampleInventory={usingSampleInventory}
              busy={state.busy}
              onFiles={chooseFiles}
              onClear={() => {
                setSampleInventory(null);
                void clear();
              }}
            />
          ) : (
            <>
              <h1>Load your License Vault exports</h1>
              <p className="lead">
                Export allocation statistics from License Vault (Dashboard → Active Users → Export) and drop the CSV
                files below. Every row is checked and accounted for: accepted, rejected with its reason, or a duplicate
                of a row from an overlapping export.
              </p>
              <div className="toolbar">
                <SourceZonePicker value={sourceZone} onChange={setSourceZone} disabled={state.busy} />
                <p className="db-state" role="status">
                  {state.dbState === 'starting' && 'Starting the database…'}
                  {state.dbState === 'ready' && 'Database ready'}
                  {state.dbState === 'failed' && `The database could not start: ${state.dbError}`}
                </p>
              </div>
              <DropZone disabled={state.busy} onFiles={chooseFiles} onSample={() => void loadSample()} />
            </>
          )}
          {state.busy && <LoadProgress progress={state.progress} onCancel={cancel} />}
          {fileDrop.turnedAway && (
            <p className="messages__notices" role="status">
              {fileDrop.turnedAway}
            </p>
          )}
          {sampleError && (
            <p className="messages__problems" role="alert">
              {sampleError}
            </p>
          )}
          <FileMessages reports={state.reports} />
          {hasData && summary.latest !== null ? (
            <Dashboard
              key={link.generation}
              vault={vault}
              inventory={inventory}
              saveInventory={saveEdited}
              latest={summary.latest}
              earliest={summary.firstUse ?? summary.latest}
              summary={summary}
              version={state.version}
              initial={initialView}
              onViewChange={setDashView}
              fingerprint={fingerprint}
              onReportSettled={setFingerprintFor}
              viewUrl={viewUrl}
              provenance={provenance}
            />
          ) : (
            provenance
          )}
        </div>
      </div>
    </>
  );
}
