/**
 * One pie of a project or item page: capacity used vs free at peak over a
 * window (all history, the selected period, today), as a license portal
 * draws it. Observable Plot has no arc mark, so this is a small SVG ring; the
 * numbers are also given in text (the figure's list), so the ring is only a
 * picture of them.
 */
import { formatCount } from '../../lib/format.ts';
import type { PieFigure } from '../../lib/projects/figures.ts';

const R = 42;
const C = 2 * Math.PI * R;
/** The thin outer ring of licenses over capacity, as a share of capacity: 130 % draws a 30 % arc. */
const R_OVER = 55;
const C_OVER = 2 * Math.PI * R_OVER;

/** What the pie says, in one sentence, for screen readers and the test. */
export function pieSentence(p: PieFigure): string {
  if (p.capacity === null)
    return `${p.label}: ${formatCount(p.used)} licenses used at peak; no capacity in the inventory, so free is non-applicable.`;
  const over = p.over ? `, ${formatCount(p.over)} over capacity` : '';
  return `${p.label}: ${formatCount(p.used)} of ${formatCount(p.capacity)} licenses used at peak (${Math.round(p.percent!)} %), ${formatCount(p.free!)} free${over}.`;
}

export function CapacityPie({ pie }: { pie: PieFigure }) {
  const share = pie.capacity === null ? 0 : Math.min(pie.used / pie.capacity, 1);
  const full = pie.capacity !== null && pie.used >= pie.capacity;
  const overShare = pie.capacity && pie.over ? Math.min(pie.over / pie.capacity, 1) : 0;
  const slug = pie.window;
  return (
    <figure className="pie" aria-labelledby={`pie-${slug}-caption`}>
      <figcaption id={`pie-${slug}-caption`}>{pie.label}</figcaption>
      <svg viewBox="0 0 120 120" width="120" height="120" role="img" aria-label={pieSentence(pie)}>
        <circle cx="60" cy="60" r={R} className={pie.capacity === null ? 'pie__none' : 'pie__free'} />
        {pie.capacity !== null && share > 0 && (
          <circle
            cx="60"
            cy="60"
            r={R}
            className={full ? 'pie__used pie__used--full' : 'pie__used'}
            strokeDasharray={`${share * C} ${C}`}
            transform="rotate(-90 60 60)"
          />
        )}
        {overShare > 0 && (
          <circle
            cx="60"
            cy="60"
            r={R_OVER}
            className="pie__over"
            strokeDasharray={`${overShare * C_OVER} ${C_OVER}`}
            transform="rotate(-90 60 60)"
          />
        )}
        <text x="60" y="60" className="pie__center" textAnchor="middle" dominantBaseline="central">
          {pie.capacity === null ? 'n/a' : `${Math.round(pie.percent!)} %`}
        </text>
      </svg>
      <dl className="pie__numbers">
        <div>
          <dt>Used at peak</dt>
          <dd aria-label={`${pie.label} used`}>{formatCount(pie.used)}</dd>
        </div>
        <div>
          <dt>Free</dt>
          <dd aria-label={`${pie.label} free`}>{pie.free === null ? 'Non-applicable' : formatCount(pie.free)}</dd>
        </div>
        <div>
          <dt>Capacity</dt>
          <dd aria-label={`${pie.label} capacity`}>{pie.capacity === null ? 'None' : formatCount(pie.capacity)}</dd>
        </div>
        {pie.over !== null && pie.over > 0 && (
          <div>
            <dt>Over capacity</dt>
            <dd aria-label={`${pie.label} over capacity`} className="bad">
              {formatCount(pie.over)}
            </dd>
          </div>
        )}
      </dl>
    </figure>
  );
}
