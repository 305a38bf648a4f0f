/**
 * What-if scenarios: a plan preset and a few settings over one demand, and
 * what came of it (peak, average, the licenses that cover 95 % and 99 % of
 * the time, denials by reason), so scenarios can be compared side by side.
 */
import { z } from 'zod';
import { billingSection } from '../billing/report.ts';
import { totals } from '../billing/money.ts';
import { zeroByReason, type DenialReason } from '../denials/reasons.ts';
import { inventoryItem, type Inventory } from '../inventory/schema.ts';
import { utilization } from '../report/distributions.ts';
import type { CatalogItem } from './catalog.ts';
import { simulate, type Organisation, type ProductRun, type SimUser, type SimulationResult } from './engine.ts';
import { organizationTrueUpProblems } from './eligibility.ts';
import { MAX_TRIALS, PER_USER_MODES, PLAN_PRESETS, TRIAL_FREE_LICENSES, type Rules } from './rules.ts';

export const ScenarioSchema = z.object({
  name: z.string().min(1).max(60),
  plan: z.enum(['trial', 'organization-true-up', 'enterprise-floating']),
  floating: z.boolean(),
  releaseDelayDays: z.number().min(0).max(90),
  perUserMode: z.enum(PER_USER_MODES),
  trueUpEnabled: z.boolean(),
  trueUpLimitPercent: z.number().min(0).max(100),
  /** Prepaid licenses per item in this scenario. */
  capacity: z.record(z.string(), z.number().int().min(0).max(1_000_000)),
  /** On the trial plan: one trial, or two back to back (a company may have two). */
  trials: z.number().int().min(1).max(MAX_TRIALS).default(1),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

/** A scenario starting from a plan's preset. */
export function scenarioFromPlan(name: string, plan: Scenario['plan'], capacity: Record<string, number>): Scenario {
  const p = PLAN_PRESETS[plan];
  return {
    name,
    plan,
    floating: p.floating,
    releaseDelayDays: p.releaseDelayMs / 86_400_000,
    perUserMode: p.perUserMode,
    trueUpEnabled: p.trueUp.enabled,
    trueUpLimitPercent: p.trueUp.limitPercent,
    capacity: { ...capacity },
    trials: 1,
  };
}

/**
 * The scenarios the page starts with: Enterprise Floating and Organization
 * True-Up over the given capacities. The inventory's True-Up carries over:
 * when an item has a limit, Enterprise Floating starts with True-Up on at the
 * highest limit the inventory sets (a scenario has one limit for all items).
 */
export function defaultScenarios(capacity: Record<string, number>, inventory: Inventory): Scenario[] {
  const limits = Object.values(inventory.items).flatMap((i) =>
    i.trueUpLimitPercent === null ? [] : [i.trueUpLimitPercent],
  );
  const floating = scenarioFromPlan('Enterprise Floating', 'enterprise-floating', capacity);
  if (limits.length > 0) {
    floating.trueUpEnabled = true;
    floating.trueUpLimitPercent = Math.max(...limits);
  }
  return [floating, scenarioFromPlan('Organization True-Up', 'organization-true-up', capacity)];
}

/** The rules a scenario means: its plan's preset with the scenario's settings on top. */
export function rulesOf(s: Scenario): Rules {
  const p = PLAN_PRESETS[s.plan];
  return {
    ...p,
    floating: s.floating,
    releaseDelayMs: Math.round(s.releaseDelayDays * 86_400_000),
    perUserMode: s.perUserMode,
    trueUp: { ...p.trueUp, enabled: s.trueUpEnabled, limitPercent: s.trueUpLimitPercent },
    revocationsPerMonth: s.plan === 'trial' ? (s.floating ? null : 5) : p.revocationsPerMonth,
    trial: s.plan === 'trial' ? { trials: s.trials, freeLicenses: TRIAL_FREE_LICENSES } : null,
  };
}

export interface Outcome {
  name: string;
  sessions: number;
  peak: number;
  average: number;
  coverage95: number;
  coverage99: number;
  denials: Record<DenialReason, number>;
  maxHeld: Record<string, number>;
  /** Cost estimates by currency, when the inventory has prices (docs/DOMAIN.md §5). */
  costs: Record<string, { surcharge: number; trueUpCost: number }> | null;
  /** Why the scenario's plan would not be available to this organisation; empty when it would. */
  problems: string[];
  /** The most licenses held at once on each local day, when the caller gave the days. */
  daily: { date: string; peak: number }[];
}

/** Each item's most licenses held at once per calendar month (UTC) of [from, until). */
export function monthlyMaxHeld(
  result: SimulationResult,
  from: number,
  until: number,
): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const [license, line] of Object.entries(result.itemTimelines)) {
    const months = new Map<string, number>();
    const note = (t: number, level: number) => {
      const m = new Date(t).toISOString().slice(0, 7);
      months.set(m, Math.max(months.get(m) ?? 0, level));
    };
    let level = 0;
    let t = from;
    for (const [at, held] of line) {
      if (at >= until) break;
      if (at > t) {
        // The level in force from t to `at`, in every month it spans.
        for (let m = t; m < at; m = Date.UTC(new Date(m).getUTCFullYear(), new Date(m).getUTCMonth() + 1))
          note(m, level);
        t = at;
      }
      level = held;
      if (at >= from) note(at, level);
    }
    for (let m = t; m < until; m = Date.UTC(new Date(m).getUTCFullYear(), new Date(m).getUTCMonth() + 1))
      note(m, level);
    out.set(license, months);
  }
  return out;
}

/**
 * What a scenario would cost, by currency: the Floating surcharge on the
 * Enterprise Floating plan, True-Up where licenses above capacity were used.
 */
export function scenarioCosts(
  scenario: Scenario,
  result: SimulationResult,
  span: { from: number; until: number },
  inventory: Inventory,
): Outcome['costs'] {
  if (!Object.values(inventory.items).some((i) => i.annualPrice !== undefined)) return null;
  const priced: Inventory = {
    version: 1,
    items: Object.fromEntries(
      Object.entries(inventory.items).map(([name, item]) => [
        name,
        {
          ...item,
          regular: scenario.capacity[name] ?? item.regular + item.virtual,
          virtual: 0,
          trueUpLimitPercent: scenario.trueUpEnabled ? scenario.trueUpLimitPercent : null,
        },
      ]),
    ),
  };
  const section = billingSection(monthlyMaxHeld(result, span.from, span.until), priced, 'monthly');
  if (!section) return null;
  const out: Record<string, { surcharge: number; trueUpCost: number }> = {};
  for (const currency of new Set(section.months.map((m) => m.currency))) {
    const t = totals(section.months.filter((m) => m.currency === currency));
    out[currency] = {
      surcharge: scenario.plan === 'enterprise-floating' ? t.surcharge : 0,
      trueUpCost: scenario.plan === 'trial' ? 0 : t.trueUpCost,
    };
  }
  return out;
}

/** Licenses held over [from, until) from the engine's own timeline. */
export function outcomeOf(name: string, result: SimulationResult, from: number, until: number): Outcome {
  const atLevel = new Map<number, number>();
  let level = 0;
  let t = from;
  let area = 0;
  for (const [at, held] of result.timeline) {
    const s = Math.max(at, from);
    if (s > t && s <= until) {
      atLevel.set(level, (atLevel.get(level) ?? 0) + (s - t));
      area += level * (s - t);
      t = s;
    }
    level = held;
  }
  if (until > t) {
    atLevel.set(level, (atLevel.get(level) ?? 0) + (until - t));
    area += level * (until - t);
  }
  const u = utilization(atLevel);
  const peak = Math.max(0, ...[...atLevel.entries()].filter(([, ms]) => ms > 0).map(([l]) => l));
  const denials: Record<DenialReason, number> = zeroByReason();
  for (const d of result.denials) denials[d.reason]++;
  return {
    name,
    sessions: result.sessions.length,
    peak,
    average: until > from ? area / (until - from) : 0,
    coverage95: u.coverage95,
    coverage99: u.coverage99,
    denials,
    maxHeld: result.maxHeld,
    costs: null,
    problems: [],
    daily: [],
  };
}

/** What the plan asks of the organisation that these capacities do not meet. */
export function planProblems(scenario: Scenario, catalog: readonly CatalogItem[]): string[] {
  return scenario.plan === 'organization-true-up' ? organizationTrueUpProblems(scenario.capacity, catalog) : [];
}

export function runScenario(
  scenario: Scenario,
  demand: { users: readonly SimUser[]; runs: readonly ProductRun[] },
  catalog: readonly CatalogItem[],
  span: { from: number; until: number },
  onProgress?: (done: number) => void,
  inventory?: Inventory,
  days?: readonly Day[],
): { outcome: Outcome; result: SimulationResult } {
  const organisation: Organisation = { users: demand.users, catalog, capacity: scenario.capacity };
  const result = simulate({
    organisation,
    rules: rulesOf(scenario),
    runs: demand.runs,
    from: span.from,
    until: span.until,
    onProgress,
  });
  const outcome = outcomeOf(scenario.name, result, span.from, span.until);
  if (inventory) outcome.costs = scenarioCosts(scenario, result, span, inventory);
  outcome.problems = planProblems(scenario, catalog);
  if (days) outcome.daily = dailyPeaks(result.timeline, days);
  return { outcome, result };
}

/** A local day as instants: [start, end). */
export interface Day {
  date: string;
  start: number;
  end: number;
}

/** The most licenses held at once within each day, from a timeline of [instant, level] in time order. */
export function dailyPeaks(
  timeline: readonly (readonly [number, number])[],
  days: readonly Day[],
): { date: string; peak: number }[] {
  const out: { date: string; peak: number }[] = [];
  let i = 0;
  let level = 0;
  for (const day of days) {
    // The level in force when the day starts, then every change within it.
    while (i < timeline.length && timeline[i]![0] <= day.start) level = timeline[i++]![1];
    let peak = level;
    while (i < timeline.length && timeline[i]![0] < day.end) {
      level = timeline[i++]![1];
      peak = Math.max(peak, level);
    }
    out.push({ date: day.date, peak });
  }
  return out;
}

/** Loaded sessions as the demand they show: each session a product run on its machine. */
export type LoadedSession = {
  username: string;
  email: string | null;
  externalId: string | null;
  license: string;
  product: string | null;
  host: string | null;
  ip: string | null;
  fromMs: number;
  toMs: number | null;
};

/**
 * Loaded sessions as demand, with its span: from the first start to just after
 * the latest instant seen. One pass, no spread of the sessions into a call, so
 * a million of them fit (a spread puts each on the stack).
 */
export function loadedDemand(rows: readonly LoadedSession[]): {
  users: SimUser[];
  runs: ProductRun[];
  from: number;
  until: number;
} {
  const { users, runs } = demandFromSessions(rows);
  let from = Infinity;
  let latest = -Infinity;
  for (const r of rows) {
    if (r.fromMs < from) from = r.fromMs;
    const last = r.toMs === null ? r.fromMs : Math.max(r.fromMs, r.toMs);
    if (last > latest) latest = last;
  }
  return { users, runs, from, until: latest + 1 };
}

export function demandFromSessions(rows: readonly LoadedSession[]): { users: SimUser[]; runs: ProductRun[] } {
  const users = new Map<string, SimUser>();
  const runs: ProductRun[] = rows.map((r, i) => {
    if (!users.has(r.username))
      users.set(r.username, { name: r.username, email: r.email, externalId: r.externalId ?? '', groups: [] });
    return {
      id: i + 1,
      user: r.username,
      product: r.product ?? r.license,
      machine: r.host ?? `${r.username}-machine`,
      ip: r.ip ?? '',
      start: r.fromMs,
      end: r.toMs,
      ending: 'close',
    };
  });
  return { users: [...users.values()], runs };
}

/** The catalog the loaded data shows: each item covers the products seen with it; kinds from the inventory. */
export function catalogFromSessions(rows: readonly LoadedSession[], inventory: Inventory): CatalogItem[] {
  const covers = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = covers.get(r.license) ?? new Set<string>();
    set.add(r.product ?? r.license);
    covers.set(r.license, set);
  }
  return [...covers.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, products]) => ({
      name,
      kind: inventoryItem(inventory, name)?.kind ?? (products.size > 1 ? 'pack' : 'ide'),
      covers: [...products].sort(),
    }));
}
