/**
 * Sharing without a server. A view link puts the view in the address (the
 * recipient drops the same files); a snapshot link carries the computed
 * figures themselves in the fragment, which browsers never send anywhere.
 * Past the link budget, the snapshot is offered as a report file instead.
 */
import { useEffect, useId, useState } from 'react';
import type { DrillLevel } from '../../lib/dashboard/drill.ts';
import type { LicenseTypeView } from '../../lib/dashboard/license-type.ts';
import type { ReportParts } from '../../lib/report/parts.ts';
import { pseudonymizer } from '../../lib/share/pseudonym.ts';
import { buildSnapshot, snapshotProblem, tooManyForSnapshot } from '../../lib/share/snapshot-build.ts';
import { encodeSnapshot, SNAPSHOT_URL_BUDGET, snapshotFile, snapshotUrl } from '../../lib/share/snapshot-codec.ts';
import type { Snapshot } from '../../lib/share/snapshot-schema.ts';
import type { Vault } from '../../lib/vault.ts';
import { formatCount } from '../../lib/format.ts';
import { MAX_LINK_ITEMS } from '../../lib/share/view-link.ts';
import { downloadText } from '../download.ts';
import { pseudonymKey } from './pseudonymKey.ts';

interface Props {
  vault: () => Promise<Vault>;
  report: ReportParts;
  selected: string;
  licenseType: LicenseTypeView;
  drill: DrillLevel;
  fingerprint: string | null;
  viewUrl: (parts: ViewLinkParts) => string;
  trueUpLimit: number | null;
  /** The report is being recomputed: a snapshot now would show the previous settings. */
  computing: boolean;
  /** How many items the inventory has: past MAX_LINK_ITEMS a view link leaves it out, and the panel says so. */
  inventoryItems?: number;
}

type Made = { snapshot: Snapshot; url: string | null; chars: number };

/** What a view link may leave out: the inventory (counts, prices, projects) and the tabs' searches (often a person's name). */
export interface ViewLinkParts {
  inventory: boolean;
  searches: boolean;
}

const kb = (chars: number) => `${(chars / 1024).toFixed(1)} KB`;

function CopyField({ label, value }: { label: string; value: string }) {
  const id = useId();
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('Copied.');
    } catch {
      setCopied('Copying is not allowed here: select the link and copy it by hand.');
    }
  };
  return (
    <div className="share__field">
      <label htmlFor={id}>{label}</label>
      <div className="share__row">
        <input id={id} type="text" readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="button" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p className="muted" role="status">
        {copied}
      </p>
    </div>
  );
}

export function SharePanel({
  vault,
  report,
  selected,
  licenseType,
  drill,
  fingerprint,
  viewUrl,
  trueUpLimit,
  computing,
  inventoryItems = 0,
}: Props) {
  const [pseudonyms, setPseudonyms] = useState(true);
  const [made, setMade] = useState<Made | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const pseudoId = useId();
  const partIds = { inventory: useId(), searches: useId() };
  const [parts, setParts] = useState<ViewLinkParts>({ inventory: true, searches: true });
  const viewLink = viewUrl(parts);
  // A snapshot made for another view must not stay on offer.
  useEffect(() => setMade(null), [report, selected, licenseType, drill]);

  const make = async () => {
    setProblem(null);
    // Past what a snapshot carries, say so before deriving every item's figures.
    const tooMany = tooManyForSnapshot(report.licenses.length);
    if (tooMany) {
      setMade(null);
      setProblem(snapshotProblem(new Error(tooMany)));
      return;
    }
    setBusy(true);
    try {
      const v = await vault();
      // Every item's figures, derived now: a snapshot asks for them, a threshold edit does not.
      const snapshot = await buildSnapshot(v.db, report.withoutDistributions(), {
        selected,
        licenseType,
        drill,
        pseudonymize: pseudonyms ? await pseudonymizer(pseudonymKey()) : null,
        fingerprint: fingerprint ?? undefined,
        createdAt: Date.now(),
        trueUpLimit,
      });
      const url = snapshotUrl(viewLink, await encodeSnapshot(snapshot));
      setMade({ snapshot, url: url.length <= SNAPSHOT_URL_BUDGET ? url : null, chars: url.length });
    } catch (e) {
      setMade(null);
      setProblem(snapshotProblem(e));
    } finally {
      setBusy(false);
    }
  };

  const download = (snapshot: Snapshot) => {
    const file = snapshotFile(snapshot);
    downloadText(file.name, file.text, 'application/json');
  };

  return (
    <section id="share-panel" className="panel share" aria-labelledby="share-title">
      <h2 id="share-title">Share</h2>
      <CopyField label="Link to this view" value={viewLink} />
      <p className="muted">
        Opens this page, period, zone, item, drill-down and filters once the recipient drops the same files. It holds no
        sessions, only a fingerprint that tells whether the files are the same, and what is ticked here:
      </p>
      <div className="field field--check">
        <input
          id={partIds.inventory}
          type="checkbox"
          checked={parts.inventory}
          onChange={(e) => setParts({ ...parts, inventory: e.target.checked })}
        />
        <label htmlFor={partIds.inventory}>
          Include the inventory (license counts, prices, projects), so the recipient sees the same capacity figures
        </label>
      </div>
      <div className="field field--check">
        <input
          id={partIds.searches}
          type="checkbox"
          checked={parts.searches}
          onChange={(e) => setParts({ ...parts, searches: e.target.checked })}
        />
        <label htmlFor={partIds.searches}>
          Include the searches of the Active users and Denials tabs (they may name people)
        </label>
      </div>
      {parts.inventory && inventoryItems > MAX_LINK_ITEMS && (
        <p className="messages__notices" role="status">
          The inventory has {formatCount(inventoryItems)} license items and a view link carries at most{' '}
          {formatCount(MAX_LINK_ITEMS)}, so this link leaves it out: the recipient sees their own inventory&apos;s
          figures.
        </p>
      )}
      {viewLink.length > 32 * 1024 && (
        <p className="messages__notices" role="status">
          This link is {kb(viewLink.length)} long, mostly the inventory: some chat and mail tools cut links that long.
        </p>
      )}
      <h3>Snapshot of the report</h3>
      <p className="muted">
        The figures themselves (cards, daily series, the chart on screen, top users, denials and cost summaries) packed
        into the link’s fragment, which browsers never send to any server. The recipient needs no files.
      </p>
      <div className="field field--check">
        <input id={pseudoId} type="checkbox" checked={pseudonyms} onChange={(e) => setPseudonyms(e.target.checked)} />
        <label htmlFor={pseudoId}>Replace user names, e-mails, host names and IPs by pseudonyms</label>
      </div>
      <button type="button" className="button button--primary" disabled={busy || computing} onClick={() => void make()}>
        {busy ? 'Making the snapshot…' : computing ? 'Waiting for the report…' : 'Make snapshot link'}
      </button>
      {problem && (
        <p className="messages__problems" role="alert">
          {problem}
        </p>
      )}
      {made && made.url !== null && (
        <>
          <CopyField label="Snapshot link" value={made.url} />
          <p className="muted" aria-label="Snapshot link size">
            {kb(made.chars)} of the {kb(SNAPSHOT_URL_BUDGET)} a link may take
            {made.snapshot.pseudonymized ? '; names are pseudonyms' : ''}.{' '}
            <button type="button" className="link" onClick={() => download(made.snapshot)}>
              Or save it as a report file
            </button>
          </p>
        </>
      )}
      {made && made.url === null && (
        <div className="messages__notices" role="status">
          <p>
            This report is too large for a link ({kb(made.chars)}; links stay under {kb(SNAPSHOT_URL_BUDGET)} so that
            every browser and chat tool keeps them whole). Share it as a report file: the recipient drops it on this
            page.
          </p>
          <button type="button" className="button button--primary" onClick={() => download(made.snapshot)}>
            Download report file
          </button>
        </div>
      )}
    </section>
  );
}
