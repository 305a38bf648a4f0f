/**
 * The Plan tab (docs/DOMAIN.md §10): per item today's and the recommended
 * capacity with a year's cost of each, a chart of cost and denied minutes
 * against capacity with its table, the tolerance, and the revocation
 * candidates with their CSV. Estimates from the loaded data, never quotes.
 */
import * as Plot from '@observablehq/plot';
import { useEffect, useId, useMemo, useState } from 'react';
import { formatCount } from '../../lib/format.ts';
import type { Inventory } from '../../lib/inventory/schema.ts';
import { DEFAULT_IDLE_DAYS, idleCsv } from '../../lib/renewal/idle.ts';
import { draftRenewal, finishedRenewal, gatherRenewalFacts, type DraftItem } from '../../lib/renewal/section.ts';
import type { Vault } from '../../lib/vault.ts';
import { downloadText } from '../download.ts';
import { QueryError } from '../QueryError.tsx';
import { useQuery } from '../useQuery.ts';
import { PlotFigure } from './PlotFigure.tsx';
import { usePlanReplays } from './usePlanReplays.ts';
import { CappedNote, ItemSearch, licenseOf, useCapped } from './CappedList.tsx';
import { ItemSelect } from './ItemSelect.tsx';

interface Props {
  vault: () => Promise<Vault>;
  inventory: Inventory;
  zone: string;
  /** The report's period, local days, and its as-of (epoch ms). */
  from: string;
  to: string;
  asOf: number;
  holdMinutes: number;
  version: number;
}

function money(amount: number | null, currency: string | null): string {
  if (amount === null || currency === null) return '—';
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
}

const NO_ITEMS: DraftItem[] = [];

const minutes = (m: number | null) => (m === null ? '—' : formatCount(Math.round(m)));

export function PlanView({ vault, inventory, zone, from, to, asOf, holdMinutes, version }: Props) {
  const ids = { tolerance: useId(), idle: useId(), floating: useId(), item: useId(), find: useId() };
  const [tolerance, setTolerance] = useState(0);
  const [idleDays, setIdleDays] = useState(DEFAULT_IDLE_DAYS);
  const [floating, setFloating] = useState(true);
  const facts = useQuery(
    async () => gatherRenewalFacts((await vault()).db, { zone, from, to, asOf, holdMinutes, inventory }),
    [vault, zone, from, to, asOf, holdMinutes, inventory],
    { dataVersion: version },
  );
  const replays = usePlanReplays(facts.data);
  // Everything but the replays comes from the facts at once (the cost curve is exact from L(t)); the replays
  // run in the worker and fill in as they come. Changing the tolerance asks the database nothing.
  const derived = useMemo(() => {
    if (!facts.data) return null;
    try {
      const settings = { inventory, tolerance, idleDays, floating };
      const { draft, pending } = draftRenewal(facts.data, settings, (job) => replays.outcomes.get(job.key));
      // Parsed like the CLI's once complete: the schema's checks hold on the page too.
      return { renewal: pending.length === 0 ? finishedRenewal(draft) : draft, pending, error: null };
    } catch (e) {
      return { renewal: null, pending: [], error: e instanceof Error ? e : new Error(String(e)) };
    }
  }, [facts.data, inventory, tolerance, idleDays, floating, replays.outcomes]);
  const renewal = derived?.renewal ?? null;
  const pending = derived?.pending ?? [];
  const pendingKeys = pending.map((j) => j.key).join('\n');
  const { request } = replays;
  useEffect(
    () => request(pending),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the jobs' keys are all that matters of `pending`, a new array at every render
    [request, pendingKeys],
  );
  const [picked, setPicked] = useState<string | null>(null);
  const shown = renewal?.items.find((i) => i.license === picked) ?? renewal?.items[0];
  // One row (and option) per license item: capped, with a search (item-options.ts).
  const { capped, query, setQuery } = useCapped(renewal?.items ?? NO_ITEMS, licenseOf);
  const planned = useMemo(() => renewal?.items.map((i) => i.license) ?? [], [renewal]);

  return (
    <section
      className="panel"
      aria-labelledby="plan-title"
      aria-busy={facts.pending || pending.length > 0}
      data-replays={facts.pending ? 'waiting' : pending.length > 0 ? 'pending' : 'done'}
    >
      <h2 id="plan-title">Renewal plan</h2>
      <p className="muted">
        Estimates from the loaded data and the inventory’s prices, never quotes. The plan is taken to have Floating mode
        (as the Costs tab does) unless unticked below.
      </p>
      <div className="toolbar">
        <div className="field">
          <label htmlFor={ids.tolerance}>Tolerated denied license-minutes a year</label>
          <input
            id={ids.tolerance}
            type="number"
            min={0}
            step={60}
            value={tolerance}
            onChange={(e) => setTolerance(Math.max(0, Number(e.target.value) || 0))}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.idle}>Idle after (days)</label>
          <input
            id={ids.idle}
            type="number"
            min={0}
            step={1}
            value={idleDays}
            onChange={(e) => setIdleDays(Math.max(0, Math.floor(Number(e.target.value) || 0)))}
          />
        </div>
        <div className="field field--inline">
          <input id={ids.floating} type="checkbox" checked={floating} onChange={(e) => setFloating(e.target.checked)} />
          <label htmlFor={ids.floating}>The plan has Floating mode</label>
        </div>
      </div>
      <QueryError error={facts.error} lead="The renewal plan could not be computed" />
      <QueryError error={derived?.error ?? null} lead="The renewal plan could not be computed" />
      <QueryError
        error={replays.error === null ? null : new Error(replays.error)}
        lead="The replays of the sessions failed"
      />
      {facts.pending && <p className="muted">Computing the renewal plan…</p>}
      {pending.length > 0 && replays.error === null && (
        <p className="muted" role="status">
          Replaying the sessions at {pending.length === 1 ? 'one more capacity' : `${pending.length} more capacities`}{' '}
          for the denied requests…{' '}
          <progress max={1} value={replays.running?.done ?? 0} aria-label="Replay of the current capacity" />
        </p>
      )}
      {renewal && (
        <>
          <p>
            {renewal.period.from} to {renewal.period.to}
            {renewal.period.months === 12
              ? ': a year.'
              : `: ${renewal.period.months.toFixed(2)} months, so its True-Up, surcharge and denials are scaled to 12 months.`}
          </p>
          <ItemSearch
            label="Find plan rows by license item"
            total={renewal.items.length}
            query={query}
            onQuery={setQuery}
          />
          <PlanTable items={capped.shown} totals={renewal.totals} />
          <CappedNote capped={capped} />
          {shown && (
            <>
              <ItemSelect
                id={ids.item}
                findId={ids.find}
                className="field field--inline"
                label="Curve of"
                findLabel="Find the curve of a license item"
                all={null}
                licenses={planned}
                item={shown.license}
                onChange={setPicked}
              />
              <CurveFigure item={shown} />
            </>
          )}
          <IdleList rows={renewal.idle} days={renewal.idleDays} floating={renewal.floating} />
        </>
      )}
    </section>
  );
}

function PlanTable({
  items,
  totals,
}: {
  items: DraftItem[];
  totals: { currency: string; annualCostNow: number; annualCostRecommended: number }[];
}) {
  return (
    <div className="table-wrap">
      <table aria-label="Renewal plan">
        <thead>
          <tr>
            <th scope="col">License item</th>
            <th scope="col" className="num">
              Today
            </th>
            <th scope="col" className="num">
              Recommended
            </th>
            <th scope="col" className="num">
              A year today
            </th>
            <th scope="col" className="num">
              A year recommended
            </th>
            <th scope="col" className="num">
              Saving (− extra cost)
            </th>
            <th scope="col" className="num">
              Denied license-minutes a year
            </th>
            <th scope="col" className="num">
              Denied requests (replay)
            </th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => {
            const saving =
              i.annualCostNow === null || i.annualCostRecommended === null
                ? null
                : Math.round((i.annualCostNow - i.annualCostRecommended) * 100) / 100;
            return (
              <tr key={i.license} data-license={i.license}>
                <th scope="row">{i.license}</th>
                <td className="num" data-value={i.currentCapacity ?? ''}>
                  {i.currentCapacity ?? 'unknown'}
                </td>
                <td className="num" data-value={i.recommendedCapacity}>
                  {i.recommendedCapacity}
                </td>
                <td className="num" data-value={i.annualCostNow ?? ''}>
                  {money(i.annualCostNow, i.currency)}
                </td>
                <td className="num" data-value={i.annualCostRecommended ?? ''}>
                  {money(i.annualCostRecommended, i.currency)}
                </td>
                <td className="num">{money(saving, i.currency)}</td>
                <td className="num" data-value={i.deniedMinutesRecommended}>
                  {minutes(i.deniedMinutesRecommended)}
                </td>
                {i.replay === null ? (
                  <td className="num" data-value="" aria-busy="true">
                    replaying…
                  </td>
                ) : (
                  <td className="num" data-value={i.replay.recommended.deniedRequests}>
                    {formatCount(i.replay.recommended.deniedRequests)}
                  </td>
                )}
                <td>
                  {[
                    ...(i.withinTolerance ? [] : ['no capacity within the tolerance costs less: today’s is kept']),
                    ...i.notes,
                  ].join('; ')}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          {totals.map((t) => (
            <tr key={t.currency}>
              <th scope="row" colSpan={3}>
                Total ({t.currency})
              </th>
              <td className="num">{money(t.annualCostNow, t.currency)}</td>
              <td className="num">{money(t.annualCostRecommended, t.currency)}</td>
              <td className="num">
                {money(Math.round((t.annualCostNow - t.annualCostRecommended) * 100) / 100, t.currency)}
              </td>
              <td colSpan={3} />
            </tr>
          ))}
        </tfoot>
      </table>
    </div>
  );
}

/** One chart of the curve: `y` against capacity, with today's capacity (solid) and the recommendation (dashed). */
function curveOptions(item: DraftItem, y: 'annualCost' | 'deniedMinutes', label: string): Plot.PlotOptions {
  const points = item.curve.filter((p) => p[y] !== null);
  return {
    height: 200,
    // Room for a year's cost in thousands on the axis.
    marginLeft: 64,
    x: { label: 'capacity (licenses)' },
    y: { label, grid: true },
    style: { background: 'transparent', color: 'var(--text)' },
    marks: [
      Plot.lineY(points, { x: 'capacity', y, stroke: 'var(--bar)' }),
      Plot.dot(points, {
        x: 'capacity',
        y,
        fill: 'var(--bar)',
        r: 2,
        title: (p: (typeof points)[number]) => `${p.capacity}: ${p[y]}`,
      }),
      Plot.ruleX([item.recommendedCapacity], { stroke: 'var(--bar-trueup)', strokeDasharray: '4,3' }),
      ...(item.currentCapacity === null ? [] : [Plot.ruleX([item.currentCapacity], { stroke: 'var(--bar-capacity)' })]),
      Plot.ruleY([0]),
    ],
  };
}

function CurveFigure({ item }: { item: DraftItem }) {
  const cost = useMemo(() => curveOptions(item, 'annualCost', `a year (${item.currency ?? 'no price'})`), [item]);
  const denied = useMemo(() => curveOptions(item, 'deniedMinutes', 'denied license-minutes a year'), [item]);
  const label = `${item.license}: today ${item.currentCapacity ?? 'unknown'}, recommended ${item.recommendedCapacity} licenses`;
  return (
    <figure className="chart">
      <figcaption>
        {item.license}: a year’s cost and denied license-minutes at each capacity (solid line today, dashed the
        recommendation)
      </figcaption>
      {item.currency !== null && <PlotFigure options={cost} label={`Cost against capacity. ${label}.`} />}
      <PlotFigure options={denied} label={`Denied license-minutes against capacity. ${label}.`} />
      <details>
        <summary>Table</summary>
        <div className="table-wrap">
          <table aria-label={`Cost curve of ${item.license}`}>
            <thead>
              <tr>
                <th scope="col">Capacity</th>
                <th scope="col" className="num">
                  True-Up limit
                </th>
                <th scope="col" className="num">
                  A year
                </th>
                <th scope="col" className="num">
                  True-Up license-months a year
                </th>
                <th scope="col" className="num">
                  Denied license-minutes a year
                </th>
              </tr>
            </thead>
            <tbody>
              {item.curve.map((p) => (
                <tr key={p.capacity}>
                  <th scope="row">{p.capacity}</th>
                  <td className="num">{p.trueUpLimit}</td>
                  <td className="num" data-value={p.annualCost ?? ''}>
                    {money(p.annualCost, item.currency)}
                  </td>
                  <td className="num">{p.trueUpLicenseMonths.toFixed(2)}</td>
                  <td className="num" data-value={p.deniedMinutes}>
                    {minutes(p.deniedMinutes)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

function IdleList({
  rows,
  days,
  floating,
}: {
  rows: { username: string; license: string; allocationId: string; lastUse: string; held: 'kept' | 'online' }[];
  days: number;
  floating: boolean;
}) {
  const download = () =>
    downloadText(`vaultlens-idle-licenses-${days}-days.csv`, idleCsv(rows), 'text/csv;charset=utf-8');
  return (
    <section aria-labelledby="idle-title">
      <div className="panel__head">
        <h3 id="idle-title">
          Licenses held without use for {days} days ({formatCount(rows.length)})
        </h3>
        <button type="button" onClick={download} disabled={rows.length === 0}>
          Download CSV
        </button>
      </div>
      <p className="muted">
        {floating
          ? 'With Floating mode a license goes back when the product closes: only machines that stay online hold one.'
          : 'Without Floating mode a license stays with its user after use: users who have not started the item since, and machines that stay online.'}{' '}
        Revocation candidates: check with the user first.
      </p>
      <div className="table-wrap">
        <table aria-label="Revocation candidates">
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">License item</th>
              <th scope="col">Last use</th>
              <th scope="col">Held by</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.username}\u0000${r.license}`}>
                <th scope="row">{r.username}</th>
                <td>{r.license}</td>
                <td>{r.lastUse.replace('T', ' ')}</td>
                <td>{r.held === 'online' ? 'a machine still online' : 'the user (no Floating mode)'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
