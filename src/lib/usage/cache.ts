/**
 * What the page keeps of its last report so that the next one asks the
 * database little: a period inside the last one (30 days after all, a custom
 * week) is answered from the segments of L(t) already swept, and the figures
 * that do not depend on the period (the license items, who is in use at
 * as-of) are asked once per state of the data.
 *
 * Everything kept belongs to one generation of the usage copy
 * (sql/usage-copy.ts): every load, forget and clear makes a new one, and what
 * was kept for another is dropped. The CLI, with one report, needs no cache.
 */
import type { Database } from '../db/database.ts';
import type { PeriodUsage } from './series.ts';
import { readyUsageCopy } from './usage-copy.ts';

/** A swept period kept in the database: its segments and item ids, and the days and hours it gave. */
export interface KeptPeriod {
  /** Generation, zone, as-of, hold delay and items: a later period must match all of them. */
  key: string;
  /** The range swept, epoch µs: [rs, re). */
  rs: number;
  re: number;
  /** Tables: segments (item id, t, t_end, level), split at every local hour; items (item, id). */
  segments: string;
  items: string;
  usage: PeriodUsage;
}

/** Drops the tables of a kept period (or of one that failed before it could be kept). */
function dropKeptSql(tables: { segments: string; items: string }): string {
  return `DROP TABLE IF EXISTS ${tables.segments}; DROP TABLE IF EXISTS ${tables.items}`;
}

export class UsageCache {
  #kept: KeptPeriod | null = null;
  #memo = new Map<string, Promise<unknown>>();
  #generation: string | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #serial = 0;

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
    const { generation } = await readyUsageCopy(db);
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

  /** The kept period that `key` matches and that holds [rs, re), if any. */
  kept(key: string, rs: number, re: number): KeptPeriod | null {
    const k = this.#kept;
    return k && k.key === key && k.rs <= rs && re <= k.re ? k : null;
  }

  /**
   * Sweeps anew with `sweep`, into tables named here, and keeps the result
   * under `key` for [rs, re). What was kept before is dropped first, so that
   * memory is never held twice; a sweep that fails leaves nothing behind.
   */
  async replace(
    db: Database,
    { key, rs, re }: { key: string; rs: number; re: number },
    sweep: (tables: { segments: string; items: string }) => Promise<PeriodUsage>,
  ): Promise<PeriodUsage> {
    await this.forget(db);
    const n = ++this.#serial;
    const tables = { segments: `usage_kept_segments_${n}`, items: `usage_kept_items_${n}` };
    try {
      const usage = await sweep(tables);
      this.#kept = { key, rs, re, ...tables, usage };
      return usage;
    } catch (e) {
      await db.query(dropKeptSql(tables));
      throw e;
    }
  }

  /** Drops the kept tables. */
  async forget(db: Database): Promise<void> {
    const k = this.#kept;
    this.#kept = null;
    if (k) await db.query(dropKeptSql(k));
  }
}
