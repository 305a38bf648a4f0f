/**
 * The period's real sessions of one item replayed through the simulator's
 * engine with another capacity (docs/DOMAIN.md §10): how many requests would
 * have been denied, and for how long their users would have gone without.
 *
 * The item is replayed alone (a catalog of just it, covering every product
 * seen with it), under Floating mode, so that a license is held while its
 * sessions run, as the export shows it; True-Up as the inventory sets it, its
 * limit from billing/true-up.ts at the replayed capacity (the engine's own rule).
 * A denied request is denied for its whole run: the user does not retry.
 */
import type { InventoryItem } from '../inventory/schema.ts';
import { simulate } from '../simulator/engine.ts';
import { PLAN_PRESETS, type Rules } from '../simulator/rules.ts';
import { demandFromSessions, type LoadedSession } from '../simulator/scenario.ts';

export interface ReplayOutcome {
  capacity: number;
  /** Requests denied for want of a license, in the period. */
  deniedRequests: number;
  /** Minutes of the denied runs inside the period. */
  deniedMinutes: number;
}

export interface ReplaySpan {
  /** The period, epoch ms [startMs, endMs); the replay runs until endMs. */
  startMs: number;
  endMs: number;
}

/** The rules of the replay: Floating, no access rules, the item's own True-Up. */
function replayRules(item: InventoryItem | undefined): Rules {
  const base = PLAN_PRESETS['enterprise-floating'];
  const percent = item?.trueUpLimitPercent ?? null;
  return { ...base, trueUp: { enabled: percent !== null, limitPercent: percent ?? 0 } };
}

/** The sessions of `license` that can matter to the period: begun before its end, not ended before its start. */
export function sessionsOfItem(sessions: readonly LoadedSession[], license: string, span: ReplaySpan): LoadedSession[] {
  return sessions.filter(
    (s) => s.license === license && s.fromMs < span.endMs && (s.toMs === null || s.toMs > span.startMs),
  );
}

/** `sessions` are one item's (sessionsOfItem), earliest first. */
export function replayItem(
  license: string,
  sessions: readonly LoadedSession[],
  item: InventoryItem | undefined,
  capacity: number,
  span: ReplaySpan,
  /** Told the share of runs handled now and then (the page's progress bar); the outcome does not depend on it. */
  onProgress?: (done: number) => void,
): ReplayOutcome {
  const { users, runs } = demandFromSessions(sessions);
  const covers = [...new Set(runs.map((r) => r.product))].sort();
  const result = simulate({
    organisation: {
      users,
      catalog: [{ name: license, kind: item?.kind ?? 'ide', covers }],
      capacity: { [license]: capacity },
    },
    rules: replayRules(item),
    runs,
    until: span.endMs,
    onProgress,
  });
  // A denial names its run by instant, user and machine (the engine's SimDenial): its run's length, inside the period.
  const minutes = new Map<string, number[]>();
  for (const r of runs) {
    const ms = Math.max(0, Math.min(r.end ?? span.endMs, span.endMs) - Math.max(r.start, span.startMs));
    const key = `${r.start}\u0000${r.user}\u0000${r.machine}`;
    minutes.set(key, [...(minutes.get(key) ?? []), ms]);
  }
  let deniedRequests = 0;
  let deniedMs = 0;
  for (const d of result.denials) {
    if (d.reason !== 'no_available_licenses' || d.at < span.startMs || d.at >= span.endMs) continue;
    deniedRequests++;
    deniedMs += minutes.get(`${d.at}\u0000${d.user.name}\u0000${d.host}`)?.shift() ?? 0;
  }
  return { capacity, deniedRequests, deniedMinutes: deniedMs / 60_000 };
}
