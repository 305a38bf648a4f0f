/**
 * What must hold whatever the settings (docs/DOMAIN.md §4), over a few hundred
 * seeded random scenarios: seeds, plans, per-user modes, capacities, Floating
 * or not, revocations, priority users. Each scenario's export and denials
 * file go through the real ingest in DuckDB-WASM and must load whole.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { trueUpLimit } from '../../../src/lib/billing/true-up.ts';
import type { Database } from '../../../src/lib/db/database.ts';
import { loadFiles } from '../../../src/lib/ingest/load.ts';
import { memorySource } from '../../../src/lib/ingest/source.ts';
import { clearAllSql } from '../../../src/lib/sql/schema.ts';
import { DEFAULT_CATALOG, TRIAL_PACK, withTrialPack } from '../../../src/lib/simulator/catalog.ts';
import { generateDemand } from '../../../src/lib/simulator/demand.ts';
import {
  offlineRelease,
  simulate,
  trialEnd,
  type RevocationRequest,
  type SimulationInput,
  type SimulationResult,
} from '../../../src/lib/simulator/engine.ts';
import { allocationExport, denialsFile } from '../../../src/lib/simulator/output.ts';
import { between, pick, seeded, type Random } from '../../../src/lib/simulator/random.ts';
import {
  PER_USER_MODES,
  PLAN_PRESETS,
  RELEASE_DELAYS,
  trueUpTerms,
  type Rules,
} from '../../../src/lib/simulator/rules.ts';
import { freshDatabase } from '../../helpers/db.ts';

const SCENARIOS = 300;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'UTC'];
const PLANS = ['trial', 'organization-true-up', 'enterprise-floating'] as const;

let db: Database;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db?.close());

/** A scenario from a seed: everything the engine can be told, picked at random. */
function scenario(seed: number): SimulationInput {
  const random = seeded(seed);
  const start = new Date(Date.UTC(2026, Math.floor(random() * 12), 1 + Math.floor(random() * 28)))
    .toISOString()
    .slice(0, 10);
  const days = 2 + Math.floor(random() * 12);
  const demand = generateDemand({
    seed,
    start,
    days,
    users: 3 + Math.floor(random() * 25),
    zones: [pick(random, ZONES), pick(random, ZONES)],
    offlineShare: random() * 0.6,
  });
  const plan = pick(random, PLANS);
  const rules = rulesFor(
    random,
    plan,
    demand.users.map((u) => u.name),
  );
  const capacity = Object.fromEntries(DEFAULT_CATALOG.map((c) => [c.name, Math.floor(random() * 14)]));
  const from = Date.parse(`${start}T00:00:00Z`);
  const until = from + days * DAY - Math.floor(random() * 12) * 3_600_000;
  const revocations: RevocationRequest[] = Array.from({ length: Math.floor(random() * 12) }, () => ({
    at: Math.round(between(random, from, until)),
    user: pick(random, demand.users).name,
  }));
  const organisation = { users: demand.users, catalog: DEFAULT_CATALOG, capacity };
  return { organisation, rules, runs: demand.runs, revocations, from, until };
}

function rulesFor(random: Random, plan: (typeof PLANS)[number], users: string[]): Rules {
  const preset = PLAN_PRESETS[plan];
  const floating = plan === 'trial' ? random() < 0.5 : preset.floating;
  return {
    ...preset,
    floating,
    releaseDelayMs: random() < 0.5 ? RELEASE_DELAYS.threeDays : RELEASE_DELAYS.month,
    perUserMode: plan === 'enterprise-floating' ? pick(random, PER_USER_MODES) : 'allocate-new',
    trueUp:
      plan === 'enterprise-floating'
        ? { enabled: random() < 0.6, limitPercent: Math.floor(random() * 60) }
        : preset.trueUp,
    trial: preset.trial && { ...preset.trial, trials: random() < 0.5 ? 1 : 2 },
    revocationsPerMonth: plan === 'trial' && floating ? null : preset.revocationsPerMonth,
    access: {
      ...preset.access,
      priorityUsers: random() < 0.3 ? users.filter(() => random() < 0.1) : [],
    },
  };
}

/** Allocations held at once per item, priority users' left out, from the log (`alloc-… (pool) allocated`). */
function heldBeyondPriority(result: SimulationResult): Map<string, [number, number][]> {
  const pools = new Map<string, string>();
  const lines = new Map<string, [number, number][]>();
  const level = new Map<string, number>();
  for (const entry of result.log) {
    const allocated = /^(alloc-\d+) \(([a-z-]+)\) allocated/.exec(entry.text);
    const released = /^(alloc-\d+) released/.exec(entry.text);
    if (!entry.license || !(allocated || released)) continue;
    const id = (allocated ?? released)![1]!;
    if (allocated) pools.set(id, allocated[2]!);
    if (pools.get(id) === 'priority') continue;
    const n = (level.get(entry.license) ?? 0) + (allocated ? 1 : -1);
    level.set(entry.license, n);
    const line = lines.get(entry.license) ?? [];
    line.push([entry.at, n]);
    lines.set(entry.license, line);
  }
  return lines;
}

function checkInvariants(input: SimulationInput, result: SimulationResult): void {
  const { rules, organisation } = input;
  const runs = new Map(input.runs.map((r) => [r.id, r]));
  // No session ends before it starts.
  for (const s of result.sessions) if (s.to !== null) expect(s.to).toBeGreaterThanOrEqual(s.from);
  // The timelines never go back.
  for (const line of [result.timeline, ...Object.values(result.itemTimelines)])
    for (let i = 1; i < line.length; i++) expect(line[i]![0]).toBeGreaterThanOrEqual(line[i - 1]![0]);
  // An offline machine's license returns at a 10-minute check, 20 to 30 minutes after it went away,
  // unless something ended the session sooner (a revocation, Take Oldest Out, the trial's end).
  const cuts = new Set(
    result.log.filter((l) => ['revoke', 'transfer', 'release'].includes(l.kind)).map((l) => `${l.user}@${l.at}`),
  );
  for (const s of result.sessions) {
    const run = runs.get(s.run)!;
    if (run.ending !== 'offline' || run.end === null || s.to === null) continue;
    if (cuts.has(`${s.user.name}@${s.to}`) && s.to < offlineRelease(rules, run.end)) continue;
    const gone = Math.max(run.end, s.from);
    expect(s.to - gone).toBeGreaterThanOrEqual(20 * MINUTE);
    expect(s.to - gone).toBeLessThan(30 * MINUTE);
    expect(s.to % (10 * MINUTE)).toBe(0);
  }
  // Licenses held at once stay within capacity, True-Up and a trial's free pack; priority users aside.
  const over = trialEnd(rules, input.from!);
  const catalog = rules.trial ? withTrialPack(organisation.catalog) : organisation.catalog;
  for (const [license, line] of heldBeyondPriority(result)) {
    const item = catalog.find((c) => c.name === license)!;
    const capacity = organisation.capacity[license] ?? 0;
    const trueUp = trueUpLimit(trueUpTerms(rules, capacity, item.kind)) ?? 0;
    for (const [at, n] of line) {
      const free = rules.trial && license === TRIAL_PACK && over !== null && at < over ? rules.trial.freeLicenses : 0;
      expect(n, `${license} at ${new Date(at).toISOString()}`).toBeLessThanOrEqual(capacity + trueUp + free);
    }
  }
  // Revocations within the month's limit (calendar months, UTC).
  if (rules.revocationsPerMonth !== null) {
    const months = new Map<string, number>();
    for (const l of result.log.filter((e) => e.kind === 'revoke')) {
      const m = new Date(l.at).toISOString().slice(0, 7);
      months.set(m, (months.get(m) ?? 0) + 1);
    }
    for (const n of months.values()) expect(n).toBeLessThanOrEqual(rules.revocationsPerMonth);
  }
}

/** Files concatenated under one header: each row is checked on its own, and one load per batch is quicker than one per file. */
class Batch {
  private header = '';
  private body: string[] = [];
  rows = 0;

  add(csv: string, rows: number): void {
    const cut = csv.indexOf('\r\n') + 2;
    this.header = csv.slice(0, cut);
    this.body.push(csv.slice(cut));
    this.rows += rows;
  }

  text(): string {
    return this.header + this.body.join('');
  }
}

test(`${SCENARIOS} random scenarios keep the rules' invariants, and every export and denials file loads whole`, async () => {
  let exports = new Batch();
  let denials = new Batch();
  const load = async () => {
    await loadFiles(db, []);
    await db.query(clearAllSql());
    const reports = await loadFiles(db, [
      memorySource('simulated.csv', exports.text()),
      memorySource('denials.csv', denials.text()),
    ]);
    expect(reports.map((r) => [r.status, r.counts.rowsRead, r.counts.rejected])).toEqual([
      ['loaded', exports.rows, 0],
      ['loaded', denials.rows, 0],
    ]);
    exports = new Batch();
    denials = new Batch();
  };
  let sessions = 0;
  let offline = 0;
  for (let seed = 1; seed <= SCENARIOS; seed++) {
    const input = scenario(seed);
    const result = simulate(input);
    checkInvariants(input, result);
    sessions += result.sessions.length;
    offline += input.runs.filter((r) => r.ending === 'offline').length;
    exports.add(allocationExport(result), result.sessions.length);
    denials.add(denialsFile(result), result.denials.length);
    if (seed % 50 === 0) await load();
  }
  // The scenarios are not empty: the invariants were put to work.
  expect(sessions).toBeGreaterThan(SCENARIOS * 20);
  expect(offline).toBeGreaterThan(SCENARIOS * 5);
}, 120_000);
