/** The replay of one item's real sessions at another capacity (docs/DOMAIN.md §10), counted by hand. */
import { describe, expect, it } from 'vitest';
import type { InventoryItem } from '../../../src/lib/inventory/schema.ts';
import { replayItem, sessionsOfItem } from '../../../src/lib/renewal/replay.ts';
import type { LoadedSession } from '../../../src/lib/simulator/scenario.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 2, 10);
const SPAN = { startMs: Date.UTC(2026, 2, 1), endMs: Date.UTC(2026, 3, 1) };

/** `n` users, each on their own machine, from T0 for two hours. */
function together(n: number, license = 'Ten'): LoadedSession[] {
  return Array.from({ length: n }, (_, i) => ({
    username: `u${i}`,
    email: null,
    externalId: null,
    license,
    product: 'IntelliJ IDEA Ultimate',
    host: `u${i}-pc`,
    ip: null,
    fromMs: T0,
    toMs: T0 + 2 * HOUR,
  }));
}

const TEN: InventoryItem = { regular: 10, virtual: 0, trueUpLimitPercent: 30, kind: 'ide', annualPrice: 600 };

describe('replayItem', () => {
  it('serves capacity + True-Up limit and denies the rest for their whole run', () => {
    // 10 licenses with floor(10 × 30 %) = 3 True-Up: 13 served, the 14th denied for two hours.
    expect(replayItem('Ten', together(14), TEN, 10, SPAN)).toEqual({
      capacity: 10,
      deniedRequests: 1,
      deniedMinutes: 120,
    });
    // 9 licenses have no True-Up: 5 denied.
    expect(replayItem('Ten', together(14), TEN, 9, SPAN)).toMatchObject({ deniedRequests: 5, deniedMinutes: 600 });
    expect(replayItem('Ten', together(14), TEN, 11, SPAN)).toMatchObject({ deniedRequests: 0 });
  });

  it('counts a user on two machines once', () => {
    const twice = together(2).map((s) => ({ ...s, username: 'same' }));
    expect(replayItem('Ten', twice, undefined, 1, SPAN).deniedRequests).toBe(0);
  });

  it('replays only the sessions of the item that reach into the period', () => {
    const before = { ...together(1)[0]!, fromMs: SPAN.startMs - 3 * HOUR, toMs: SPAN.startMs - HOUR };
    const other = together(1, 'Other');
    const mine = together(2);
    expect(sessionsOfItem([before, ...other, ...mine], 'Ten', SPAN)).toEqual(mine);
  });
});
