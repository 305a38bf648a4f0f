/**
 * The period's allocation chart: its days, or past 120 days its weeks (past
 * two years its months), and a week or month opens into its days. A day drills
 * further through `onDay`. A range of bars zooms: its days become the period
 * (`onZoom`), and "Reset zoom" goes back (`onResetZoom`, when zoomed).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { zoomSpan, type DaySpan } from '../../lib/dashboard/zoom.ts';
import type { LicenseTypeView } from '../../lib/dashboard/license-type.ts';
import { grainFor, groupDays, type DayFigures } from '../../lib/dashboard/grain.ts';
import { UsageChart, type ChartBucket } from './UsageChart.tsx';

interface Props {
  days: readonly DayFigures[];
  capacity: number | null;
  trueUpLimit: number | null;
  licenseType: LicenseTypeView;
  /** What the chart shows, e.g. "Allocation by day, all license items". */
  title: string;
  onDay: (date: string) => void;
  /** Makes the days of the selected bars the period. */
  onZoom?: ((span: DaySpan) => void) | undefined;
  /** Given while zoomed: back to the period before the zoom. */
  onResetZoom?: (() => void) | undefined;
  /** The days' distinct users are still being counted (useReport): shown as pending. */
  usersPending?: boolean | undefined;
}

const dayBucket = (d: DayFigures): ChartBucket => ({
  key: d.date,
  label: d.date,
  peak: d.peak,
  average: d.average,
  distinctUsers: d.distinctUsers,
});

export function PeriodChart({
  days,
  capacity,
  trueUpLimit,
  licenseType,
  title,
  onDay,
  onZoom,
  onResetZoom,
  usersPending = false,
}: Props) {
  const grain = grainFor(days.length);
  const groups = useMemo(() => (grain === 'day' ? null : groupDays(days, grain, capacity)), [days, grain, capacity]);
  const [open, setOpen] = useState<string | null>(null);
  const opened = groups?.find((g) => g.key === open) ?? null;
  const back = useRef<HTMLButtonElement>(null);
  // Opening a group puts the focus on the way back, so the keyboard stays in the chart.
  useEffect(() => {
    if (opened) back.current?.focus();
  }, [opened]);

  const unit = grain === 'week' ? 'week' : 'month';
  const buckets = useMemo((): ChartBucket[] => {
    const counted = (b: ChartBucket): ChartBucket => (usersPending ? { ...b, distinctUsers: null } : b);
    if (opened) return opened.days.map(dayBucket).map(counted);
    if (!groups) return days.map(dayBucket).map(counted);
    return groups.map((g) =>
      counted({
        key: g.key,
        // Its first day in the period: the first week may begin before the period does.
        label: grain === 'month' ? g.key : g.date,
        peak: g.peak,
        average: g.average,
        distinctUsers: g.distinctUsers,
        days: g.days.length,
        daysAtCapacity: g.daysAtCapacity,
      }),
    );
  }, [opened, groups, days, grain, usersPending]);

  // The days each bar stands for: a week or month all of its days in the period.
  const spans = useMemo((): DaySpan[] => {
    if (opened || !groups) return buckets.map((b) => ({ from: b.key, to: b.key }));
    return groups.map((g) => ({ from: g.days[0]!.date, to: g.days.at(-1)!.date }));
  }, [opened, groups, buckets]);
  const [selected, setSelected] = useState<DaySpan | null>(null);
  const zoom = useMemo(
    () =>
      onZoom && {
        onSelect: (r: [number, number] | null) => setSelected(r && zoomSpan(spans, r[0], r[1])),
        onZoom: (r: [number, number]) => {
          const span = zoomSpan(spans, r[0], r[1]);
          setSelected(null);
          if (span) onZoom(span);
        },
      },
    [onZoom, spans],
  );

  const shownTitle = opened
    ? `${title}: the ${unit} of ${grain === 'month' ? opened.key : opened.date}, by day`
    : groups
      ? `${title}, by ${unit}${grain === 'week' ? ' (Monday to Sunday)' : ''}: open one for its days`
      : `${title}, by day`;
  return (
    <>
      {opened && (
        <button ref={back} type="button" className="link" onClick={() => setOpen(null)}>
          ← All {unit}s
        </button>
      )}
      {onResetZoom && (
        <button type="button" className="link chart__reset" onClick={onResetZoom}>
          Reset zoom
        </button>
      )}
      <UsageChart
        buckets={buckets}
        capacity={capacity}
        trueUpLimit={trueUpLimit}
        licenseType={licenseType}
        title={shownTitle}
        onPick={(b) => (groups && !opened ? setOpen(b.key) : onDay(b.key))}
        zoom={zoom}
        help={
          zoom && (
            <p className="chart__help muted">
              <span role="status">
                {selected
                  ? `Selected ${selected.from} to ${selected.to}: let go or press Enter to zoom, Escape to clear. `
                  : ''}
              </span>
              Zoom: drag across the bars, or on a focused bar hold Shift with the arrow keys, then press Enter; the days
              selected become the period.
            </p>
          )
        }
      />
    </>
  );
}
