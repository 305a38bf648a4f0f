/**
 * What the page keeps of its reports so that the next one asks the database
 * little: the sweep of L(t) over all the data (sql/usage-kept.ts), made once
 * per state of the data, hold delay and as-of, from which every period and
 * every zone is read by range; and the figures that do not depend on the
 * period (the license items, who is in use at as-of), asked once per state
 * of the data.
 *
 * Everything kept belongs to one generation of the data (`usage_reach`,
 * sql/usage-copy.ts, made from `sessions` with or without the usage copy):
 * every load, forget and clear makes a new one, and what was kept for another
 * is dropped. The CLI, with one report, needs no cache.
 */
import type { Database } from '../db/database.ts';
import { dropKeptSql, type KeptTables } from '../sql/usage-kept.ts';
import type { PeriodUsage } from './series.ts';
import type { KeptLevels, KeptSessions } from './sweep.ts';
import { usageGeneration } from './usage-copy.ts';

/**
 * What is kept, in three parts: the sessions up to as-of in memory, with
 * their items (per data and as-of); the sweep of L(t) made from them (per
 * data, hold delay and as-of); and the people's sessions and user days (per
 * data and as-of: the hold delay does not touch them). A change of the hold
 * delay sweeps again without reading the sessions or counting the people
 * again, and the page's first report has its cards (sessions and sweep)
 * before its people (docs/DOMAIN.md §8.2).
 */
export type KeptPart = 'sessions' | 'sweep' | 'people';

/** What each part keeps in memory beside its tables: the sessions themselves, the sweep its L(t), the people nothing. */
interface KeptMemory {
  sessions: KeptSessions;
  sweep: KeptLevels;
  people: true;
}

/** A period read from the kept parts: its days and heatmap sums (the zone, the items and the parts are in `key`). */
export interface KeptRead {
  key: string;
  /** The period, epoch µs: [rs, re). */
  rs: number;
  re: number;
  usage: PeriodUsage;
}

/** A part kept over [rs, re), zone-free: in the database (its tables) and in memory. */
export interface KeptSweep<P extends KeptPart = KeptPart> {
  /** Generation, as-of (and, for the sweep, hold delay): a later report must match all of them. */
  key: string;
  /** The range swept, epoch µs: [rs, re), on the quarter-hour grid from rs. */
  rs: number;
  re: number;
  tables: KeptTables;
  memory: KeptMemory[P];
}

/** The names of the kept tables, after `prefix`. */
export function keptTables(prefix: string): KeptTables {
  return {
    items: `${prefix}_items`,
    sessions: `${prefix}_sessions`,
    spans: `${prefix}_spans`,
    covered: `${prefix}_covered`,
  };
}

/** Numbers the kept tables of every cache alike: two caches on one database never name a table the same. */
let keptSerial = 0;

export class UsageCache {
  #kept = new Map<KeptPart, KeptSweep>();
  #memo = new Map<string, Promise<unknown>>();
  #generation: string | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #read: KeptRead | null = null;

  /**
   * Runs `work` once every earlier call has finished, so that kept tables are
   * never replaced under a query reading them. (The database runs one query
   * at a time anyway: nothing is lost by waiting.)
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** The value of `make` for `key` in this generation of the data, asked once. */
  async memo<T>(db: Database, key: string, make: () => Promise<T>): Promise<T> {
    const { generation } = await usageGeneration(db);
    if (generation !== this.#generation) {
      this.#generation = generation;
      this.#memo.clear();
    }
    let value = this.#memo.get(key) as Promise<T> | undefined;
    if (!value) {
      value = make();
      this.#memo.set(key, value);
      value.catch(() => this.#memo.delete(key));
    }
    return value;
  }

  /** The last period read from the kept parts under `key`, if it holds [rs, re). */
  lastRead(key: string, rs: number, re: number): KeptRead | null {
    const r = this.#read;
    return r && r.key === key && r.rs <= rs && re <= r.re ? r : null;
  }

  /** Keeps a period read, so that a period inside it takes its days and hours from it. */
  keepRead(read: KeptRead): void {
    this.#read = read;
  }

  /** The kept part that `key` matches, if any. */
  kept<P extends KeptPart>(part: P, key: string): KeptSweep<P> | null {
    const k = this.#kept.get(part) as KeptSweep<P> | undefined;
    return k && k.key === key ? k : null;
  }

  /** What is kept in memory of `part`, whatever its key (the state of the cache: null before the first report). */
  memoryOf<P extends KeptPart>(part: P): KeptMemory[P] | null {
    return (this.#kept.get(part) as KeptSweep<P> | undefined)?.memory ?? null;
  }

  /**
   * Builds `part` anew with `build`, into tables named here, and keeps them
   * under `key` for [rs, re). What was kept of it before is dropped first, so
   * that memory is never held twice; a build that fails leaves nothing behind.
   */
  async replace<P extends KeptPart>(
    db: Database,
    part: P,
    { key, rs, re }: { key: string; rs: number; re: number },
    build: (tables: KeptTables) => Promise<KeptMemory[P]>,
  ): Promise<KeptSweep<P>> {
    await this.#drop(db, part);
    const tables = keptTables(`usage_kept_${part}_${++keptSerial}`);
    try {
      const kept: KeptSweep<P> = { key, rs, re, tables, memory: await build(tables) };
      this.#kept.set(part, kept);
      return kept;
    } catch (e) {
      await db.query(dropKeptSql(tables));
      throw e;
    }
  }

  async #drop(db: Database, part: KeptPart): Promise<void> {
    const k = this.#kept.get(part);
    this.#kept.delete(part);
    if (k) await db.query(dropKeptSql(k.tables));
  }

  /** Drops every kept table. */
  async forget(db: Database): Promise<void> {
    this.#read = null;
    for (const part of [...this.#kept.keys()]) await this.#drop(db, part);
  }
}
