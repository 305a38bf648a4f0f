/**
 * License items at a glance, as the vault's dashboard lists them, with a
 * search box: at most ITEM_OPTIONS_LIMIT rows are drawn (item-options.ts).
 */
import { useId, useMemo, useState } from 'react';
import { cappedMatches } from '../../lib/dashboard/item-options.ts';
import { CappedNote } from './CappedList.tsx';
import { formatCount } from '../../lib/format.ts';
import { trueUpLimit } from '../../lib/billing/true-up.ts';
import { inventoryItem, type Inventory } from '../../lib/inventory/schema.ts';
import type { ReportParts } from '../../lib/report/parts.ts';

export function OverviewTable({
  report,
  inventory,
  onOpen,
}: {
  report: ReportParts;
  inventory: Inventory;
  onOpen: (license: string) => void;
}) {
  const [search, setSearch] = useState('');
  const id = useId();
  const capped = useMemo(() => cappedMatches(report.licenses, (l) => l, search), [report.licenses, search]);
  // Only the rows drawn have their figures derived (a threshold edit re-derives these alone).
  const items = useMemo(() => capped.shown.map((license) => report.figures(license)), [capped, report]);
  return (
    <section className="panel" aria-labelledby="overview-title">
      <div className="panel__head">
        <h2 id="overview-title">License items</h2>
        <div className="field field--inline">
          <label htmlFor={id}>Search items</label>
          <input id={id} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
      </div>
      <div className="table-wrap">
        <table aria-label="License items">
          <thead>
            <tr>
              <th scope="col">License item</th>
              <th scope="col" className="num">
                Regular
              </th>
              <th scope="col" className="num">
                Virtual
              </th>
              <th scope="col" className="num">
                True-Up limit
              </th>
              <th scope="col" className="num">
                In use now
              </th>
              <th scope="col" className="num">
                Usage ratio
              </th>
              <th scope="col" className="num">
                Period peak
              </th>
              <th scope="col" className="num">
                Days at capacity
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => {
              const inv = inventoryItem(inventory, i.license);
              const limit = inv ? trueUpLimit(inv) : null;
              return (
                <tr key={i.license}>
                  <th scope="row">
                    <button type="button" className="link" onClick={() => onOpen(i.license)}>
                      {i.license}
                    </button>
                  </th>
                  <td className="num">{inv ? formatCount(inv.regular) : '—'}</td>
                  <td className="num">{inv ? formatCount(inv.virtual) : '—'}</td>
                  <td className="num">{limit === null ? '—' : formatCount(limit)}</td>
                  <td className="num">{formatCount(i.inUseNow)}</td>
                  <td className="num">{i.usageRatio === null ? '—' : `${Math.round(i.usageRatio * 100)} %`}</td>
                  <td className={`num${i.warnings.peakUsage === 'major' ? ' bad' : ''}`}>
                    {formatCount(i.cards.peakUsage.value)}
                  </td>
                  <td className="num">
                    {i.cards.daysAtCapacity === null ? 'Non-applicable' : formatCount(i.cards.daysAtCapacity)}
                  </td>
                </tr>
              );
            })}
            {items.length === 0 && (
              <tr>
                <td colSpan={8}>No license item matches “{search}”.</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <CappedNote capped={capped} />
    </section>
  );
}
