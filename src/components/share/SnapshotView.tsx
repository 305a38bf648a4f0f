/**
 * A shared report, opened from a snapshot link or a dropped report file: the
 * same cards, chart and summaries as the dashboard, drawn from the figures
 * the snapshot carries. Clearly marked as a snapshot with its as-of time; it
 * holds no data, so nothing here can be recomputed or drilled into.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { largestCounts, largestNote } from '../../lib/dashboard/item-options.ts';
import { LICENSE_TYPE_LABELS } from '../../lib/dashboard/license-type.ts';
import { DENIAL_REASON_TEXT, type DenialReason } from '../../lib/denials/reasons.ts';
import { formatCount } from '../../lib/format.ts';
import { snapshotFile } from '../../lib/share/snapshot-codec.ts';
import { unpackItem, type Snapshot } from '../../lib/share/snapshot-schema.ts';
import { TOTAL } from '../../lib/usage/total.ts';
import { BillingTable } from '../dashboard/BillingTable.tsx';
import { StatCards } from '../dashboard/StatCards.tsx';
import { UsageChart } from '../dashboard/UsageChart.tsx';
import { UsageTable } from '../dashboard/UsageTable.tsx';
import { ItemSelect } from '../dashboard/ItemSelect.tsx';
import { downloadText } from '../download.ts';
import { visibleText } from '../../lib/visible-text.ts';

/** 2026-10-31T17:59:30.5+01:00 → 2026-10-31 17:59+01:00 */
const when = (iso: string) => iso.replace(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?/, '$1 $2');

export function SnapshotView({ snapshot, onLeave }: { snapshot: Snapshot; onLeave: () => void }) {
  // The page changed under the reader: bring keyboard and screen reader to what opened.
  const banner = useRef<HTMLDivElement>(null);
  useEffect(() => banner.current?.focus(), [snapshot]);
  const [selected, setSelected] = useState(
    snapshot.items.some((i) => i.license === snapshot.selected) ? snapshot.selected : TOTAL,
  );
  const [itemId, findId] = [useId(), useId()];
  const licenses = useMemo(() => snapshot.items.map((i) => i.license), [snapshot.items]);
  const packed =
    selected === TOTAL ? snapshot.total : (snapshot.items.find((i) => i.license === selected) ?? snapshot.total);
  const item = useMemo(() => unpackItem(packed, snapshot.period), [packed, snapshot.period]);
  const daily = item.daily.map((d) => ({
    key: d.date,
    label: d.date,
    peak: d.peak,
    average: d.average,
    distinctUsers: d.distinctUsers,
  }));
  // The drilled-down series, the True-Up line and the top users were made for the item selected when sharing.
  const shown = snapshot.shown && selected === snapshot.selected ? snapshot.shown : undefined;
  const trueUpLimit = selected === snapshot.selected ? (snapshot.trueUpLimit ?? null) : null;
  const download = () => {
    const file = snapshotFile(snapshot);
    downloadText(file.name, file.text, 'application/json');
  };

  return (
    <section className="dashboard snapshot" aria-label="Snapshot">
      {/* The page's own heading ("Load your License Vault exports") is hidden with the page under a snapshot. */}
      <h1 className="loader-line__title">License Vault usage: a snapshot</h1>
      <div className="snapshot__banner" role="note" aria-label="About this snapshot" tabIndex={-1} ref={banner}>
        <p>
          <strong>Snapshot</strong> as of <span aria-label="Snapshot as of">{when(snapshot.asOf)}</span> (
          {snapshot.timeZone}), made {when(snapshot.createdAt)}. Figures only: the data is not included, so nothing here
          can be recomputed.
          {snapshot.pseudonymized && ' Names, e-mails, host names and IPs are pseudonyms.'}
        </p>
        <div className="snapshot__actions">
          <button type="button" className="button" onClick={download}>
            Save as report file
          </button>
          <button type="button" className="button" onClick={onLeave}>
            Close the snapshot
          </button>
        </div>
      </div>
      <div className="controls">
        <ItemSelect id={itemId} findId={findId} licenses={licenses} item={selected} onChange={setSelected} />
      </div>
      <p className="period-line">
        {selected === TOTAL ? 'All license items' : visibleText(selected)} · {snapshot.period.from} to{' '}
        {snapshot.period.to} · {snapshot.timeZone} · threshold {snapshot.threshold} %
        {snapshot.holdMinutes > 0 && ` · hold ${snapshot.holdMinutes} min`}
        {snapshot.licenseType !== 'all' && ` · ${LICENSE_TYPE_LABELS[snapshot.licenseType]}`}
      </p>
      <StatCards
        item={item}
        threshold={snapshot.threshold}
        licenseType={snapshot.licenseType}
        denials={snapshot.denials}
      />
      <section className="panel" aria-label="Allocation">
        <h2>Allocation</h2>
        <UsageChart
          buckets={daily}
          capacity={item.capacity}
          trueUpLimit={trueUpLimit}
          licenseType={snapshot.licenseType}
          title="Licenses in use per day"
        />
        {shown && (
          <UsageChart
            buckets={shown.rows.map((r) => ({
              key: r.label,
              label: r.label,
              peak: r.peak,
              average: r.average,
              distinctUsers: r.users,
            }))}
            capacity={item.capacity}
            trueUpLimit={trueUpLimit}
            licenseType={snapshot.licenseType}
            title={shown.title}
          />
        )}
        <details className="data-table">
          <summary>Show the days as a table</summary>
          <UsageTable
            label="Days"
            bucket="Day"
            sessions
            rows={item.daily.map((d) => ({ ...d, key: d.date, label: d.date }))}
          />
        </details>
      </section>
      <TopUsers snapshot={snapshot} />
      {snapshot.denials && <DenialSummary denials={snapshot.denials} />}
      {snapshot.billing && <BillingTable billing={snapshot.billing} timeZone={snapshot.timeZone} inventory={null} />}
      <p className="muted">
        From {formatCount(snapshot.ingest.files)} file{snapshot.ingest.files === 1 ? '' : 's'}:{' '}
        {formatCount(snapshot.ingest.rowsRead)} rows read, {formatCount(snapshot.ingest.accepted)} accepted,{' '}
        {formatCount(snapshot.ingest.rejected)} rejected, {formatCount(snapshot.ingest.duplicates)} duplicates.
      </p>
    </section>
  );
}

function TopUsers({ snapshot }: { snapshot: Snapshot }) {
  if (snapshot.topUsers.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="top-users-title">
      <h2 id="top-users-title">
        Top users in the period · {snapshot.selected === TOTAL ? 'all license items' : visibleText(snapshot.selected)}
      </h2>
      <div className="table-wrap">
        <table aria-label="Top users">
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">E-mail</th>
              <th scope="col" className="num">
                Hours
              </th>
              <th scope="col" className="num">
                Sessions
              </th>
              <th scope="col">License items</th>
              <th scope="col">Machines</th>
            </tr>
          </thead>
          <tbody>
            {snapshot.topUsers.map((u, i) => (
              <tr key={i}>
                <th scope="row">{visibleText(u.user)}</th>
                <td>{u.email === null ? '—' : visibleText(u.email)}</td>
                <td className="num">{u.hours.toFixed(2)}</td>
                <td className="num">{formatCount(u.sessions)}</td>
                <td>{visibleText(u.licenses.join(', '))}</td>
                <td>{visibleText([...u.hosts, ...u.ips].join(', ')) || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function DenialSummary({ denials }: { denials: NonNullable<Snapshot['denials']> }) {
  // One row per license item could be 100,000 rows: the largest, as the Denials tab shows them.
  const byLicense = useMemo(() => largestCounts(denials.byLicense), [denials.byLicense]);
  const note = largestNote(byLicense, 'license items', 'denials');
  return (
    <section className="panel" aria-labelledby="denial-summary-title">
      <h2 id="denial-summary-title">Denials in the period</h2>
      <div className="table-wrap">
        <table aria-label="Denials by reason">
          <thead>
            <tr>
              <th scope="col">Reason</th>
              <th scope="col" className="num">
                Denials
              </th>
              <th scope="col">What to do</th>
            </tr>
          </thead>
          <tbody>
            {(Object.entries(denials.byReason) as [DenialReason, number][]).map(([reason, n]) => (
              <tr key={reason}>
                <th scope="row">{reason}</th>
                <td className="num">{formatCount(n)}</td>
                <td>{DENIAL_REASON_TEXT[reason].advice}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table aria-label="Denials by license item">
          <thead>
            <tr>
              <th scope="col">License item</th>
              <th scope="col" className="num">
                Denials
              </th>
            </tr>
          </thead>
          <tbody>
            {byLicense.shown.map(([license, n]) => (
              <tr key={license}>
                <th scope="row">{visibleText(license)}</th>
                <td className="num">{formatCount(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {note && (
        <p className="muted" role="status">
          {note}
        </p>
      )}
    </section>
  );
}
