/**
 * Revocation candidates (docs/DOMAIN.md §10): licenses the vault still holds
 * for someone who has not started the item for `days` days before as-of.
 *
 * - A machine that stays online holds its license under any plan: a user whose
 *   session of the item is open at as-of but began before the cutoff, with no
 *   later start (`online`, last use = that start).
 * - Without Floating mode a license stays with its user after use (until
 *   revoked or the release delay passes, which the export does not show): a
 *   user with no open session whose last session ended at or before the
 *   cutoff (`kept`, last use = that end). With Floating mode such a license
 *   went back to the pool when the product closed, so none is listed.
 */
import { toCsv } from '../export/csv.ts';
import type { ItemUse } from '../sql/idle.ts';

export const DEFAULT_IDLE_DAYS = 30;
const DAY = 86_400_000;

export interface IdleCandidate {
  username: string;
  license: string;
  allocationId: string;
  /** Epoch ms: the last session's end (`kept`), or the start of the session still open (`online`). */
  lastUse: number;
  held: 'kept' | 'online';
}

export function idleCandidates(
  uses: readonly ItemUse[],
  options: { asOf: number; days: number; floating: boolean },
): IdleCandidate[] {
  const cutoff = options.asOf - options.days * DAY;
  const out: IdleCandidate[] = [];
  for (const u of uses) {
    if (u.lastStartMs > cutoff) continue;
    const base = { username: u.username, license: u.license, allocationId: u.allocationId };
    if (u.open) out.push({ ...base, lastUse: u.lastStartMs, held: 'online' });
    else if (!options.floating && u.lastEndMs !== null && u.lastEndMs <= cutoff)
      out.push({ ...base, lastUse: u.lastEndMs, held: 'kept' });
  }
  // Longest unused first; then by item and user, for a stable list.
  return out.sort(
    (a, b) =>
      a.lastUse - b.lastUse ||
      (a.license < b.license ? -1 : a.license > b.license ? 1 : a.username < b.username ? -1 : 1),
  );
}

/** The candidates' columns in the CSV download, in this order. */
export const IDLE_COLUMNS = ['username', 'license', 'allocationId', 'lastUse', 'held'] as const;

/** The candidates as CSV through the project's one writer (formula cells escaped, docs/DOMAIN.md §8.1). */
export function idleCsv(rows: readonly Record<(typeof IDLE_COLUMNS)[number], string>[]): string {
  return toCsv(rows, IDLE_COLUMNS);
}
