/**
 * The denials report, like the vault's (docs/DOMAIN.md §6) and more: the last 24
 * hours, the last 7 days or the selected period; counts by reason with the
 * troubleshooting advice, by item, product, user and hour of day; a chart
 * over time; and the full list, searchable.
 */
import * as Plot from '@observablehq/plot';
import { useId, useMemo } from 'react';
import { DENIAL_REASONS, DENIAL_REASON_TEXT } from '../../lib/denials/reasons.ts';
import { denialRange, denialStats, type DenialWindow } from '../../lib/denials/report.ts';
import { largestCounts, largestNote } from '../../lib/dashboard/item-options.ts';
import { formatCount, formatInstant } from '../../lib/format.ts';
import { denialList, denialsAfter } from '../../lib/queries/denials.ts';
import { MAX_SEARCH } from '../../lib/share/view-link.ts';
import type { Vault } from '../../lib/vault.ts';
import { QueryError } from '../QueryError.tsx';
import { useQuery } from '../useQuery.ts';
import { PlotFigure } from './PlotFigure.tsx';

interface Props {
  vault: () => Promise<Vault>;
  zone: string;
  asOf: number;
  period: { startMs: number; endMs: number };
  version: number;
  /** The window and the list's search, kept by the dashboard (they go into the view link). */
  window: DenialWindow;
  onWindow: (window: DenialWindow) => void;
  search: string;
  onSearch: (search: string) => void;
}

const WINDOWS: Record<DenialWindow, string> = {
  last24h: 'Last 24 hours',
  last7d: 'Last 7 days',
  period: 'Selected period',
};
const LIST = 500;

/** A reason's readable name; a code the page does not know is shown as it is. */
function reasonLabel(code: string): string {
  return (DENIAL_REASONS as readonly string[]).includes(code)
    ? DENIAL_REASON_TEXT[code as (typeof DENIAL_REASONS)[number]].label
    : code;
}

function Counts({ title, plural, counts }: { title: string; plural: string; counts: Record<string, number> }) {
  // One row per name could be 100,000 rows: the largest COUNTS_LIMIT, and a line saying how many there are.
  const capped = useMemo(() => largestCounts(counts), [counts]);
  const note = largestNote(capped, plural, 'denials');
  return (
    <div>
      <table aria-label={`Denials by ${title}`} className="compact">
        <thead>
          <tr>
            <th scope="col">{title[0]!.toUpperCase() + title.slice(1)}</th>
            <th scope="col" className="num">
              Denials
            </th>
          </tr>
        </thead>
        <tbody>
          {capped.shown.map(([k, n]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td className="num">{formatCount(n)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {note && (
        <p className="muted" role="status">
          {note}
        </p>
      )}
    </div>
  );
}

export function DenialsView({
  vault,
  zone,
  asOf,
  period,
  version,
  window,
  onWindow: setWindow,
  search,
  onSearch: setSearch,
}: Props) {
  const ids = { window: useId(), search: useId() };
  const range = useMemo(() => denialRange(window, asOf, period), [window, asOf, period]);

  // The counts are of one window: while another is counted there are none.
  const counted = useQuery(async () => denialStats((await vault()).db, zone, range), [vault, zone, range], {
    dataVersion: version,
  });
  const stats = counted.data ?? null;
  // The list follows a search as it is typed: the last list stays, marked busy, until the next one is in.
  const listed = useQuery(async () => denialList((await vault()).db, range, search, LIST), [vault, range, search], {
    dataVersion: version,
    delayMs: 120,
    keepPrevious: true,
  });
  const list = listed.data ?? [];
  // Denials after as-of are in no window: say so rather than drop them without a word.
  const after = useQuery(async () => denialsAfter((await vault()).db, asOf), [vault, asOf], { dataVersion: version });

  const overTime = useMemo((): Plot.PlotOptions | null => {
    if (!stats) return null;
    const days = Object.entries(stats.byDay).map(([day, n]) => ({ day, n }));
    return {
      height: 200,
      x: { type: 'band', label: null, tickRotate: days.length > 14 ? -45 : 0 },
      y: { label: 'denials', grid: true },
      style: { background: 'transparent', color: 'var(--text)' },
      marks: [
        Plot.barY(days, { x: 'day', y: 'n', fill: 'var(--bar-capacity)', title: (d) => `${d.day}: ${d.n} denials` }),
        Plot.ruleY([0]),
      ],
    };
  }, [stats]);
  const byHour = useMemo((): Plot.PlotOptions | null => {
    if (!stats) return null;
    return {
      height: 180,
      x: { type: 'band', label: 'hour of day', tickFormat: (h: number) => String(h).padStart(2, '0') },
      y: { label: 'denials', grid: true },
      style: { background: 'transparent', color: 'var(--text)' },
      marks: [
        Plot.barY(
          stats.byHour.map((n, hour) => ({ hour, n })),
          { x: 'hour', y: 'n', fill: 'var(--bar)', title: (d) => `${d.hour}:00 — ${d.n}` },
        ),
        Plot.ruleY([0]),
      ],
    };
  }, [stats]);

  return (
    <section className="panel" aria-labelledby="denials-title">
      <div className="panel__head">
        <h2 id="denials-title">Denials</h2>
        <div className="field field--inline">
          <label htmlFor={ids.window}>Denials window</label>
          <select id={ids.window} value={window} onChange={(e) => setWindow(e.target.value as DenialWindow)}>
            {Object.entries(WINDOWS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </div>
      </div>
      <QueryError error={counted.error} lead="The denials could not be counted" />
      {after.data && after.data.n > 0 && (
        <p className="messages__notices" role="note">
          {formatCount(after.data.n)} {after.data.n === 1 ? 'denial lies' : 'denials lie'} after as-of (
          {formatInstant(asOf, zone)}), the last at {formatInstant(after.data.latest ?? asOf, zone)}: as-of is the last
          session’s time, so no window counts {after.data.n === 1 ? 'it' : 'them'}. Load the exports that cover that
          time to count {after.data.n === 1 ? 'it' : 'them'}.
        </p>
      )}
      {counted.pending && (
        <p className="muted" role="status">
          Counting the denials…
        </p>
      )}
      {stats && (
        <>
          <dl className="level-stats" aria-label="Denials in the window">
            <div>
              <dt>Denials</dt>
              <dd aria-label="Denials total">{formatCount(stats.total)}</dd>
            </div>
            <div>
              <dt>Denied users</dt>
              <dd aria-label="Denials users">{formatCount(stats.users)}</dd>
            </div>
            <div>
              <dt>Days with denials</dt>
              <dd aria-label="Denials days">{formatCount(stats.daysWithDenials)}</dd>
            </div>
          </dl>
          <table aria-label="Denials by reason">
            <thead>
              <tr>
                <th scope="col">Reason</th>
                <th scope="col" className="num">
                  Denials
                </th>
                <th scope="col">Cause</th>
                <th scope="col">What to do</th>
              </tr>
            </thead>
            <tbody>
              {DENIAL_REASONS.map((r) => (
                <tr key={r}>
                  <th scope="row">
                    {DENIAL_REASON_TEXT[r].label} <code className="muted">{r}</code>
                  </th>
                  <td className="num">{formatCount(stats.byReason[r])}</td>
                  <td>{DENIAL_REASON_TEXT[r].cause}</td>
                  <td>{DENIAL_REASON_TEXT[r].advice}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="two-up">
            {overTime && (
              <figure className="chart">
                <figcaption>Denials per day</figcaption>
                <PlotFigure
                  options={overTime}
                  label={`Denials per day: ${stats.total} in ${Object.keys(stats.byDay).length} days.`}
                />
              </figure>
            )}
            {byHour && (
              <figure className="chart">
                <figcaption>Denials by hour of day ({zone})</figcaption>
                <PlotFigure
                  options={byHour}
                  label={`Denials by hour of day; most at ${stats.byHour.indexOf(Math.max(...stats.byHour))}:00.`}
                />
              </figure>
            )}
          </div>
          <div className="three-up">
            <Counts title="license item" plural="license items" counts={stats.byLicense} />
            <Counts title="product" plural="products" counts={stats.byProduct} />
            <Counts title="user" plural="users" counts={stats.byUser} />
          </div>
        </>
      )}
      <div className="panel__head">
        <h3>All denials</h3>
        <div className="field field--inline">
          <label htmlFor={ids.search}>Search denials</label>
          <input
            id={ids.search}
            type="search"
            maxLength={MAX_SEARCH}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
      </div>
      <QueryError error={listed.error} lead="The denials could not be listed" />
      <div className="table-wrap">
        <table aria-label="All denials" aria-busy={listed.pending}>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">User</th>
              <th scope="col">Product</th>
              <th scope="col">License item</th>
              <th scope="col">Reason</th>
              <th scope="col">Machine</th>
            </tr>
          </thead>
          <tbody>
            {list.map((d, i) => (
              <tr key={`${d.at}-${d.username}-${i}`}>
                <td>{formatInstant(d.at, zone)}</td>
                <th scope="row">{d.username}</th>
                <td>{d.product ?? '—'}</td>
                <td>{d.license ?? '—'}</td>
                <td title={d.reason}>{reasonLabel(d.reason)}</td>
                <td>{d.host ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.length === LIST && <p className="muted">The latest {LIST} denials; search to narrow.</p>}
    </section>
  );
}
