/** A few sessions and denials, loaded through the real ingest into the real DuckDB-WASM, for the query tests. */
import { expect } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { loadFiles } from '../../../src/lib/ingest/load.ts';
import { memorySource } from '../../../src/lib/ingest/source.ts';
import { clearAllSql } from '../../../src/lib/sql/schema.ts';

export const HOUR = 3_600_000;
export const DAY_START = Date.UTC(2026, 9, 5); // Monday 5 Oct 2026, 00:00 UTC
export const at = (hours: number) => DAY_START + hours * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

export interface Session {
  id: string;
  license: string;
  product: string;
  user: string;
  host: string;
  from: number;
  to: number | null;
}

/** A session of `license` used by `user` on their own machine (`user-pc`), the product named as the license. */
export const sessionOf = (id: string, user: string, license: string, from: number, to: number | null): Session => ({
  id,
  license,
  product: license,
  user,
  host: `${user}-pc`,
  from,
  to,
});

const SESSIONS_HEAD =
  'allocation_id,allocated_license,user_product,username,user_email,user_ip,user_hostname,external_id,used_from,used_to';
const DENIALS_HEAD = 'denied_at,username,user_email,user_product,requested_license,reason,user_hostname,user_ip';

export interface Denial {
  at: number;
  user: string;
  license: string;
  reason: string;
  host: string;
}

/** Replaces whatever was loaded with these sessions (and denials, if any). */
export async function loadOnly(db: Database, sessions: Session[], denials: Denial[] = []): Promise<void> {
  await loadFiles(db, []);
  await db.query(clearAllSql());
  const csv = [
    SESSIONS_HEAD,
    ...sessions.map(
      (s) =>
        `${s.id},${s.license},${s.product},${s.user},${s.user}@example.com,,${s.host},,${iso(s.from)},${s.to === null ? '' : iso(s.to)}`,
    ),
  ].join('\n');
  const files = [memorySource('sessions.csv', csv)];
  if (denials.length > 0) {
    const rows = denials.map((d) => `${iso(d.at)},${d.user},,${d.license},${d.license},${d.reason},${d.host},`);
    files.push(memorySource('denials.csv', [DENIALS_HEAD, ...rows].join('\n')));
  }
  const reports = await loadFiles(db, files);
  expect(reports.map((r) => r.status)).toEqual(files.map(() => 'loaded'));
}
