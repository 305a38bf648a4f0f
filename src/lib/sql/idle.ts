/**
 * Each user's use of each license item up to as-of, for the revocation
 * candidates (docs/DOMAIN.md §10, renewal/idle.ts): the last session's start
 * and end, and whether a session is still open at as-of.
 */
import { sqlTimestamp } from './literal.ts';

export type ItemUse = {
  username: string;
  license: string;
  /** The allocation of the user's latest session of the item (the latest start; file and line break a tie). */
  allocationId: string;
  lastStartMs: number;
  /** The latest end of a closed session (epoch ms), null when none ended. */
  lastEndMs: number | null;
  /** A session of the item is open at as-of (no end, or one after it). */
  open: boolean;
};

/** `asOf` in epoch µs. Sessions starting at or after as-of hold nothing yet (docs/DOMAIN.md §8.2). */
export function itemUseSql({ asOf }: { asOf: number }): string {
  const at = sqlTimestamp(asOf);
  return `SELECT username, allocated_license AS license, arg_max(allocation_id, (used_from, file_id, line)) AS "allocationId",
       epoch_us(max(used_from)) / 1000.0 AS "lastStartMs",
       epoch_us(max(used_to) FILTER (WHERE used_to <= ${at})) / 1000.0 AS "lastEndMs",
       bool_or(used_to IS NULL OR used_to > ${at}) AS "open"
FROM sessions WHERE used_from < ${at}
GROUP BY username, allocated_license
ORDER BY allocated_license, username`;
}
