/**
 * Small multiples on the Overview, as the vault's per-product chart: one small
 * chart per license item of its daily peaks over the period with its capacity
 * line, days at capacity in red. Each is a button that selects its item; its
 * text alternative (the series in words) is its description. Past
 * MULTIPLES_LIMIT items only those with the highest period peak are drawn,
 * and it says so: 20,000 charts froze the page.
 */
import { useId, useMemo } from 'react';
import { formatCount } from '../../lib/format.ts';
import { MULTIPLES_LIMIT, topRows } from '../../lib/dashboard/item-options.ts';
import { cardSparklines } from '../../lib/dashboard/sparkline.ts';
import type { ItemFigures, ReportParts } from '../../lib/report/parts.ts';
import { Sparkbars } from './Sparkbars.tsx';

interface Props {
  report: ReportParts;
  threshold: number;
  /** The item selected, shown pressed. */
  selected: string;
  onSelect: (license: string) => void;
}

function Multiple({
  item,
  threshold,
  pressed,
  onSelect,
}: {
  item: ItemFigures;
  threshold: number;
  pressed: boolean;
  onSelect: () => void;
}) {
  const id = useId();
  // Days at capacity: the daily peaks with the capacity line, the days that reached it marked.
  const spark = cardSparklines(item.daily, item.capacity, threshold).daysAtCapacity;
  return (
    <li>
      <button type="button" className="multiple" aria-pressed={pressed} aria-describedby={id} onClick={onSelect}>
        <span className="multiple__title">{item.license}</span>
        <Sparkbars
          className="multiple__chart"
          values={spark.values}
          marked={spark.marked}
          reference={spark.reference}
          width={240}
          height={56}
        />
        <span id={id} className="visually-hidden">
          {spark.label}
        </span>
      </button>
    </li>
  );
}

export function ItemMultiples({ report, threshold, selected, onSelect }: Props) {
  // Ranked by the period's peak, which needs no cards: only the items drawn have their figures derived.
  const { licenses, peaks } = report;
  const top = useMemo(() => topRows(licenses, (l) => peaks.get(l)?.value ?? 0, MULTIPLES_LIMIT), [licenses, peaks]);
  const shown = useMemo(() => top.shown.map((license) => report.figures(license)), [top, report]);
  if (report.licenses.length === 0) return null;
  return (
    <section className="panel multiples-panel" aria-labelledby="multiples-title">
      <h2 id="multiples-title">Daily peak per license item</h2>
      <p className="muted">Red: days at capacity · line: capacity · choose one to select its item.</p>
      {top.shown.length < top.total && (
        <p className="muted" role="status">
          {`Showing the ${formatCount(top.shown.length)} of ${formatCount(top.total)} license items with the highest period peak: find any other in the table below.`}
        </p>
      )}
      <ul className="multiples" aria-label="Daily peak per license item">
        {shown.map((i) => (
          <Multiple
            key={i.license}
            item={i}
            threshold={threshold}
            pressed={selected === i.license}
            onSelect={() => onSelect(i.license)}
          />
        ))}
      </ul>
    </section>
  );
}
