/**
 * The heatmap's sums (docs/DOMAIN.md §3) asked of the database, so that no
 * series of hours per license item ever reaches JavaScript: per item and cell
 * of the week (local weekday × hour), L's integral over the period's hours in
 * that cell and its peak. The hours' cells are computed in TypeScript
 * (usage/week-hours.ts), never with the database's time zones.
 */

/**
 * Per item and cell where L was above 0. `integrals` holds (id, start_us,
 * peak, integral) per hour of a sweep of the range (its hours hold only the
 * range's part of L, and the first may start before it). `hours` holds
 * (start_us, cell, weight), the weight turning an hour's integral over its
 * part inside the range into its share of the cell's mean (1 for an hour
 * wholly inside).
 */
export function weekHoursSql({ integrals, items, hours }: { integrals: string; items: string; hours: string }): string {
  return `WITH cells AS (
  SELECT g.id AS id, h.cell AS cell, max(g.peak) AS peak, sum(CAST(g.integral AS DOUBLE) * h.weight) AS integral
  FROM ${integrals} g ASOF JOIN ${hours} h ON g.start_us >= h.start_us
  GROUP BY g.id, h.cell
)
SELECT i.item AS item, c.cell AS cell, c.peak AS peak, c.integral AS integral FROM cells c JOIN ${items} i ON i.id = c.id`;
}
