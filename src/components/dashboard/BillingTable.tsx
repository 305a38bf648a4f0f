/**
 * Cost estimates (docs/DOMAIN.md §5): the Floating surcharge and True-Up per item
 * and month, or per quarter, in each item's currency and the reader's locale,
 * and True-Forward hints. Estimates, never invoices: labelled as such.
 */
import * as Plot from '@observablehq/plot';
import { useId, useMemo, useState } from 'react';
import { byQuarter, totals, trueForwardHints, type MonthBill } from '../../lib/billing/money.ts';
import { costPivot, type CostPivot } from '../../lib/billing/pivot.ts';
import { PlotFigure } from './PlotFigure.tsx';
import { CappedNote, ItemSearch, licenseOf } from './CappedList.tsx';
import { cappedMatches } from '../../lib/dashboard/item-options.ts';
import { formatCount } from '../../lib/format.ts';
import type { Inventory } from '../../lib/inventory/schema.ts';
import type { Report } from '../../lib/report/schema.ts';

function money(amount: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
}

/**
 * The bars of the chart: one per month and item shown, and past the items
 * shown one more per month for all the others together (a bar per item of
 * 20,000 froze the page).
 */
function bars(pivot: CostPivot, shown: CostPivot['items']) {
  const out = shown.flatMap((it) =>
    it.cells.map((amount, i) => ({ month: pivot.months[i]!, item: it.license, amount })),
  );
  const others = pivot.items.length - shown.length;
  if (others === 0) return out;
  const item = `${formatCount(others)} other items`;
  pivot.months.forEach((month, i) => {
    const amount = pivot.monthTotals[i]! - shown.reduce((sum, it) => sum + it.cells[i]!, 0);
    out.push({ month, item, amount: Math.round(amount * 100) / 100 });
  });
  return out;
}

/** Items × months with totals, and the same as stacked bars per month; at most ITEM_OPTIONS_LIMIT items drawn. */
function Pivot({ pivot, period, query }: { pivot: CostPivot; period: string; query: string }) {
  const { currency } = pivot;
  const capped = useMemo(() => cappedMatches(pivot.items, licenseOf, query), [pivot, query]);
  const chart = useMemo(
    (): Plot.PlotOptions => ({
      height: 220,
      marginLeft: 70,
      x: { type: 'band', label: null, tickRotate: pivot.months.length > 12 ? -45 : 0 },
      y: { label: `estimated cost (${currency})`, grid: true },
      color: { legend: true },
      style: { background: 'transparent', color: 'var(--text)' },
      marks: [
        Plot.barY(bars(pivot, capped.shown), {
          x: 'month',
          y: 'amount',
          fill: 'item',
          title: (d) => `${d.month} · ${d.item}: ${money(d.amount, currency)}`,
        }),
        Plot.ruleY([0]),
      ],
    }),
    [pivot, currency, capped],
  );
  return (
    <>
      <p className="costs-total">
        Estimated total: <strong aria-label={`Grand total ${currency}`}>{money(pivot.total, currency)}</strong>
      </p>
      <figure className="chart">
        <figcaption>
          Estimated cost per {period} and license item ({currency})
        </figcaption>
        <PlotFigure
          options={chart}
          label={`Estimated cost per ${period}, stacked by license item: ${money(pivot.total, currency)} in all.`}
        />
      </figure>
      <div className="table-wrap">
        <table aria-label={`Costs by item and ${period} (${currency})`}>
          <thead>
            <tr>
              <th scope="col">License item</th>
              {pivot.months.map((m) => (
                <th key={m} scope="col" className="num">
                  {m}
                </th>
              ))}
              <th scope="col" className="num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {capped.shown.map((it) => (
              <tr key={it.license}>
                <th scope="row">{it.license}</th>
                {it.cells.map((c, i) => (
                  <td key={pivot.months[i]} className="num">
                    {c === 0 ? '—' : money(c, currency)}
                  </td>
                ))}
                <td className="num">
                  <strong>{money(it.total, currency)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              {pivot.monthTotals.map((c, i) => (
                <td key={pivot.months[i]} className="num">
                  {money(c, currency)}
                </td>
              ))}
              <td className="num">
                <strong>{money(pivot.total, currency)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <CappedNote capped={capped} />
    </>
  );
}

interface Props {
  billing: Report['billing'];
  /** The zone months are counted in. */
  timeZone: string;
  /** For True-Forward hints; a snapshot has none. */
  inventory: Inventory | null;
}

export function BillingTable({ billing, timeZone, inventory }: Props) {
  const [schedule, setSchedule] = useState<'monthly' | 'quarterly'>('monthly');
  const [query, setQuery] = useState('');
  const id = useId();
  if (!billing) {
    return (
      <section className="panel" aria-labelledby="billing-title">
        <h2 id="billing-title">Cost estimates</h2>
        <p>Add annual prices to the inventory to see Floating surcharge and True-Up estimates.</p>
      </section>
    );
  }
  const rows: MonthBill[] = schedule === 'monthly' ? billing.months : byQuarter(billing.months);
  const currencies = [...new Set(rows.map((r) => r.currency))];
  const itemCount = new Set(rows.map((r) => r.license)).size;
  const hints = inventory ? trueForwardHints(billing.months, inventory) : [];
  const listed = cappedMatches(rows, licenseOf, query);
  const shownHints = cappedMatches(hints, licenseOf, query);
  return (
    <section className="panel" aria-labelledby="billing-title">
      <div className="panel__head">
        <h2 id="billing-title">Cost estimates</h2>
        <div className="field field--inline">
          <label htmlFor={id}>Billing schedule</label>
          <select id={id} value={schedule} onChange={(e) => setSchedule(e.target.value as 'monthly' | 'quarterly')}>
            <option value="monthly">Monthly</option>
            <option value="quarterly">Quarterly</option>
          </select>
        </div>
      </div>
      <p className="muted">
        Estimates from the loaded data and your prices, not invoices: the Floating surcharge and True-Up of each item,
        months in {timeZone}.
      </p>
      <ItemSearch label="Find costs by license item" total={itemCount} query={query} onQuery={setQuery} />
      {costPivot(rows).map((p) => (
        <Pivot key={p.currency} pivot={p} period={schedule === 'monthly' ? 'month' : 'quarter'} query={query} />
      ))}
      <details className="data-table">
        <summary>How the estimates are computed</summary>
        <p className="muted">
          Surcharge: round_to_cents(P / 12 × 0.2) × N, N the month’s most prepaid licenses in use at once; none for
          plugins, unused months or True-Up licenses. True-Up: licenses above capacity, up to the limit, per
          license-month. A quarter adds up its months.
        </p>
      </details>
      <h3>Every {schedule === 'monthly' ? 'month' : 'quarter'} and item</h3>
      <div className="table-wrap">
        <table aria-label="Cost estimates">
          <thead>
            <tr>
              <th scope="col">{schedule === 'monthly' ? 'Month' : 'Quarter'}</th>
              <th scope="col">License item</th>
              <th scope="col" className="num">
                N (prepaid, max)
              </th>
              <th scope="col" className="num">
                Floating surcharge
              </th>
              <th scope="col" className="num">
                True-Up licenses
              </th>
              <th scope="col" className="num">
                True-Up cost
              </th>
            </tr>
          </thead>
          <tbody>
            {listed.shown.map((r) => (
              <tr key={`${r.month}-${r.license}`}>
                <th scope="row">{r.month}</th>
                <td>{r.license}</td>
                <td className="num">{r.n}</td>
                <td className="num">{money(r.surcharge, r.currency)}</td>
                <td className="num">{r.trueUpLicenses}</td>
                <td className="num">{money(r.trueUpCost, r.currency)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            {currencies.map((c) => {
              const t = totals(rows.filter((r) => r.currency === c));
              return (
                <tr key={c}>
                  <th scope="row" colSpan={3}>
                    Total ({c})
                  </th>
                  <td className="num" aria-label={`Total surcharge ${c}`}>
                    {money(t.surcharge, c)}
                  </td>
                  <td />
                  <td className="num" aria-label={`Total True-Up ${c}`}>
                    {money(t.trueUpCost, c)}
                  </td>
                </tr>
              );
            })}
          </tfoot>
        </table>
      </div>
      <CappedNote capped={listed} noun="rows" />
      {hints.length > 0 && (
        <ul className="messages__notices" aria-label="True-Forward hints">
          {shownHints.shown.map((h) => (
            <li key={h.license}>
              <strong>{h.license}:</strong> {h.licenses} True-Up license{h.licenses === 1 ? '' : 's'} in use for the
              last {h.months} months cost about {money(h.trueUpPerYear, h.currency)} a year as True-Up; bought as
              regular licenses (True-Forward), {money(h.regularPerYear, h.currency)}.
            </li>
          ))}
        </ul>
      )}
      <CappedNote capped={shownHints} noun="True-Forward hints" />
    </section>
  );
}
