/**
 * The simulator's files: the allocation export in the vault's own columns
 * (docs/DOMAIN.md §2.1), the denials file (§2.2), and the explanation log.
 */
import { DENIAL_COLUMNS, EXPORT_COLUMNS } from '../columns.ts';
import { toCsv } from '../export/csv.ts';
import type { Inventory } from '../inventory/schema.ts';
import type { CatalogItem } from './catalog.ts';
import type { Organisation, SimulationResult } from './engine.ts';
import { trueUpLimit } from '../billing/true-up.ts';
import { trueUpTerms, type Rules } from './rules.ts';

/** ISO 8601 in UTC, without milliseconds when there are none. */
function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Sessions starting in [from, to) as the vault exports them; used_to empty while running at `asOf`. */
export function allocationExport(result: SimulationResult, from = -Infinity, to = Infinity): string {
  const rows = result.sessions
    .filter((s) => s.from >= from && s.from < to)
    .map((s) => ({
      allocation_id: s.allocationId,
      allocated_license: s.license,
      user_product: s.product,
      username: s.user.name,
      user_email: s.user.email ?? 'unknown',
      user_ip: s.ip,
      user_hostname: s.host,
      external_id: s.user.externalId,
      used_from: iso(s.from),
      used_to: s.to === null ? '' : iso(s.to),
    }));
  return `${toCsv(rows, EXPORT_COLUMNS)}\r\n`;
}

export function denialsFile(result: SimulationResult): string {
  const rows = result.denials.map((d) => ({
    denied_at: iso(d.at),
    username: d.user.name,
    user_email: d.user.email ?? 'unknown',
    user_product: d.product,
    requested_license: d.requestedLicense,
    reason: d.reason,
    user_hostname: d.host,
    user_ip: d.ip,
  }));
  return `${toCsv(rows, DENIAL_COLUMNS)}\r\n`;
}

export function explanationLog(result: SimulationResult): string {
  const rows = result.log.map((l) => ({
    at: iso(l.at),
    kind: l.kind,
    user: l.user,
    license: l.license ?? '',
    why: l.text,
  }));
  return `${toCsv(rows, ['at', 'kind', 'user', 'license', 'why'])}\r\n`;
}

/** The organisation's inventory file (docs/DOMAIN.md §2.3), with the given annual prices. */
export function inventoryOf(
  organisation: Organisation,
  rules: Rules,
  prices: Readonly<Record<string, number>>,
  currency = 'USD',
): Inventory {
  const items: Inventory['items'] = {};
  for (const item of organisation.catalog as CatalogItem[]) {
    const capacity = organisation.capacity[item.name];
    if (capacity === undefined) continue;
    items[item.name] = {
      regular: capacity,
      virtual: 0,
      trueUpLimitPercent:
        (trueUpLimit(trueUpTerms(rules, capacity, item.kind)) ?? 0) > 0 ? rules.trueUp.limitPercent : null,
      kind: item.kind,
      ...(prices[item.name] !== undefined && { annualPrice: prices[item.name], currency }),
    };
  }
  return { version: 1, items };
}
