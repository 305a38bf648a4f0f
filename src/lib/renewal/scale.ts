/**
 * A period as a share of a year (docs/DOMAIN.md §10): the renewal buys a year,
 * so what a shorter (or longer) period shows is scaled to twelve months. Each
 * calendar month counts by the share of its days the period covers, so a
 * period of whole months is exactly that many months.
 */

const DAY = 86_400_000;

const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Months covered by the local days [from, to] (YYYY-MM-DD, both included), partial months by their share of days. */
export function periodMonths(from: string, to: string): number {
  let months = 0;
  for (let d = dayNumber(from); d <= dayNumber(to);) {
    const date = new Date(d * DAY);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth() + 1;
    const length = daysInMonth(year, month);
    const monthEnd = d + (length - date.getUTCDate());
    const last = Math.min(monthEnd, dayNumber(to));
    months += (last - d + 1) / length;
    d = last + 1;
  }
  return months;
}

/** The factor that turns the period's True-Up, surcharge and denials into a year's: 12 / months. */
export function yearScale(from: string, to: string): number {
  const months = periodMonths(from, to);
  return months === 0 ? 0 : 12 / months;
}
