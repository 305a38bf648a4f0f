/**
 * A fingerprint of the loaded data, not the data: the counts of sessions and
 * denials and an order-independent hash of their content (which file a row
 * came from, and in which order, does not matter; duplicates are already
 * gone). A view link carries it, so the page can warn when the recipient's
 * files differ from the sharer's.
 */
import type { Database } from '../db/database.ts';

export interface DataFingerprint {
  sessions: number;
  denials: number;
  /** 16 hex digits. */
  hash: string;
}

const SESSION_COLUMNS =
  'allocation_id, allocated_license, user_product, username, user_email, user_ip, user_hostname, external_id, used_from, used_to';
const DENIAL_COLUMNS =
  'denied_at, username, user_email, user_product, requested_license, reason, user_hostname, user_ip';

export function dataFingerprintSql(): string {
  // hash() is DuckDB's own, the same in the browser and in Node (one WASM build).
  return `SELECT (SELECT count(*) FROM sessions) AS sessions, (SELECT count(*) FROM denials) AS denials,
       lpad(lower(hex(xor(coalesce((SELECT bit_xor(hash(${SESSION_COLUMNS})) FROM sessions), 0::UBIGINT),
                          coalesce((SELECT bit_xor(hash(${DENIAL_COLUMNS})) FROM denials), 0::UBIGINT)))), 16, '0') AS hash`;
}

export async function dataFingerprint(db: Database): Promise<DataFingerprint> {
  const [row] = await db.query<{ sessions: number; denials: number; hash: string }>(dataFingerprintSql());
  return { sessions: Number(row!.sessions), denials: Number(row!.denials), hash: row!.hash };
}

/** `4223.61.0f3a…`: short enough for a link, and the counts say how the data differ. */
export function formatFingerprint(f: DataFingerprint): string {
  return `${f.sessions}.${f.denials}.${f.hash}`;
}

export function parseFingerprint(text: string): DataFingerprint | null {
  const m = /^(\d{1,12})\.(\d{1,12})\.([0-9a-f]{16})$/.exec(text);
  return m ? { sessions: Number(m[1]), denials: Number(m[2]), hash: m[3]! } : null;
}

/** What to tell the recipient when their data is not the data the link was made on. */
export function fingerprintDifference(link: DataFingerprint, loaded: DataFingerprint): string | null {
  if (link.hash === loaded.hash && link.sessions === loaded.sessions && link.denials === loaded.denials) return null;
  const counts =
    link.sessions !== loaded.sessions || link.denials !== loaded.denials
      ? `it was made on ${link.sessions} sessions and ${link.denials} denials; ${loaded.sessions} sessions and ${loaded.denials} denials are loaded`
      : 'the same number of sessions and denials is loaded, but their content differs';
  return `The loaded data differ from the data this link was made on (${counts}), so the figures may differ from what the sender saw.`;
}
