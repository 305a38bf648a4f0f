/**
 * The usage trend over the selected period, as a license portal's line chart:
 * the daily peak and the daily average of licenses in use, with the capacity
 * as a dotted rule. The same numbers are in the table below the chart.
 */
import * as Plot from '@observablehq/plot';
import { useMemo } from 'react';
import { formatCount } from '../../lib/format.ts';
import type { TrendPoint } from '../../lib/projects/figures.ts';
import { PlotFigure } from '../dashboard/PlotFigure.tsx';
import { UsageTable } from '../dashboard/UsageTable.tsx';

interface Props {
  trend: TrendPoint[];
  capacity: number | null;
  title: string;
}

/** At most about 16 tick labels, whatever the number of days. */
function tickEvery(labels: string[]): string[] {
  const step = Math.max(1, Math.ceil(labels.length / 16));
  return labels.filter((_, i) => i % step === 0);
}

export function TrendChart({ trend, capacity, title }: Props) {
  const options = useMemo((): Plot.PlotOptions => {
    const top = Math.max(1, capacity ?? 0, ...trend.map((d) => d.peak));
    const tip = (d: TrendPoint) =>
      `${d.date}\npeak ${d.peak}, average ${d.average.toFixed(2)}\n${d.distinctUsers} users`;
    const marks: Plot.Markish[] = [
      Plot.ruleY([0]),
      Plot.lineY(trend, { x: 'date', y: 'average', stroke: 'var(--muted)', strokeWidth: 1.5, strokeDasharray: '4,3' }),
      Plot.lineY(trend, { x: 'date', y: 'peak', stroke: 'var(--bar)', strokeWidth: 2 }),
      Plot.dot(trend, {
        x: 'date',
        y: 'peak',
        fill: (d: TrendPoint) => (capacity !== null && d.peak >= capacity ? 'var(--bar-capacity)' : 'var(--bar)'),
        r: 2.5,
      }),
    ];
    if (capacity !== null)
      marks.push(Plot.ruleY([capacity], { stroke: 'var(--bar-capacity)', strokeDasharray: '2,3', strokeWidth: 2 }));
    marks.push(Plot.tip(trend, Plot.pointerX({ x: 'date', y: 'peak', title: tip })));
    return {
      height: 240,
      marginLeft: 56,
      marginBottom: 60,
      // Ordinal on purpose, as the allocation chart: the dates are local days of the report zone.
      x: {
        type: 'point',
        label: null,
        tickRotate: trend.length > 20 ? -45 : 0,
        ticks: tickEvery(trend.map((d) => d.date)),
      },
      // Whole licenses on the axis: at most 8 ticks, never fractions.
      y: {
        label: 'licenses in use',
        grid: true,
        domain: [0, top],
        nice: true,
        ticks: Math.min(8, top),
        tickFormat: 'd',
      },
      color: { type: 'identity' },
      style: { background: 'transparent', color: 'var(--text)' },
      marks,
    };
  }, [trend, capacity]);

  const peak = Math.max(0, ...trend.map((d) => d.peak));
  const first = trend[0]?.date;
  const last = trend.at(-1)?.date;
  const label =
    trend.length === 0
      ? `${title}: no days in the period.`
      : `${title}: ${trend.length} days from ${first} to ${last}, highest daily peak ${formatCount(peak)}${capacity === null ? '' : `, capacity ${formatCount(capacity)}`}.`;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      {trend.length > 0 && <PlotFigure options={options} label={label} className="plot--static" />}
      <ul className="legend">
        <li>
          <span className="swatch swatch--bar" /> daily peak
        </li>
        <li>
          <span className="swatch swatch--average" /> dashed: daily average
        </li>
        {capacity !== null && (
          <li>
            <span className="swatch swatch--capacity" /> dotted: capacity ({formatCount(capacity)})
          </li>
        )}
      </ul>
      <details className="data-table">
        <summary>Show the trend as a table</summary>
        <UsageTable
          label="Usage trend"
          bucket="Day"
          className="compact"
          rows={trend.map((d) => ({ ...d, key: d.date, label: d.date }))}
        />
      </details>
    </figure>
  );
}
