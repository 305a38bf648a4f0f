/**
 * The vault's rules (docs/DOMAIN.md §4) as a deterministic, event-driven engine:
 * product runs come in, licenses are allocated, reused, transferred, revoked
 * and released, requests are denied; out come the sessions of the allocation
 * export, the denials, and a log of why each of those happened.
 *
 * At one instant, ends are handled before starts: intervals are half-open,
 * so a license released at t can be allocated again at t.
 */
import type { DenialReason } from '../denials/reasons.ts';
import { candidatesFor, TRIAL_PACK, withTrialPack, type CatalogItem } from './catalog.ts';
import { EventQueue } from './queue.ts';
import { trueUpLimit } from '../billing/true-up.ts';
import { TRIAL_MONTHS, trueUpTerms, type AccessRule, type Rules } from './rules.ts';

export interface SimUser {
  name: string;
  email: string | null;
  externalId: string;
  groups: readonly string[];
}

/** One run of a product on a machine: what a user does, before the vault decides. */
export interface ProductRun {
  id: number;
  user: string;
  product: string;
  machine: string;
  ip: string;
  start: number;
  /** When the product was closed or the machine went away; null = still running at the end. */
  end: number | null;
  ending: 'close' | 'offline';
}

/** An administrator's revocation request: the user's license (of `item`, or the first held). */
export interface RevocationRequest {
  at: number;
  user: string;
  item?: string | undefined;
}

export interface Organisation {
  users: readonly SimUser[];
  catalog: readonly CatalogItem[];
  /** Prepaid licenses per item (regular + virtual). */
  capacity: Readonly<Record<string, number>>;
}

export interface SimulationInput {
  organisation: Organisation;
  rules: Rules;
  runs: readonly ProductRun[];
  revocations?: readonly RevocationRequest[];
  /** The end of the simulation, epoch ms: the export's as-of. */
  until: number;
  /** The start of the simulation, when a trial starts; the first run's start by default. */
  from?: number | undefined;
  /** Told the share of runs handled, now and then (for a progress bar). */
  onProgress?: ((done: number) => void) | undefined;
}

export interface SimSession {
  allocationId: string;
  /** The product run this session is a part of (ProductRun.id). */
  run: number;
  license: string;
  product: string;
  user: SimUser;
  host: string;
  ip: string;
  from: number;
  to: number | null;
}

export interface SimDenial {
  at: number;
  user: SimUser;
  product: string;
  requestedLicense: string;
  reason: DenialReason;
  host: string;
  ip: string;
}

export type LogKind = 'allocate' | 'reuse' | 'transfer' | 'release' | 'revoke' | 'refuse-revocation' | 'deny';

export interface LogEntry {
  at: number;
  kind: LogKind;
  user: string;
  license: string | null;
  text: string;
}

export interface SimulationResult {
  sessions: SimSession[];
  denials: SimDenial[];
  log: LogEntry[];
  /** The most allocations of each item held at once, as the engine counted them. */
  maxHeld: Record<string, number>;
  /** Allocations held in total, after each change: [instant, count], in time order. */
  timeline: [number, number][];
  /** The same per license item. */
  itemTimelines: Record<string, [number, number][]>;
}

/** Where a license came from: the prepaid licenses, True-Up, a priority user's over capacity, a trial's free pack. */
type Pool = 'prepaid' | 'true-up' | 'priority' | 'trial';

interface Allocation {
  id: string;
  user: SimUser;
  license: string;
  pool: Pool;
  /** Machine → its open sessions and when it was last active. */
  machines: Map<string, { sessions: Set<OpenSession>; lastActive: number }>;
  lastUse: number;
  released: boolean;
}

interface OpenSession {
  run: ProductRun;
  allocation: Allocation;
  out: SimSession;
}

type Event =
  | { t: number; rank: 0; kind: 'end'; run: ProductRun }
  | { t: number; rank: 1; kind: 'hold-expire'; allocation: Allocation; lastUse: number }
  | { t: number; rank: 2; kind: 'revoke'; request: RevocationRequest }
  | { t: number; rank: 2; kind: 'trial-end' }
  | { t: number; rank: 3; kind: 'start'; run: ProductRun };

/** Whether the access rules let `user` have `license` for `product`: the first matching rule decides. */
export function allowed(rules: Rules, user: SimUser, license: string, product: string): boolean {
  const matches = (r: AccessRule) => {
    const who =
      (r.users.length === 0 && r.groups.length === 0) ||
      r.users.includes(user.name) ||
      r.groups.some((g) => user.groups.includes(g));
    const what =
      (r.items.length === 0 && r.products.length === 0) || r.items.includes(license) || r.products.includes(product);
    return who && what;
  };
  const rule = rules.access.rules.find(matches);
  return rule ? rule.effect === 'allow' : !rules.access.strict;
}

/**
 * When the vault releases the license of a machine that went away at `gone`:
 * at its first check (every `checkMs`, on the clock) once the machine has been
 * silent for `inactivityMs`, so 20 to 30 minutes later with the documented
 * timings, never earlier. (Products refresh every 10 minutes; that is why the
 * vault waits 20 before it is sure.)
 */
export function offlineRelease(rules: Rules, gone: number): number {
  return Math.ceil((gone + rules.inactivityMs) / rules.checkMs) * rules.checkMs;
}

function monthKey(t: number): string {
  return new Date(t).toISOString().slice(0, 7);
}

/** `t` plus whole calendar months, in UTC (the 31st plus a month is the 1st or 3rd after it, as Date does). */
export function addMonths(t: number, months: number): number {
  const d = new Date(t);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

/** When the trial's free licenses go: two months per trial after the simulation's start. */
export function trialEnd(rules: Rules, from: number): number | null {
  return rules.trial ? addMonths(from, TRIAL_MONTHS * rules.trial.trials) : null;
}

export function simulate(input: SimulationInput): SimulationResult {
  const { organisation, rules, until } = input;
  const catalog = rules.trial ? withTrialPack(organisation.catalog) : organisation.catalog;
  const from = input.from ?? input.runs.reduce((m, r) => Math.min(m, r.start), until);
  const trialOver = trialEnd(rules, from);
  const users = new Map(organisation.users.map((u) => [u.name, u]));
  const sessions: SimSession[] = [];
  const denials: SimDenial[] = [];
  const log: LogEntry[] = [];
  const used = new Map<string, { prepaid: number; trueUp: number; trial: number }>();
  const held = new Map<string, number>();
  const timeline: [number, number][] = [];
  const itemTimelines: Record<string, [number, number][]> = {};
  let total = 0;
  const mark = (line: [number, number][], t: number, value: number) => {
    const last = line[line.length - 1];
    if (last && last[0] === t) last[1] = value;
    else line.push([t, value]);
  };
  const count = (license: string, t: number, delta: number) => {
    total += delta;
    mark(timeline, t, total);
    mark((itemTimelines[license] ??= []), t, held.get(license) ?? 0);
  };
  const maxHeld: Record<string, number> = {};
  const byUser = new Map<string, Allocation[]>();
  const open = new Map<number, OpenSession>();
  const revocations = new Map<string, number>();
  let serial = 0;

  const queue = new EventQueue<Event>();
  for (const run of input.runs) if (run.start < until) queue.push({ t: run.start, rank: 3, kind: 'start', run });
  for (const request of input.revocations ?? [])
    if (request.at < until) queue.push({ t: request.at, rank: 2, kind: 'revoke', request });
  if (trialOver !== null && trialOver < until) queue.push({ t: trialOver, rank: 2, kind: 'trial-end' });

  const note = (at: number, kind: LogKind, user: string, license: string | null, text: string): void => {
    log.push({ at, kind, user, license, text });
  };
  const usage = (license: string) => {
    let u = used.get(license);
    if (!u) used.set(license, (u = { prepaid: 0, trueUp: 0, trial: 0 }));
    return u;
  };
  const capacity = (license: string) => organisation.capacity[license] ?? 0;
  /** Whether a free license of the trial's pack is left at `t`. */
  const trialFree = (license: string, t: number) =>
    rules.trial !== null &&
    license === TRIAL_PACK &&
    trialOver !== null &&
    t < trialOver &&
    usage(license).trial < rules.trial.freeLicenses;

  function deny(run: ProductRun, user: SimUser, requested: string, reason: DenialReason, why: string): void {
    denials.push({
      at: run.start,
      user,
      product: run.product,
      requestedLicense: requested,
      reason,
      host: run.machine,
      ip: run.ip,
    });
    note(run.start, 'deny', user.name, requested, `${run.product} on ${run.machine} denied (${reason}): ${why}`);
  }

  function attach(allocation: Allocation, run: ProductRun, t: number) {
    let machine = allocation.machines.get(run.machine);
    if (!machine) allocation.machines.set(run.machine, (machine = { sessions: new Set(), lastActive: t }));
    const out: SimSession = {
      allocationId: allocation.id,
      run: run.id,
      license: allocation.license,
      product: run.product,
      user: allocation.user,
      host: run.machine,
      ip: run.ip,
      from: t,
      to: null,
    };
    const session: OpenSession = { run, allocation, out };
    machine.sessions.add(session);
    machine.lastActive = t;
    open.set(run.id, session);
    sessions.push(out);
    if (run.end !== null) {
      // A run cannot end before the vault saw it start (a run that claims so ends at once).
      const gone = Math.max(run.end, t);
      const end = run.ending === 'offline' ? offlineRelease(rules, gone) : gone;
      if (end < until) queue.push({ t: end, rank: 0, kind: 'end', run });
    }
  }

  function endSession(session: OpenSession, t: number) {
    const { allocation, run } = session;
    session.out.to = t;
    open.delete(run.id);
    const machine = allocation.machines.get(run.machine);
    if (machine) {
      machine.sessions.delete(session);
      machine.lastActive = t;
      if (machine.sessions.size === 0) allocation.machines.delete(run.machine);
    }
    allocation.lastUse = t;
  }

  function release(allocation: Allocation, t: number, why: string) {
    if (allocation.released) return;
    allocation.released = true;
    const u = usage(allocation.license);
    if (allocation.pool === 'true-up') u.trueUp--;
    else if (allocation.pool === 'trial') u.trial--;
    else u.prepaid--;
    held.set(allocation.license, (held.get(allocation.license) ?? 0) - 1);
    count(allocation.license, t, -1);
    const mine = byUser.get(allocation.user.name) ?? [];
    byUser.set(
      allocation.user.name,
      mine.filter((a) => a !== allocation),
    );
    note(t, 'release', allocation.user.name, allocation.license, `${allocation.id} released: ${why}`);
  }

  /** After a session ended: release at once (Floating, True-Up) or after the fixed delay. */
  function afterUse(allocation: Allocation, t: number) {
    if (allocation.machines.size > 0 || allocation.released) return;
    if (rules.floating || allocation.pool === 'true-up')
      release(allocation, t, rules.floating ? 'closed in Floating mode' : 'True-Up licenses are floating');
    else if (t + rules.releaseDelayMs < until) {
      queue.push({ t: t + rules.releaseDelayMs, rank: 1, kind: 'hold-expire', allocation, lastUse: t });
    }
  }

  function allocate(user: SimUser, license: string, pool: Pool, t: number, why: string): Allocation {
    const allocation: Allocation = {
      id: `alloc-${String(++serial).padStart(6, '0')}`,
      user,
      license,
      pool,
      machines: new Map(),
      lastUse: t,
      released: false,
    };
    const u = usage(license);
    if (pool === 'true-up') u.trueUp++;
    else if (pool === 'trial') u.trial++;
    else u.prepaid++;
    const n = (held.get(license) ?? 0) + 1;
    held.set(license, n);
    maxHeld[license] = Math.max(maxHeld[license] ?? 0, n);
    count(license, t, 1);
    byUser.set(user.name, [...(byUser.get(user.name) ?? []), allocation]);
    note(t, 'allocate', user.name, license, `${allocation.id} (${pool}) allocated: ${why}`);
    return allocation;
  }

  function start(run: ProductRun, t: number): void {
    const user = users.get(run.user);
    if (!user) return;
    const candidates = candidatesFor(catalog, run.product);
    const requested = candidates[0]?.name ?? run.product;
    const authorized = rules.access.authorizedGroup;
    if (authorized !== null && !user.groups.includes(authorized)) {
      return deny(run, user, requested, 'not_in_authorized_group', `not in the group "${authorized}"`);
    }
    const permitted = candidates.filter((c) => allowed(rules, user, c.name, run.product));
    if (candidates.length > 0 && permitted.length === 0) {
      return deny(
        run,
        user,
        requested,
        'access_rule',
        `access rules do not grant ${candidates.map((c) => c.name).join(' or ')}`,
      );
    }
    const names = permitted.map((c) => c.name);
    const mine = (byUser.get(user.name) ?? [])
      .filter((a) => names.includes(a.license))
      .sort((a, b) => names.indexOf(a.license) - names.indexOf(b.license));
    // One license covers a user on up to two machines at once.
    const sameMachine = mine.find((a) => a.machines.has(run.machine));
    // "Prohibited" is about machines at a time, whatever the products they run.
    if (!sameMachine && rules.perUserMode === 'prohibited') {
      const machines = machinesInUse(user.name);
      if (!machines.has(run.machine) && machines.size >= 2)
        return deny(run, user, names[0] ?? requested, 'access_rule', `a third machine is prohibited (per-user mode)`);
    }
    const room = mine.find((a) => a.machines.size < 2);
    const reuse = sameMachine ?? room;
    if (reuse) {
      attach(reuse, run, t);
      note(t, 'reuse', user.name, reuse.license, `${reuse.id} covers ${run.product} on ${run.machine}`);
      return;
    }
    if (mine.length > 0 && rules.perUserMode === 'take-oldest-out') {
      const allocation = mine[0]!;
      const [machine, use] = [...allocation.machines.entries()].sort((a, b) => a[1].lastActive - b[1].lastActive)[0]!;
      for (const session of [...use.sessions]) endSession(session, t);
      note(
        t,
        'transfer',
        user.name,
        allocation.license,
        `${allocation.id} taken from ${machine} (unused longest) for ${run.machine}`,
      );
      attach(allocation, run, t);
      return;
    }
    for (const c of permitted) {
      if (usage(c.name).prepaid < capacity(c.name))
        return attach(allocate(user, c.name, 'prepaid', t, `${run.product} on ${run.machine}`), run, t);
      if (trialFree(c.name, t))
        return attach(
          allocate(user, c.name, 'trial', t, `${run.product} on ${run.machine}, free trial license`),
          run,
          t,
        );
    }
    for (const c of permitted) {
      if (usage(c.name).trueUp < (trueUpLimit(trueUpTerms(rules, capacity(c.name), c.kind)) ?? 0)) {
        return attach(
          allocate(user, c.name, 'true-up', t, `${run.product} on ${run.machine}, prepaid pool empty`),
          run,
          t,
        );
      }
    }
    if (permitted.length > 0 && rules.access.priorityUsers.includes(user.name)) {
      return attach(allocate(user, permitted[0]!.name, 'priority', t, `priority user, over capacity`), run, t);
    }
    deny(run, user, names[0] ?? requested, 'no_available_licenses', 'all licenses are in use');
  }

  /** The machines on which a user's licenses are in use now. */
  function machinesInUse(name: string): Set<string> {
    const machines = new Set<string>();
    for (const a of byUser.get(name) ?? []) for (const m of a.machines.keys()) machines.add(m);
    return machines;
  }

  /** Ends the sessions on an allocation at `t` and frees it. */
  function takeBack(target: Allocation, t: number, why: string): void {
    for (const use of [...target.machines.values()]) for (const session of [...use.sessions]) endSession(session, t);
    target.machines.clear();
    release(target, t, why);
  }

  /** The trial is over: its free licenses go, with the sessions on them. */
  function endTrial(t: number): void {
    for (const mine of [...byUser.values()])
      for (const a of mine) if (a.pool === 'trial') takeBack(a, t, 'the trial ended');
  }

  function revoke(request: RevocationRequest, t: number): void {
    const target = (byUser.get(request.user) ?? []).find(
      (a) => request.item === undefined || a.license === request.item,
    );
    if (!target) return note(t, 'refuse-revocation', request.user, request.item ?? null, 'nothing to revoke');
    const month = monthKey(t);
    const done = revocations.get(month) ?? 0;
    if (rules.revocationsPerMonth !== null && done >= rules.revocationsPerMonth) {
      return note(
        t,
        'refuse-revocation',
        request.user,
        target.license,
        `the plan allows ${rules.revocationsPerMonth} revocations a month; ${month} has had them`,
      );
    }
    revocations.set(month, done + 1);
    note(
      t,
      'revoke',
      request.user,
      target.license,
      `${target.id} revoked by an administrator (${done + 1} this month)`,
    );
    takeBack(target, t, 'revoked');
  }

  const runs = input.runs.length;
  let started = 0;
  for (let e = queue.pop(); e; e = queue.pop()) {
    if (e.t >= until) break;
    if (e.kind === 'start') {
      start(e.run, e.t);
      if (input.onProgress && ++started % 20_000 === 0) input.onProgress(started / runs);
    } else if (e.kind === 'end') {
      const session = open.get(e.run.id);
      if (!session) continue;
      endSession(session, e.t);
      afterUse(session.allocation, e.t);
    } else if (e.kind === 'hold-expire') {
      const a = e.allocation;
      if (!a.released && a.machines.size === 0 && a.lastUse === e.lastUse)
        release(a, e.t, `unused for ${Math.round(rules.releaseDelayMs / 86_400_000)} days`);
    } else if (e.kind === 'trial-end') endTrial(e.t);
    else revoke(e.request, e.t);
  }
  sessions.sort(
    (a, b) => a.from - b.from || a.allocationId.localeCompare(b.allocationId) || a.host.localeCompare(b.host),
  );
  return { sessions, denials, log, maxHeld, timeline, itemTimelines };
}
