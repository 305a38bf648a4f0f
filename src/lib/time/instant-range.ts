/**
 * The instants a file may carry (docs/DOMAIN.md §2.1, §8.1): from 1990-01-01
 * up to, not including, 2100-01-01 UTC. License Vault postdates 1990, and a
 * licence that runs past 2099 is a typo; a row outside is rejected at ingest,
 * so one wild time cannot stretch every period past what a report computes.
 */
export const INSTANT_MIN_MS = Date.UTC(1990, 0, 1);
export const INSTANT_END_MS = Date.UTC(2100, 0, 1);

/** The range in words, for reject messages. */
export const INSTANT_RANGE_TEXT = '1990–2099';

/** True when epoch ms `ms` (fraction = microseconds) lies inside the range. */
export function instantInRange(ms: number): boolean {
  return ms >= INSTANT_MIN_MS && ms < INSTANT_END_MS;
}
