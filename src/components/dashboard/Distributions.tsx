/** The utilization histogram with 95 % / 99 % coverage lines, and the hour × weekday heatmap. */
import * as Plot from '@observablehq/plot';
import { useMemo } from 'react';
import type { ItemReport } from '../../lib/report/schema.ts';
import { PlotFigure } from './PlotFigure.tsx';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Every nth value, so that about `most` of them remain. */
function everyNth<T>(values: readonly T[], most: number): T[] {
  const step = Math.max(1, Math.ceil(values.length / most));
  return values.filter((_, i) => i % step === 0);
}

export function Distributions({ item }: { item: ItemReport }) {
  const u = item.utilization;
  const histogram = useMemo(
    (): Plot.PlotOptions => ({
      height: 220,
      // At most about 20 labels: a level per band for 200 levels would print them on top of each other.
      x: {
        label: 'licenses in use',
        type: 'band',
        ticks: everyNth(
          u.levels.map((l) => l.level),
          20,
        ),
      },
      y: { label: 'share of time (%)', grid: true, percent: true },
      style: { background: 'transparent', color: 'var(--text)' },
      marks: [
        Plot.barY(u.levels, {
          x: 'level',
          y: 'share',
          fill: 'var(--bar)',
          title: (d) => `${d.level} licenses: ${(d.share * 100).toFixed(1)} % of the time`,
        }),
        Plot.ruleX([u.coverage95], { stroke: 'var(--bar-trueup)', strokeDasharray: '4,3' }),
        Plot.ruleX([u.coverage99], { stroke: 'var(--bar-capacity)', strokeDasharray: '4,3' }),
        Plot.ruleY([0]),
      ],
    }),
    [u],
  );
  const heat = useMemo(
    (): Plot.PlotOptions => ({
      height: 240,
      marginLeft: 40,
      padding: 0.05,
      x: { label: 'hour of day', tickFormat: (h: number) => String(h).padStart(2, '0') },
      y: { label: null, tickFormat: (d: number) => WEEKDAYS[d - 1] },
      color: { scheme: 'blues', legend: true, label: 'mean licenses in use' },
      style: { background: 'transparent', color: 'var(--text)' },
      marks: [
        Plot.cell(item.heatmap, {
          x: 'hour',
          y: 'weekday',
          fill: 'mean',
          title: (d) =>
            `${WEEKDAYS[d.weekday - 1]} ${String(d.hour).padStart(2, '0')}:00 — mean ${d.mean.toFixed(2)}, peak ${d.peak}`,
        }),
      ],
    }),
    [item.heatmap],
  );
  const busiest = [...item.heatmap].sort((a, b) => b.mean - a.mean)[0];
  return (
    <section className="panel" aria-labelledby="dist-title">
      <h2 id="dist-title">Distributions</h2>
      <div className="two-up">
        <figure className="chart">
          <figcaption>
            Share of time at each level · <strong>{u.coverage95}</strong> licenses cover 95 % of the time,{' '}
            <strong>{u.coverage99}</strong> cover 99 %
          </figcaption>
          <PlotFigure
            options={histogram}
            label={`Utilization histogram: ${u.coverage95} licenses were enough 95 % of the time and ${u.coverage99} 99 % of the time.`}
          />
        </figure>
        <figure className="chart">
          <figcaption>Mean licenses in use by weekday and hour</figcaption>
          <PlotFigure
            options={heat}
            label={
              busiest
                ? `Heatmap of licenses in use by weekday and hour; busiest on ${WEEKDAYS[busiest.weekday - 1]} at ${busiest.hour}:00 with a mean of ${busiest.mean.toFixed(1)}.`
                : 'Heatmap of licenses in use by weekday and hour: no data.'
            }
          />
        </figure>
      </div>
    </section>
  );
}
