/**
 * The allocation chart with drill-down: the period's days (or the last 24
 * hours, or 12 months), then a day's hours, then an hour's minutes. A
 * breadcrumb leads back; each level shows its peak, average and distinct
 * users. Every bar can also be reached from the keyboard in the table below.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { LicenseTypeView } from '../../lib/dashboard/license-type.ts';
import { formatCount } from '../../lib/format.ts';
import type { ItemReport } from '../../lib/report/schema.ts';
import { drillRange, drillTitle, type DrillLevel } from '../../lib/dashboard/drill.ts';
import { usageSeries, type BucketUsage } from '../../lib/usage/engine.ts';
import type { Vault } from '../../lib/vault.ts';
import { QueryError } from '../QueryError.tsx';
import { useQuery } from '../useQuery.ts';
import type { DaySpan } from '../../lib/dashboard/zoom.ts';
import { levelStats } from '../../lib/dashboard/level-stats.ts';
import { PeriodChart } from './PeriodChart.tsx';
import { UsageChart, type ChartBucket } from './UsageChart.tsx';
import { UsageTable } from './UsageTable.tsx';

export type Level = DrillLevel;

interface Props {
  vault: () => Promise<Vault>;
  item: ItemReport;
  licenses: string[];
  zone: string;
  asOf: number;
  holdMinutes: number;
  trueUpLimit: number | null;
  licenseType: LicenseTypeView;
  /** The chart's level: kept by the dashboard, so it goes into the view link. */
  level: DrillLevel;
  onLevel: (level: DrillLevel) => void;
  /** Opens a month of the 12-month view as the period, by day (YYYY-MM). */
  onMonth?: ((month: string) => void) | undefined;
  /** Zooming the period's chart: its selected days become the period; reset when zoomed. */
  onZoom?: ((span: DaySpan) => void) | undefined;
  onResetZoom?: (() => void) | undefined;
  /** The period's days' distinct users are still being counted (useReport): shown as pending. */
  usersPending?: boolean | undefined;
}

function toChart(rows: BucketUsage[], label: (b: BucketUsage) => string): ChartBucket[] {
  return rows.map((b) => ({
    key: b.key,
    label: label(b),
    peak: b.peak,
    average: b.average,
    distinctUsers: b.distinctUsers,
    start: b.start,
  }));
}

export function UsageView({
  vault,
  item,
  licenses,
  zone,
  asOf,
  holdMinutes,
  trueUpLimit,
  licenseType,
  level,
  onLevel: setLevel,
  onMonth,
  onZoom,
  onResetZoom,
  usersPending = false,
}: Props) {
  // The period's days come with the report; the other levels are asked for. A bar of another level is never
  // shown as this one's: while a level is computed there are no bars.
  const days = useMemo(
    () =>
      item.daily.map((d) => ({
        key: d.date,
        label: d.date,
        peak: d.peak,
        average: d.average,
        distinctUsers: usersPending ? null : d.distinctUsers,
      })),
    [item, usersPending],
  );
  const asked = useQuery(
    async () => {
      const started = performance.now();
      if (level.kind === 'period') throw new Error('the period’s days come with the report'); // not asked: see `enabled`
      const range = drillRange(level, zone, asOf);
      const v = await vault();
      const series = await usageSeries(
        v.db,
        licenses,
        { zone, asOf, holdMinutes },
        range.resolution,
        range.fromMs,
        range.toMs,
        { cache: v.usage },
      );
      const rows = toChart(series.get(item.license) ?? [], (b) => range.label(b.key));
      return { rows, millis: performance.now() - started };
    },
    [vault, level, item.license, licenses, zone, asOf, holdMinutes],
    { enabled: level.kind !== 'period' },
  );
  const rows: (ChartBucket & { start?: number })[] | null = level.kind === 'period' ? days : (asked.data?.rows ?? null);
  const millis = level.kind === 'period' ? null : (asked.data?.millis ?? null);

  const drill = (b: ChartBucket & { start?: number }) => {
    if (level.kind === 'period') setLevel({ kind: 'day', date: b.key });
    else if (level.kind === 'day' && b.start !== undefined)
      setLevel({ kind: 'hour', date: level.date, start: b.start, key: b.key });
    else if (level.kind === 'months') onMonth?.(b.key.slice(0, 7));
  };
  const canDrill =
    level.kind === 'period' || level.kind === 'day' || (level.kind === 'months' && onMonth !== undefined);

  const title = drillTitle(level);
  // A drill redraws the chart (the bar that had the focus is gone): the focus goes to where the breadcrumb
  // stands, not to the page's body, so the next Tab reaches the new bars.
  const crumb = useRef<HTMLElement>(null);
  const mounted = useRef(false);
  useEffect(() => {
    const first = !mounted.current;
    mounted.current = true;
    // On first showing, only when a drill brought the view here (a bar of the Overview's chart).
    if (first && level.kind === 'period') return;
    if (document.activeElement === null || document.activeElement === document.body) crumb.current?.focus();
  }, [level]);

  const summary = useMemo(() => (rows ? levelStats(rows, level.kind) : null), [rows, level.kind]);

  return (
    <section className="panel" aria-labelledby="usage-title">
      <div className="panel__head">
        <h2 id="usage-title">Allocation</h2>
        <div className="segmented" role="group" aria-label="Chart range">
          <button
            type="button"
            aria-pressed={level.kind === 'period' || level.kind === 'day' || level.kind === 'hour'}
            onClick={() => setLevel({ kind: 'period' })}
          >
            Period, by day
          </button>
          <button type="button" aria-pressed={level.kind === 'last24'} onClick={() => setLevel({ kind: 'last24' })}>
            Last 24 hours
          </button>
          <button type="button" aria-pressed={level.kind === 'months'} onClick={() => setLevel({ kind: 'months' })}>
            12 months
          </button>
        </div>
      </div>
      <nav aria-label="Drill-down" className="breadcrumb">
        <ol>
          <li>
            {level.kind === 'period' ? (
              <span aria-current="page" tabIndex={-1} ref={crumb}>
                All days
              </span>
            ) : (
              <button type="button" className="link" onClick={() => setLevel({ kind: 'period' })}>
                All days
              </button>
            )}
          </li>
          {(level.kind === 'day' || level.kind === 'hour') && (
            <li>
              {level.kind === 'day' ? (
                <span aria-current="page" tabIndex={-1} ref={crumb}>
                  {level.date}
                </span>
              ) : (
                <button type="button" className="link" onClick={() => setLevel({ kind: 'day', date: level.date })}>
                  {level.date}
                </button>
              )}
            </li>
          )}
          {level.kind === 'hour' && (
            <li>
              <span aria-current="page" tabIndex={-1} ref={crumb}>
                {level.key.slice(11)}
              </span>
            </li>
          )}
        </ol>
      </nav>
      {summary && (
        <dl className="level-stats" aria-label="This level">
          <div>
            <dt>Peak</dt>
            <dd aria-label="Level peak">{formatCount(summary.peak)}</dd>
          </div>
          <div>
            <dt>Time-weighted average in use</dt>
            <dd aria-label="Level average">{summary.average.toFixed(2)}</dd>
          </div>
          {summary.users !== null && (
            <div>
              <dt>Distinct users (max per bar)</dt>
              <dd aria-label="Level distinct users">{formatCount(summary.users)}</dd>
            </div>
          )}
          {millis !== null && (
            <div>
              <dt>Computed in</dt>
              <dd>{Math.round(millis)} ms</dd>
            </div>
          )}
        </dl>
      )}
      <QueryError error={asked.error} lead="The chart could not be computed" />
      {asked.pending && (
        <p className="muted" role="status">
          Computing: {title}…
        </p>
      )}
      {level.kind === 'period' && (
        <PeriodChart
          days={item.daily}
          capacity={item.capacity}
          trueUpLimit={trueUpLimit}
          licenseType={licenseType}
          title={title}
          onDay={(date) => setLevel({ kind: 'day', date })}
          onZoom={onZoom}
          onResetZoom={onResetZoom}
          usersPending={usersPending}
        />
      )}
      {rows && level.kind !== 'period' && (
        <UsageChart
          buckets={rows}
          capacity={item.capacity}
          trueUpLimit={trueUpLimit}
          licenseType={licenseType}
          title={title}
          onPick={canDrill ? drill : undefined}
        />
      )}
      {/* Kept while a level is computed, so a table the user opened stays open at the next level. */}
      <details className="data-table">
        <summary>Show the bars as a table{canDrill ? ' (with drill-down)' : ''}</summary>
        {rows && (
          <UsageTable
            label="Bars"
            bucket={level.kind === 'period' ? 'Day' : level.kind === 'hour' ? 'Minute' : 'Time'}
            rows={rows}
            renderLabel={(r) =>
              canDrill ? (
                <button type="button" className="link" onClick={() => drill(r)}>
                  {r.label}
                </button>
              ) : (
                r.label
              )
            }
          />
        )}
      </details>
    </section>
  );
}
