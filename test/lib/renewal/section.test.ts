/**
 * The renewal section (docs/DOMAIN.md §10) from a hand-made month in the real
 * DuckDB-WASM: costs counted by hand, today's capacity never bettered by a
 * dearer one, missing prices and items, two currencies, the replay's denials.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import type { Inventory } from '../../../src/lib/inventory/schema.ts';
import { gatherReportFacts } from '../../../src/lib/report/build.ts';
import {
  draftRenewal,
  gatherRenewalFacts,
  renewalFactsFrom,
  renewalSection,
  replaySpan,
} from '../../../src/lib/renewal/section.ts';
import { replayItem } from '../../../src/lib/renewal/replay.ts';
import { freshDatabase } from '../../helpers/db.ts';
import { loadOnly, sessionOf, type Session } from '../queries/fixture.ts';

const t = (day: number, hour: number) => Date.UTC(2026, 9, day, hour);
const s = sessionOf;

const SESSIONS: Session[] = [
  // GoLand: three at once for two hours on the 5th, one on the 31st (as-of, 12:00).
  s('g1', 'ann', 'GoLand', t(5, 10), t(5, 12)),
  s('g2', 'ben', 'GoLand', t(5, 10), t(5, 12)),
  s('g3', 'cat', 'GoLand', t(5, 10), t(5, 12)),
  s('g4', 'dan', 'GoLand', t(31, 10), t(31, 12)),
  s('r1', 'ann', 'Rider', t(5, 9), t(5, 11)),
  s('c1', 'ann', 'CLion', t(6, 9), t(6, 11)),
  s('c2', 'ben', 'CLion', t(6, 9), t(6, 11)),
  s('d1', 'eve', 'DataGrip', t(7, 9), t(7, 11)),
];

const INVENTORY: Inventory = {
  version: 1,
  items: {
    GoLand: { regular: 2, virtual: 0, trueUpLimitPercent: null, kind: 'ide', annualPrice: 100 },
    Rider: { regular: 5, virtual: 0, trueUpLimitPercent: null, kind: 'ide', annualPrice: 200, currency: 'EUR' },
    CLion: { regular: 4, virtual: 0, trueUpLimitPercent: null, kind: 'ide' },
    dotMemory: { regular: 3, virtual: 0, trueUpLimitPercent: null, kind: 'dotnet-tool', annualPrice: 50 },
  },
};

const OPTIONS = { zone: 'UTC', from: '2026-10-01', to: '2026-10-31', inventory: INVENTORY };

let db: Database;
beforeAll(async () => {
  db = await freshDatabase();
  await loadOnly(db, SESSIONS);
});
afterAll(async () => db?.close());

describe('renewal section', () => {
  it('scales October to a year and keeps today’s capacity when covering the peak would cost more', async () => {
    const r = await renewalSection(db, OPTIONS);
    expect(r.period).toEqual({ from: '2026-10-01', to: '2026-10-31', months: 1 });
    const goland = r.items.find((i) => i.license === 'GoLand')!;
    // Surcharge a license-month: 100.00 / 60 = 1.67. Two licenses: 200.00 + 12 × 3.34; three: 300.00 + 12 × 5.01.
    expect(goland.curve[2]!.annualCost).toBe(240.08);
    expect(goland.curve[3]!.annualCost).toBe(360.12);
    // Two licenses leave one user without for two hours: 120 license-minutes, 1,440 a year.
    expect(goland.curve[2]!.deniedMinutes).toBe(1440);
    expect(goland).toMatchObject({
      currentCapacity: 2,
      recommendedCapacity: 2,
      annualCostNow: 240.08,
      annualCostRecommended: 240.08,
      currency: 'USD',
      withinTolerance: false,
      peak: 3,
      deniedMinutesRecommended: 1440,
    });
    // The replay denies the third request of the 5th, for its two hours.
    expect(goland.replay.now).toEqual({ deniedRequests: 1, deniedMinutes: 1440 });
  });

  it('takes the tolerance in denied license-minutes a year', async () => {
    const r = await renewalSection(db, { ...OPTIONS, tolerance: 1440 });
    expect(r.items.find((i) => i.license === 'GoLand')).toMatchObject({
      recommendedCapacity: 2,
      withinTolerance: true,
    });
  });

  it('recommends the peak where it is cheaper, and nothing for an unused item', async () => {
    const r = await renewalSection(db, OPTIONS);
    const rider = r.items.find((i) => i.license === 'Rider')!;
    // 200.00 / 60 = 3.33 a license-month: one license 200.00 + 12 × 3.33; five 1,000.00 + 12 × 3.33 (N = 1).
    expect(rider).toMatchObject({ recommendedCapacity: 1, annualCostRecommended: 239.96, annualCostNow: 1039.96 });
    expect(rider.currency).toBe('EUR');
    expect(r.items.find((i) => i.license === 'dotMemory')).toMatchObject({
      recommendedCapacity: 0,
      annualCostNow: 150,
      annualCostRecommended: 0,
    });
  });

  it('says what a missing price or inventory entry leaves out', async () => {
    const r = await renewalSection(db, OPTIONS);
    const clion = r.items.find((i) => i.license === 'CLion')!;
    expect(clion).toMatchObject({ currentCapacity: 4, recommendedCapacity: 2, annualCostNow: null, currency: null });
    expect(clion.notes.join(' ')).toMatch(/no annual price/);
    const datagrip = r.items.find((i) => i.license === 'DataGrip')!;
    expect(datagrip).toMatchObject({ currentCapacity: null, recommendedCapacity: 1, annualCostNow: null });
    expect(datagrip.replay.now).toBeNull();
    expect(datagrip.notes.join(' ')).toMatch(/not in the inventory/);
  });

  it('totals each currency apart', async () => {
    const r = await renewalSection(db, OPTIONS);
    expect(r.totals).toEqual([
      { currency: 'EUR', annualCostNow: 1039.96, annualCostRecommended: 239.96 },
      { currency: 'USD', annualCostNow: 390.08, annualCostRecommended: 240.08 },
    ]);
  });

  it('draws everything but the replays from the facts, and names the replays it still needs', async () => {
    const facts = await gatherRenewalFacts(db, OPTIONS);
    const settings = { inventory: INVENTORY, tolerance: 0 };
    const { draft, pending } = draftRenewal(facts, settings, () => undefined);
    expect(draft.items.every((i) => i.replay === null)).toBe(true);
    // One replay at the recommendation, one more where today's capacity differs (GoLand keeps its 2).
    const wanted = draft.items.flatMap((i) => [
      `${i.license}:${i.recommendedCapacity}`,
      ...(i.currentCapacity === null || i.currentCapacity === i.recommendedCapacity
        ? []
        : [`${i.license}:${i.currentCapacity}`]),
    ]);
    expect(pending.map((j) => `${j.license}:${j.capacity}`).sort()).toEqual(wanted.sort());
    // The page's worker runs replayItem on the job as given: its outcomes make the CLI's section.
    const sessions = new Map(facts.items.map((i) => [i.license, i.sessions]));
    const outcomes = new Map(
      pending.map((j) => [
        j.key,
        replayItem(j.license, sessions.get(j.license)!, j.item, j.capacity, replaySpan(facts)),
      ]),
    );
    const full = draftRenewal(facts, settings, (j) => outcomes.get(j.key));
    expect(full.pending).toEqual([]);
    expect(full.draft).toEqual(await renewalSection(db, OPTIONS));
    const { items: _, ...rest } = draft;
    expect(full.draft).toMatchObject(rest);
    expect(full.draft.items.map(({ replay: _r, ...i }) => i)).toEqual(draft.items.map(({ replay: _r, ...i }) => i));
  });

  it('takes the report’s gathered facts instead of sweeping the usage again', async () => {
    const names = Object.keys(INVENTORY.items);
    const reportFacts = await gatherReportFacts(db, { ...OPTIONS, itemNames: names });
    const shared = await renewalFactsFrom(db, reportFacts);
    expect(shared.period).toEqual(reportFacts.period);
    expect(shared).toEqual(await gatherRenewalFacts(db, OPTIONS));
  });
});
