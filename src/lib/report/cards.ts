/**
 * The statistics cards of docs/DOMAIN.md §3 and their warning states, from the
 * daily figures and the period's peak. Without a capacity the threshold cards
 * are null ("Non-applicable"), never 0.
 */
export type Warning = 'none' | 'minor' | 'major' | 'not-applicable';

export interface Cards {
  averageDailyUsage: number;
  peakUsage: { value: number; at: string; minutesAtPeak: number };
  daysOverThreshold: number | null;
  daysAtCapacity: number | null;
}

export interface CardWarnings {
  averageDailyUsage: Warning;
  peakUsage: Warning;
  daysOverThreshold: Warning;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function computeCards(
  dailyPeaks: readonly number[],
  peak: { value: number; at: string; minutesAtPeak: number },
  capacity: number | null,
  threshold: number,
): Cards {
  const days = dailyPeaks.length;
  // A capacity of 0 gives no threshold to measure against: as without one.
  const pool = capacity === null || capacity <= 0 ? null : capacity;
  const limit = pool === null ? null : (threshold / 100) * pool;
  return {
    averageDailyUsage: days === 0 ? 0 : round(dailyPeaks.reduce((a, b) => a + b, 0) / days, 4),
    peakUsage: { value: peak.value, at: peak.at, minutesAtPeak: round(peak.minutesAtPeak, 3) },
    daysOverThreshold: limit === null ? null : dailyPeaks.filter((p) => p >= limit).length,
    daysAtCapacity: pool === null ? null : dailyPeaks.filter((p) => p >= pool).length,
  };
}

/**
 * Peak: major at capacity, minor at the threshold. Average: major at the
 * threshold, minor within 10 percentage points below it. Days over threshold:
 * major above 20 % of the period's days, minor from one day.
 */
export function cardWarnings(
  cards: Cards,
  capacity: number | null,
  threshold: number,
  periodDays: number,
): CardWarnings {
  if (capacity === null || capacity <= 0) {
    return { averageDailyUsage: 'not-applicable', peakUsage: 'not-applicable', daysOverThreshold: 'not-applicable' };
  }
  const peak = cards.peakUsage.value;
  const averagePct = (cards.averageDailyUsage / capacity) * 100;
  const over = cards.daysOverThreshold ?? 0;
  return {
    peakUsage: peak >= capacity ? 'major' : peak >= (threshold / 100) * capacity ? 'minor' : 'none',
    averageDailyUsage: averagePct >= threshold ? 'major' : averagePct >= threshold - 10 ? 'minor' : 'none',
    daysOverThreshold: over > 0.2 * periodDays ? 'major' : over >= 1 ? 'minor' : 'none',
  };
}

/**
 * The denial cards' warnings: days with denials as days over threshold (major
 * above 20 % of the period's days, minor from one); denied users major from
 * 10 % of the period's active users, minor from one.
 */
export function denialWarnings(
  deniedUsers: number,
  activeUsers: number,
  daysWithDenials: number,
  periodDays: number,
): { deniedUsers: Warning; daysWithDenials: Warning } {
  return {
    deniedUsers: deniedUsers > 0 && deniedUsers >= 0.1 * activeUsers ? 'major' : deniedUsers >= 1 ? 'minor' : 'none',
    daysWithDenials: daysWithDenials > 0.2 * periodDays ? 'major' : daysWithDenials >= 1 ? 'minor' : 'none',
  };
}

/** The five cards, as the page names their warnings. */
export type CardName = 'averageDailyUsage' | 'peakUsage' | 'daysOverThreshold' | 'daysAtCapacity' | 'inUseNow';

/** A card's warning and, when it warns, why: the figure against the cut-off it crossed. */
export interface CardAlert {
  warning: Warning;
  reason: string | null;
}

const pct = (x: number) => `${Math.round(x)} %`;

/** Minor from one day, major above 20 % of the period's days: as days over threshold (docs/DOMAIN.md §3). */
function daysWarning(days: number, periodDays: number): Warning {
  return days > 0.2 * periodDays ? 'major' : days >= 1 ? 'minor' : 'none';
}

/** A count reached against a capacity: major at capacity, minor at the threshold (as the peak card). */
function levelWarning(value: number, capacity: number, threshold: number): Warning {
  return value >= capacity ? 'major' : value >= (threshold / 100) * capacity ? 'minor' : 'none';
}

/**
 * Every card's warning with its reason (docs/DOMAIN.md §3, §8.2). The three of
 * §3 are `cardWarnings`'; "Days at capacity" warns like days over threshold and
 * "In use now" like the peak, both only with a capacity.
 */
export function cardAlerts(
  cards: Cards,
  figures: { capacity: number | null; inUseNow: number; threshold: number; periodDays: number },
): Record<CardName, CardAlert> {
  const { capacity, inUseNow, threshold, periodDays } = figures;
  const none: CardAlert = { warning: 'not-applicable', reason: null };
  if (capacity === null || capacity <= 0) {
    return { averageDailyUsage: none, peakUsage: none, daysOverThreshold: none, daysAtCapacity: none, inUseNow: none };
  }
  const w = cardWarnings(cards, capacity, threshold, periodDays);
  const atCapacity = cards.daysAtCapacity ?? 0;
  const over = cards.daysOverThreshold ?? 0;
  const alert = (warning: Warning, reason: string): CardAlert => ({
    warning,
    reason: warning === 'minor' || warning === 'major' ? reason : null,
  });
  // Short, to fit a card: the figure, then the cut-off it reached.
  const level = (value: number, warning: Warning) =>
    warning === 'major' ? `${value} ≥ capacity ${capacity}` : `${value} ≥ ${threshold} % of ${capacity}`;
  const days = (n: number, what: string, warning: Warning) =>
    `${n} of ${periodDays} days${what}${warning === 'major' ? ' (> 20 %)' : ''}`;
  const averagePct = (cards.averageDailyUsage / capacity) * 100;
  const inUse = levelWarning(inUseNow, capacity, threshold);
  const atCapacityWarning = daysWarning(atCapacity, periodDays);
  return {
    averageDailyUsage: alert(
      w.averageDailyUsage,
      `${pct(averagePct)} of capacity (≥ ${w.averageDailyUsage === 'major' ? threshold : threshold - 10} %)`,
    ),
    peakUsage: alert(w.peakUsage, level(cards.peakUsage.value, w.peakUsage)),
    daysOverThreshold: alert(w.daysOverThreshold, days(over, ` ≥ ${threshold} %`, w.daysOverThreshold)),
    daysAtCapacity: alert(atCapacityWarning, days(atCapacity, ' at capacity', atCapacityWarning)),
    inUseNow: alert(inUse, level(inUseNow, inUse)),
  };
}

/** The cut-offs, as Threshold settings show them next to the fields they follow. */
export function cutOffs(threshold: number): { card: string; minor: string; major: string }[] {
  return [
    { card: 'Average daily license usage', minor: `≥ ${threshold - 10} % of capacity`, major: `≥ ${threshold} %` },
    { card: 'Peak license usage', minor: `≥ ${threshold} % of capacity`, major: '≥ capacity' },
    { card: 'Days over license threshold', minor: '1 day or more', major: 'more than 20 % of the days' },
    { card: 'Days at capacity', minor: '1 day or more', major: 'more than 20 % of the days' },
    { card: 'In use now', minor: `≥ ${threshold} % of capacity`, major: '≥ capacity' },
  ];
}
