/**
 * The hold delay's one validation (docs/DOMAIN.md §8.2): a whole number of
 * minutes from 0 to a year. The CLI's --hold-minutes, the page's field, view
 * links, snapshots and report files all read it through here, so a hold the
 * page would refuse cannot reach the engine another way (a hold of 1e11
 * minutes overflows the engine's microseconds).
 */
import { z } from 'zod';
import { formatCount } from '../format.ts';

/** A year, in minutes. */
export const MAX_HOLD_MINUTES = 525_600;

export const HOLD_RULE = `a whole number of minutes from 0 to ${formatCount(MAX_HOLD_MINUTES)} (a year)`;

export function isHoldMinutes(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= MAX_HOLD_MINUTES;
}

/** For snapshots and report files, where the hold arrives as a JSON number. */
export const HoldMinutesSchema = z.number().refine(isHoldMinutes, `is not ${HOLD_RULE}`);

/** The hold delay written as text (a command line, a link, a form field), or why it is not one. */
export function parseHoldMinutes(text: string): { ok: true; minutes: number } | { ok: false; message: string } {
  // Digits only: no exponent, sign or hex that Number() would read, and few enough to stay exact.
  const minutes = /^\s*\d{1,7}\s*$/.test(text) ? Number(text) : NaN;
  return isHoldMinutes(minutes) ? { ok: true, minutes } : { ok: false, message: `expected ${HOLD_RULE}` };
}
