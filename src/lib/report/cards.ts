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
