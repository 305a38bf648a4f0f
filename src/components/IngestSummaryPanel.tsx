/**
 * What is loaded: files, the row accounting (read = accepted + rejected +
 * duplicates), the time span, as-of and the counts of what the data holds.
 * Every figure is labelled by its term, so people and tests read it by name.
 */
import { useId } from 'react';
import { formatCount, formatInstant } from '../lib/format.ts';
import type { IngestSummary } from '../lib/sql/summary.ts';

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  const id = useId();
  return (
    <div className="figure">
      <dt id={id}>{label}</dt>
      <dd aria-labelledby={id}>{value}</dd>
      {note && <p className="figure__note">{note}</p>}
    </div>
  );
}

/** The loaded data's extent in days (or hours, when under two days). */
function span(from: number | null, to: number | null): string {
  if (from === null || to === null) return '—';
  const hours = (to - from) / 3_600_000;
  return hours < 48 ? `${formatCount(Math.round(hours))} hours` : `${formatCount(Math.round(hours / 24))} days`;
}

export function IngestSummaryPanel({ summary, zone }: { summary: IngestSummary; zone: string }) {
  const balanced = summary.rowsRead === summary.accepted + summary.rejected + summary.duplicates;
  const when = (ms: number | null) => (ms === null ? '—' : formatInstant(ms, zone));
  return (
    <section className="panel" aria-labelledby="summary-title">
      <h2 id="summary-title">Loaded data</h2>
      <dl className="figures">
        <Figure label="Files" value={formatCount(summary.files)} />
        <Figure label="Rows read" value={formatCount(summary.rowsRead)} />
        <Figure label="Accepted" value={formatCount(summary.accepted)} />
        <Figure label="Rejected" value={formatCount(summary.rejected)} />
        <Figure
          label="Duplicates"
          value={formatCount(summary.duplicates)}
          note="exact copies from overlapping exports, kept once"
        />
        <Figure label="First use" value={when(summary.firstUse)} />
        <Figure label="As of" value={when(summary.latest)} note="the latest time in the files" />
        <Figure label="Time span" value={span(summary.firstUse, summary.latest)} />
        <Figure label="License items" value={formatCount(summary.licenseItems)} />
        <Figure label="Products" value={formatCount(summary.products)} />
        <Figure label="Users" value={formatCount(summary.users)} />
        <Figure label="Open sessions" value={formatCount(summary.openSessions)} note="still running at export time" />
      </dl>
      <p className={balanced ? 'reconcile' : 'reconcile reconcile--bad'} aria-label="Reconciliation">
        {formatCount(summary.rowsRead)} read = {formatCount(summary.accepted)} accepted +{' '}
        {formatCount(summary.rejected)} rejected + {formatCount(summary.duplicates)} duplicates{' '}
        {balanced ? '✓' : '✗ (please report this)'}
        {summary.blankLines > 0 && ` · ${formatCount(summary.blankLines)} blank lines skipped`}
      </p>
    </section>
  );
}
