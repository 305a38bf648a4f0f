/**
 * Calendar dates (`YYYY-MM-DD`), the one definition every schema and argument
 * check uses (docs/DOMAIN.md §1): a date must exist on the calendar, so
 * `2026-02-31` is refused wherever it comes from (a report, an inventory, a link).
 */
import { z } from 'zod';

/** True for an existing YYYY-MM-DD date (2026-02-30 is not one). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const t = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === text;
}

/** The zod schema of a calendar date, for every untrusted input that carries one. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-01-31')
  .refine(isCalendarDate, 'is not a calendar date');
