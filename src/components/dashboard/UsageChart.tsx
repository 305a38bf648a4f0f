/**
 * Bars of licenses in use per bucket (peak), as the vault's allocation chart:
 * a bar is red where capacity was reached, a dotted line marks the licenses
 * added, and prepaid and True-Up parts are told apart.
 */
import * as Plot from '@observablehq/plot';
import { useMemo, type ReactNode } from 'react';
import { peakOfType, type LicenseTypeView } from '../../lib/dashboard/license-type.ts';
import { PlotFigure, type Zoom } from './PlotFigure.tsx';

export interface ChartBucket {
  key: string;
  /** Bucket start as a Date for the x axis, in the report zone's wall time. */
  label: string;
  peak: number;
  average: number;
  /** Null while the report's people are still being counted (useReport): shown as pending, never as 0. */
  distinctUsers: number | null;
  /** For a week or month of days: how many days it holds, and how many of them reached capacity. */
  days?: number;
  daysAtCapacity?: number;
}

/** A bar of several days is as red as its share of days at capacity: a month with one such day is pale. */
function capacityOpacity(b: ChartBucket): number {
  if (b.days === undefined || b.daysAtCapacity === undefined || b.days === 0) return 1;
  return 0.35 + 0.65 * (b.daysAtCapacity / b.days);
}

interface Props {
  buckets: ChartBucket[];
  capacity: number | null;
  trueUpLimit: number | null;
  licenseType: LicenseTypeView;
  title: string;
  onPick?: ((bucket: ChartBucket) => void) | undefined;
  /** Selecting a range of bars and zooming to it (indices into `buckets`). */
  zoom?: Zoom | undefined;
  /** Shown under the chart: how to use it (e.g. how to zoom). */
  help?: ReactNode;
}

export function UsageChart({ buckets, capacity, trueUpLimit, licenseType, title, onPick, zoom, help }: Props) {
  // The dashed line: capacity plus the True-Up limit, on the stacked chart of all license types.
  const limitLine = trueUpLimit !== null && capacity !== null && licenseType === 'all' ? capacity + trueUpLimit : null;
  const options = useMemo((): Plot.PlotOptions => {
    const rows = buckets.map((b) => {
      const prepaid = peakOfType(b.peak, capacity, 'prepaid');
      const trueUp = peakOfType(b.peak, capacity, 'true-up');
      const shown = peakOfType(b.peak, capacity, licenseType);
      return { ...b, prepaid, trueUp, shown, atCapacity: capacity !== null && b.peak >= capacity };
    });
    const stacked = licenseType === 'all' && capacity !== null;
    const marks: Plot.Markish[] = [
      Plot.ruleY([0]),
      stacked
        ? Plot.barY(rows, {
            x: 'label',
            y: 'prepaid',
            fill: (d) => (d.atCapacity ? 'var(--bar-capacity)' : 'var(--bar)'),
            fillOpacity: (d) => (d.atCapacity ? capacityOpacity(d) : 1),
            title: tip,
          })
        : Plot.barY(rows, {
            x: 'label',
            y: 'shown',
            fill: (d) => (d.atCapacity ? 'var(--bar-capacity)' : 'var(--bar)'),
            fillOpacity: (d) => (d.atCapacity ? capacityOpacity(d) : 1),
            title: tip,
          }),
    ];
    if (stacked)
      marks.push(
        Plot.barY(rows, {
          x: 'label',
          y1: 'prepaid',
          y2: (d) => d.prepaid + d.trueUp,
          fill: 'var(--bar-trueup)',
          title: tip,
        }),
      );
    if (capacity !== null && licenseType !== 'true-up') {
      marks.push(Plot.ruleY([capacity], { stroke: 'var(--bar-capacity)', strokeDasharray: '2,3', strokeWidth: 2 }));
    }
    if (limitLine !== null) {
      marks.push(Plot.ruleY([limitLine], { stroke: 'var(--bar-trueup)', strokeDasharray: '6,4' }));
    }
    marks.push(Plot.tip(rows, Plot.pointerX({ x: 'label', y: 'shown', title: tip })));
    const rotated = buckets.length > 20;
    return {
      height: 240,
      marginBottom: rotated ? 70 : 50,
      // A label rotated by 45° reaches left of its bar: room for the first one ("2025-11-01", not "025-11-01").
      marginLeft: rotated ? 70 : 50,
      // Ordinal on purpose: the labels are local dates and times in the report zone (a 25-hour day,
      // a repeated hour), which Date objects on a time scale would put back into the browser's zone.
      x: {
        type: 'band',
        label: null,
        tickRotate: rotated ? -45 : 0,
        ticks: tickEvery(buckets.map((b) => b.label)),
      },
      y: { label: 'licenses in use (peak)', grid: true },
      color: { type: 'identity' },
      style: { background: 'transparent', color: 'var(--text)' },
      marks,
    };
  }, [buckets, capacity, limitLine, licenseType]);

  const bars = useMemo(
    () => ({
      data: buckets,
      name: (d: unknown) => tip(d as ChartBucket).replaceAll('\n', ', '),
      key: (d: unknown) => (d as ChartBucket).label,
    }),
    [buckets],
  );
  const peak = Math.max(0, ...buckets.map((b) => peakOfType(b.peak, capacity, licenseType)));
  const atCapacity = capacity === null ? 0 : buckets.filter((b) => b.peak >= capacity).length;
  const label = `${title}: ${buckets.length} bars, highest ${peak}${capacity === null ? '' : `, capacity ${capacity}, ${atCapacity} at capacity`}${limitLine === null ? '' : `, True-Up limit ${limitLine}`}.`;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <PlotFigure
        options={options}
        label={label}
        onPick={onPick ? (d) => onPick(d as ChartBucket) : undefined}
        bars={onPick ? bars : undefined}
        zoom={onPick ? zoom : undefined}
      />
      <Legend stacked={licenseType === 'all' && capacity !== null} capacity={capacity} trueUp={trueUpLimit !== null} />
      {help}
    </figure>
  );
}

function tip(d: ChartBucket): string {
  const counting = 'users still being counted';
  if (d.days !== undefined)
    return `${d.label} (${d.days} days)\nhighest daily peak ${d.peak}, time-weighted average ${d.average.toFixed(2)}\n${d.distinctUsers === null ? counting : `at most ${d.distinctUsers} users in a day`}${d.daysAtCapacity ? `\n${d.daysAtCapacity} of ${d.days} days at capacity` : ''}`;
  return `${d.label}\npeak ${d.peak}, time-weighted average ${d.average.toFixed(2)}\n${d.distinctUsers === null ? counting : `${d.distinctUsers} users`}`;
}

/** At most about 16 tick labels, whatever the number of bars. */
function tickEvery(labels: string[]): string[] {
  const step = Math.max(1, Math.ceil(labels.length / 16));
  return labels.filter((_, i) => i % step === 0);
}

function Legend({ stacked, capacity, trueUp }: { stacked: boolean; capacity: number | null; trueUp: boolean }) {
  return (
    <ul className="legend">
      <li>
        <span className="swatch swatch--bar" /> {stacked ? 'prepaid licenses' : 'licenses in use'}
      </li>
      {capacity !== null && (
        <li>
          <span className="swatch swatch--capacity" /> capacity reached · dotted: {capacity} licenses added
        </li>
      )}
      {stacked && (
        <li>
          <span className="swatch swatch--trueup" /> True-Up licenses{trueUp ? ' · dashed: True-Up limit' : ''}
        </li>
      )}
    </ul>
  );
}
