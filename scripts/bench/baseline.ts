/**
 * What a user would write by hand: papaparse over the file, then plain JS for
 * the peak and the daily peaks, per license item and in total. Sessions of one
 * allocation that overlap or touch are merged (else the figures would be
 * wrong), open sessions end at as-of (the latest timestamp), days are local
 * days of `zone`, found with Intl (cached per UTC hour). No validation, no
 * rejects, no duplicates removed, no averages, users or time at peak: the
 * baseline does less than the report, and is still the yardstick of "by hand".
 */
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';

export interface BaselineResult {
  rows: number;
  peak: number;
  days: number;
  /** Daily peak of the total, by local date. */
  dailyPeak: Map<string, number>;
}

export async function baseline(paths: readonly string[], zone: string): Promise<BaselineResult> {
  type Session = { item: string; alloc: string; from: number; to: number | null };
  const sessions: Session[] = [];
  let latest = -Infinity;
  for (const path of paths) {
    await new Promise<void>((resolve, reject) => {
      Papa.parse<Record<string, string>>(createReadStream(path) as unknown as File, {
        header: true,
        skipEmptyLines: true,
        step: (r) => {
          const d = r.data;
          const from = Date.parse(d.used_from!);
          const to = d.used_to ? Date.parse(d.used_to) : null;
          if (Number.isNaN(from)) return;
          latest = Math.max(latest, from, to ?? from);
          sessions.push({ item: d.allocated_license!, alloc: d.allocation_id!, from, to });
        },
        complete: () => resolve(),
        error: reject,
      });
    });
  }
  // Held intervals per item and allocation: merge overlapping or touching sessions.
  const byAlloc = new Map<string, [number, number][]>();
  for (const s of sessions) {
    const key = `${s.item}\u0000${s.alloc}`;
    let list = byAlloc.get(key);
    if (!list) byAlloc.set(key, (list = []));
    list.push([s.from, Math.min(s.to ?? latest, latest)]);
  }
  const events: { item: string; t: number; d: number }[] = [];
  for (const [key, list] of byAlloc) {
    const item = key.slice(0, key.indexOf('\u0000'));
    list.sort((a, b) => a[0] - b[0]);
    let [f, t] = list[0]!;
    for (let i = 1; i <= list.length; i++) {
      const next = list[i];
      if (next && next[0] <= t) t = Math.max(t, next[1]);
      else {
        if (t > f) events.push({ item, t: f, d: 1 }, { item, t, d: -1 });
        if (next) [f, t] = next;
      }
    }
  }
  // Ends before starts at the same instant: [from, to) intervals.
  events.sort((a, b) => a.t - b.t || a.d - b.d);
  const dayFormat = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const dayOfHour = new Map<number, string>();
  const dayOf = (t: number) => {
    const h = Math.floor(t / 3_600_000);
    let day = dayOfHour.get(h);
    if (day === undefined) dayOfHour.set(h, (day = dayFormat.format(new Date(t))));
    return day;
  };
  const level = new Map<string, number>();
  const dailyPeak = new Map<string, number>();
  let total = 0;
  let peak = 0;
  for (const e of events) {
    level.set(e.item, (level.get(e.item) ?? 0) + e.d);
    total += e.d;
    if (e.d > 0) {
      peak = Math.max(peak, total);
      const day = dayOf(e.t);
      dailyPeak.set(day, Math.max(dailyPeak.get(day) ?? 0, total));
    }
  }
  return { rows: sessions.length, peak, days: dailyPeak.size, dailyPeak };
}
