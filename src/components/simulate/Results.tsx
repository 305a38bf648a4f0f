/**
 * The scenarios' figures side by side: with a loaded export, its own figures
 * first ("As exported") and each scenario's difference from them; then what
 * a plan would ask that a scenario does not meet, and the daily peaks as a
 * chart with a table for those who cannot see it.
 */
import * as Plot from '@observablehq/plot';
import { useMemo } from 'react';
import { DENIAL_REASONS, DENIAL_REASON_TEXT } from '../../lib/denials/reasons.ts';
import { formatCount } from '../../lib/format.ts';
import { differenceFromBaseline, type Baseline, type Figure } from '../../lib/simulator/baseline.ts';
import type { Day, Outcome, Scenario } from '../../lib/simulator/scenario.ts';
import { PlotFigure } from '../dashboard/PlotFigure.tsx';

interface Props {
  scenarios: Scenario[];
  outcomes: (Outcome | null)[];
  /** The export's own figures, when the demand is the loaded export. */
  baseline: Baseline | null;
  days: Day[];
  onExport: (i: number) => void;
}

interface Row {
  label: string;
  scenario: (o: Outcome) => number;
  /** The export's figure; null without a loaded export, or without its denials. */
  exported: number | null;
  /** The scenario's difference from the export (simulator/baseline.ts). */
  difference: (o: Outcome) => number | null;
  format: (x: number) => string;
}

const signed = (x: number, format: (x: number) => string) =>
  x === 0 ? '±0' : `${x > 0 ? '+' : '−'}${format(Math.abs(x))}`;
const oneDecimal = (x: number) => x.toFixed(1);

function rowsOf(baseline: Baseline | null): Row[] {
  const difference = (o: Outcome) => (baseline ? differenceFromBaseline(o, baseline) : null);
  const figure = (label: string, key: Figure, format = formatCount): Row => ({
    label,
    scenario: (o) => o[key],
    exported: baseline ? baseline[key] : null,
    difference: (o) => difference(o)?.[key] ?? null,
    format,
  });
  return [
    figure('Sessions', 'sessions'),
    figure('Peak licenses in use', 'peak'),
    figure('Average licenses in use', 'average', oneDecimal),
    figure('Licenses for 95 % of the time', 'coverage95'),
    figure('Licenses for 99 % of the time', 'coverage99'),
    ...DENIAL_REASONS.map((r): Row => ({
      label: `Denials: ${DENIAL_REASON_TEXT[r].label}`,
      scenario: (o) => o.denials[r],
      exported: baseline?.denials?.[r] ?? null,
      difference: (o) => difference(o)?.denials?.[r] ?? null,
      format: formatCount,
    })),
  ];
}

export function Results({ scenarios, outcomes, baseline, days, onExport }: Props) {
  const rows = rowsOf(baseline);
  const currencies = [...new Set(outcomes.flatMap((o) => Object.keys(o?.costs ?? {})))];
  const costRows: [string, (o: Outcome) => string][] = [];
  for (const c of currencies) {
    const fmt = (x: number) => new Intl.NumberFormat(undefined, { style: 'currency', currency: c }).format(x);
    costRows.push([`Floating surcharge, estimate (${c})`, (o) => (o.costs?.[c] ? fmt(o.costs[c].surcharge) : '—')]);
    costRows.push([`True-Up, estimate (${c})`, (o) => (o.costs?.[c] ? fmt(o.costs[c].trueUpCost) : '—')]);
  }
  const cell = (o: Outcome | null, row: Row) => {
    if (!o) return '…';
    const value = row.format(row.scenario(o));
    const difference = row.difference(o);
    return difference === null ? value : `${value} (${signed(difference, row.format)})`;
  };
  const problems = outcomes.flatMap((o, i) => (o?.problems ?? []).map((p) => `${scenarios[i]?.name ?? ''}: ${p}`));
  return (
    <div className="table-wrap">
      <table aria-label="Scenario results">
        <thead>
          <tr>
            <th scope="col">Figure</th>
            {baseline && (
              <th scope="col" className="num">
                As exported
              </th>
            )}
            {scenarios.map((s, i) => (
              <th key={i} scope="col" className="num">
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {baseline && <td className="num">{row.exported === null ? '—' : row.format(row.exported)}</td>}
              {outcomes.map((o, i) => (
                <td key={i} className="num">
                  {cell(o, row)}
                </td>
              ))}
            </tr>
          ))}
          {costRows.map(([label, f]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {baseline && <td className="num">—</td>}
              {outcomes.map((o, i) => (
                <td key={i} className="num">
                  {o ? f(o) : '…'}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">Simulated export</th>
            {baseline && <td />}
            {outcomes.map((o, i) => (
              <td key={i} className="num">
                {o && (
                  <button type="button" className="link" onClick={() => onExport(i)}>
                    Download CSV
                  </button>
                )}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      {baseline && (
        <p className="muted">
          As exported: the loaded export’s own figures over its period (licenses in use as the export shows them,
          denials from the loaded denials files; — when none is loaded). In brackets, each scenario’s difference from
          them.
        </p>
      )}
      {problems.length > 0 && (
        <ul className="messages__problems" aria-label="Plan requirements not met">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <p className="muted">
        {currencies.length > 0
          ? 'Cost estimates use the prices in your inventory: the Floating surcharge applies to the Enterprise Floating plan, True-Up wherever licenses above capacity were used. Estimates, not invoices.'
          : 'Add annual prices to the inventory to see the scenarios’ surcharge and True-Up estimates.'}
      </p>
      <DailyPeaks scenarios={scenarios} outcomes={outcomes} baseline={baseline} days={days} />
    </div>
  );
}

const EXPORTED = 'As exported';

interface Point {
  date: Date;
  day: string;
  series: string;
  peak: number;
}

/** Each scenario's most licenses in use per day, over the export's. */
function DailyPeaks({
  scenarios,
  outcomes,
  baseline,
  days,
}: Pick<Props, 'scenarios' | 'outcomes' | 'baseline' | 'days'>) {
  const series = useMemo(() => {
    const out: { name: string; peaks: Map<string, number> }[] = [];
    if (baseline) out.push({ name: EXPORTED, peaks: new Map(baseline.daily.map((d) => [d.date, d.peak])) });
    outcomes.forEach((o, i) => {
      if (o)
        out.push({
          name: scenarios[i]?.name ?? `Scenario ${i + 1}`,
          peaks: new Map(o.daily.map((d) => [d.date, d.peak])),
        });
    });
    return out;
  }, [scenarios, outcomes, baseline]);
  const points = useMemo(
    (): Point[] =>
      series.flatMap((s) =>
        days.map((d) => ({
          date: new Date(`${d.date}T00:00:00Z`),
          day: d.date,
          series: s.name,
          peak: s.peaks.get(d.date) ?? 0,
        })),
      ),
    [series, days],
  );
  const options = useMemo(
    (): Plot.PlotOptions => ({
      height: 260,
      marginLeft: 44,
      x: { type: 'utc', label: null },
      y: { label: 'licenses in use, daily peak', grid: true, nice: true, tickFormat: 'd' },
      color: { legend: true, domain: series.map((s) => s.name) },
      style: { background: 'transparent', color: 'var(--text)' },
      marks: [
        Plot.ruleY([0]),
        // The export thick, the scenarios thin over it.
        Plot.lineY(
          points.filter((p) => p.series === EXPORTED),
          { x: 'date', y: 'peak', stroke: 'series', strokeWidth: 3, curve: 'step' },
        ),
        Plot.lineY(
          points.filter((p) => p.series !== EXPORTED),
          { x: 'date', y: 'peak', stroke: 'series', strokeWidth: 1.5, curve: 'step' },
        ),
        Plot.tip(
          points,
          Plot.pointerX({
            x: 'date',
            y: 'peak',
            stroke: 'series',
            title: (p: Point) => `${p.day} · ${p.series}: ${p.peak}`,
          }),
        ),
      ],
    }),
    [points, series],
  );
  if (days.length === 0 || series.length === 0) return null;
  const label = `Daily peak of licenses in use, ${days.length} days from ${days[0]!.date} to ${days.at(-1)!.date}: ${series
    .map((s) => `${s.name} highest ${formatCount(Math.max(0, ...s.peaks.values()))}`)
    .join('; ')}.`;
  return (
    <figure className="chart">
      <figcaption>Daily peaks{baseline ? ', the scenarios over the export' : ''}</figcaption>
      <PlotFigure options={options} label={label} className="plot--static" />
      <details className="data-table">
        <summary>Show the daily peaks as a table</summary>
        <div className="table-wrap">
          <table className="compact" aria-label="Daily peaks">
            <thead>
              <tr>
                <th scope="col">Day</th>
                {series.map((s) => (
                  <th key={s.name} scope="col" className="num">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date}>
                  <th scope="row">{d.date}</th>
                  {series.map((s) => (
                    <td key={s.name} className="num">
                      {formatCount(s.peaks.get(d.date) ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
