/**
 * Deterministic allocation exports of a given number of sessions, made by the
 * simulator of the vault's rules (src/lib/simulator), for the benchmark.
 *
 * A year (2025-11-01 to 2026-10-31) of an organisation of about N / 630 users
 * (the simulator's demand gives some 630 sessions per user and year), simulated
 * in shards of at most 1,000 users, each shard its own organisation with its
 * own seed, so memory stays bounded at any size. Shard k's allocation ids,
 * user names, e-mails, hosts and external ids carry `s<k>` so shards never
 * share an allocation or a user. The users are sized for about 3 % more
 * sessions than asked; the last shard's latest sessions are left out to hit N
 * exactly. Written as the vault writes exports (CRLF, `unknown` e-mails, empty
 * used_to while running at as-of), to one file, cached: a file that exists is
 * not made again.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { EXPORT_COLUMNS } from '../../src/lib/columns.ts';
import { DEFAULT_CATALOG } from '../../src/lib/simulator/catalog.ts';
import { generateDemand } from '../../src/lib/simulator/demand.ts';
import { simulate } from '../../src/lib/simulator/engine.ts';
import { PLAN_PRESETS, type Rules } from '../../src/lib/simulator/rules.ts';

const START = '2025-11-01';
const DAYS = 365;
/** As of the last day at 15:00 UTC, as the sample data. */
const UNTIL = Date.parse(`${START}T00:00:00Z`) + (DAYS - 1) * 86_400_000 + 15 * 3_600_000;
const SESSIONS_PER_USER_YEAR = 630;
const SHARD_USERS = 1000;
/** Licenses per 1,000 users (those of `npm run bench:simulator`). */
const CAPACITY_PER_1000: Record<string, number> = {
  'All Products Pack': 200,
  'IntelliJ IDEA Ultimate': 230,
  'PyCharm Professional': 120,
  GoLand: 60,
  dotUltimate: 90,
  ReSharper: 60,
};
const RULES: Rules = {
  ...PLAN_PRESETS['enterprise-floating'],
  trueUp: { enabled: true, limitPercent: 30 },
};

export interface Generated {
  path: string;
  sessions: number;
  bytes: number;
  /** Seconds spent generating, 0 when the file was cached. */
  seconds: number;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Our values never need quotes; refuse to write one that would. */
function plain(v: string): string {
  if (/[",\r\n]/.test(v)) throw new Error(`value needs quoting: ${v}`);
  return v;
}

export function generateExport(path: string, sessions: number, log: (s: string) => void = () => {}): Generated {
  if (existsSync(path)) return { path, sessions, bytes: statSync(path).size, seconds: 0 };
  const started = performance.now();
  mkdirSync(dirname(path), { recursive: true });
  const users = Math.ceil((sessions * 1.03) / SESSIONS_PER_USER_YEAR);
  const shards = Math.ceil(users / SHARD_USERS);
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  let written = 0;
  try {
    writeSync(fd, `${EXPORT_COLUMNS.join(',')}\r\n`);
    for (let k = 0; k < shards && written < sessions; k++) {
      const n = Math.min(SHARD_USERS, users - k * SHARD_USERS);
      const demand = generateDemand({ seed: 20_250_000 + k, start: START, days: DAYS, users: n });
      const capacity = Object.fromEntries(
        Object.entries(CAPACITY_PER_1000).map(([item, c]) => [item, Math.max(1, Math.round((c * n) / 1000))]),
      );
      const result = simulate({
        organisation: { users: demand.users, catalog: DEFAULT_CATALOG, capacity },
        rules: RULES,
        runs: demand.runs,
        until: UNTIL,
      });
      const take = Math.min(result.sessions.length, sessions - written);
      const tag = `s${k}`;
      let lines: string[] = [];
      for (let i = 0; i < take; i++) {
        const s = result.sessions[i]!;
        const email = s.user.email === null ? 'unknown' : s.user.email.replace('@', `.${tag}@`);
        lines.push(
          [
            `${tag}-${s.allocationId}`,
            s.license,
            s.product,
            `${s.user.name}.${tag}`,
            email,
            s.ip,
            `${s.host}.${tag}`,
            `${s.user.externalId}-${tag}`,
            iso(s.from),
            s.to === null ? '' : iso(s.to),
          ]
            .map(plain)
            .join(','),
        );
        if (lines.length === 50_000) {
          writeSync(fd, `${lines.join('\r\n')}\r\n`);
          lines = [];
        }
      }
      if (lines.length > 0) writeSync(fd, `${lines.join('\r\n')}\r\n`);
      written += take;
      log(
        `  shard ${k + 1}/${shards}: ${n} users, ${result.sessions.length} sessions, ${take} written (${written} of ${sessions})`,
      );
    }
  } finally {
    closeSync(fd);
  }
  if (written !== sessions) throw new Error(`generated ${written} sessions, wanted ${sessions}`);
  renameSync(partial, path);
  return { path, sessions, bytes: statSync(path).size, seconds: (performance.now() - started) / 1000 };
}
