/**
 * The usage part of a project page or an item page: three pies (all history,
 * the selected period, today) of capacity used vs free at peak, the trend
 * over the period, and the usage table in 2-hour intervals of one day (the
 * period's last day unless another is picked). The items are counted together.
 */
import { useEffect, useState } from 'react';
import { formatCount } from '../../lib/format.ts';
import type { Inventory } from '../../lib/inventory/schema.ts';
import { defaultTableDate, intervalTable, portalFigures } from '../../lib/projects/figures.ts';
import { localDateOf } from '../../lib/usage/buckets.ts';
import type { Vault } from '../../lib/vault.ts';
import { UsageTable } from '../dashboard/UsageTable.tsx';
import { QueryError } from '../QueryError.tsx';
import { useQuery } from '../useQuery.ts';
import { CapacityPie } from './CapacityPie.tsx';
import { TrendChart } from './TrendChart.tsx';

const SEPARATOR = '\u0000';
/** The names joined into `key`, back as a list. */
const namesOf = (key: string): string[] => (key === '' ? [] : key.split(SEPARATOR));

export interface UsageStatsProps {
  vault: () => Promise<Vault>;
  /** The items counted together: a project's, or one item. */
  licenses: string[];
  inventory: Inventory;
  zone: string;
  asOf: number;
  holdMinutes: number;
  period: { startMs: number; endMs: number };
  earliest: number;
  /** "project Platform", "GoLand": for labels. */
  subject: string;
}

export function UsageStats({
  vault,
  licenses,
  inventory,
  zone,
  asOf,
  holdMinutes,
  period,
  earliest,
  subject,
}: UsageStatsProps) {
  const [tableDate, setTableDate] = useState<string | null>(null);
  // The names, not the array's identity: a new array with the same names must not recompute.
  const key = licenses.join(SEPARATOR);
  // The page's kept sweep (the vault's cache), when it is of these settings, gives the levels without a sweep in SQL.
  const computed = useQuery(async () => {
    const v = await vault();
    return portalFigures(v.db, namesOf(key), inventory, { zone, asOf, holdMinutes }, { earliest, period }, v.usage);
  }, [vault, key, inventory, zone, asOf, holdMinutes, period, earliest]);
  const figures = computed.data ?? null;

  // Back to the default day when the page or the period changes.
  useEffect(() => setTableDate(null), [key, zone, period]);

  const defaultDate = defaultTableDate(zone, period);
  const otherDay = tableDate !== null && tableDate !== defaultDate;
  const picked = useQuery(
    async () => {
      const v = await vault();
      return intervalTable(v.db, namesOf(key), { zone, asOf, holdMinutes }, tableDate!, v.usage);
    },
    [vault, key, zone, asOf, holdMinutes, tableDate],
    { enabled: otherDay },
  );
  const error = computed.error ?? picked.error;

  const table = otherDay ? (picked.data ?? null) : (figures?.intervals ?? null);
  const firstDay = localDateOf(zone, Math.min(earliest, period.startMs));
  const lastDay = localDateOf(zone, asOf);

  return (
    <div className="portal-stats" aria-busy={computed.pending || picked.pending}>
      <QueryError
        error={error}
        lead={computed.error ? 'The figures could not be computed' : 'The 2-hour table could not be computed'}
      />
      {computed.pending && <p className="muted">Computing the usage of {subject}…</p>}
      {figures && (
        <>
          <section aria-labelledby="pies-title">
            <h3 id="pies-title">Capacity used at peak</h3>
            <p className="muted">
              {figures.capacity === null
                ? 'No capacity: some item has no licenses in the inventory, so only the licenses used at peak are shown.'
                : `Capacity ${formatCount(figures.capacity)} licenses (regular + virtual${licenses.length > 1 ? ', all items' : ''}).`}
            </p>
            <div className="pies" role="group" aria-label="Pie charts">
              {figures.pies.map((p) => (
                <CapacityPie key={p.window} pie={p} />
              ))}
            </div>
          </section>
          <section aria-labelledby="trend-title">
            <h3 id="trend-title" className="visually-hidden">
              Trend
            </h3>
            <TrendChart
              trend={figures.trend}
              capacity={figures.capacity}
              title="Usage trend over the selected period (per day)"
            />
          </section>
          <section aria-labelledby="intervals-title">
            <div className="panel__head">
              <h3 id="intervals-title">Usage in 2-hour intervals{table ? `, ${table.date}` : ''}</h3>
              <div className="field field--inline">
                <label htmlFor="intervals-day">Day</label>
                <input
                  id="intervals-day"
                  type="date"
                  min={firstDay}
                  max={lastDay}
                  value={tableDate ?? defaultDate}
                  onChange={(e) => {
                    const v = e.target.value;
                    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) setTableDate(v);
                  }}
                />
              </div>
            </div>
            {picked.error ? null : table === null ? (
              <p className="muted">Computing…</p>
            ) : table.rows.length === 0 ? (
              <p className="muted">No intervals: {table.date} is after as-of.</p>
            ) : (
              <UsageTable
                label="Usage in 2-hour intervals"
                bucket={`Interval (${zone})`}
                className="compact"
                sessions
                rows={table.rows}
                rowClassName={(r) =>
                  figures.capacity !== null && r.peak >= figures.capacity ? 'at-capacity' : undefined
                }
              />
            )}
            <p className="muted">
              Each interval’s peak, average and distinct users are its own (not added up from hours). On days when the
              clock changes, the interval at the change lasts one hour; an interval cut by as-of is averaged over its
              part before as-of.
            </p>
          </section>
        </>
      )}
    </div>
  );
}
