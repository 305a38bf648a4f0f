/**
 * Writes sample-data/ with the simulator of the vault's rules, from fixed
 * seeds, byte for byte the same on every run:
 *
 *   small/  a small organisation over two months: two overlapping monthly
 *           exports (loading both shows duplicates removed), its denials, the
 *           explanation log, and its inventory. The "Try the sample data" button.
 *   large/  a few hundred users over a year, for demos, with denials and inventory.
 *
 *   npm run sample-data
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { DEFAULT_CATALOG, SMALL_ORGANISATION_CAPACITY } from '../src/lib/simulator/catalog.ts';
import { generateDemand } from '../src/lib/simulator/demand.ts';
import { simulate, type Organisation } from '../src/lib/simulator/engine.ts';
import { allocationExport, denialsFile, explanationLog, inventoryOf } from '../src/lib/simulator/output.ts';
import { PLAN_PRESETS, type Rules } from '../src/lib/simulator/rules.ts';
import { serializeInventory, type Inventory } from '../src/lib/inventory/schema.ts';

/** Illustrative annual prices in USD, labelled as such in the inventory (not a price list). */
const PRICES: Record<string, number> = {
  'All Products Pack': 779,
  'IntelliJ IDEA Ultimate': 599,
  'PyCharm Professional': 249,
  GoLand: 249,
  dotUltimate: 469,
  ReSharper: 149,
};

/**
 * What the inventory says beyond counts and prices, for the Projects tab: the projects
 * each item is configured to (an item may be in several) and its tags, as a license
 * portal shows them. Validity comes per sample (its year of licenses).
 */
const PORTAL: Record<string, { projects: string[]; tags: Record<string, string> }> = {
  'All Products Pack': {
    projects: ['Platform', 'Data'],
    tags: { deployment: 'computer', refresh: 'refresh/1d', version: '2026.2' },
  },
  'IntelliJ IDEA Ultimate': {
    projects: ['Platform'],
    tags: { deployment: 'computer', refresh: 'refresh/1d', version: '2026.2' },
  },
  GoLand: { projects: ['Platform'], tags: { deployment: 'computer', refresh: 'refresh/1d', version: '2026.2' } },
  'PyCharm Professional': {
    projects: ['Data'],
    tags: { deployment: 'computer', refresh: 'refresh/1d', version: '2026.2' },
  },
  dotUltimate: { projects: ['Desktop'], tags: { deployment: 'computer', refresh: 'refresh/1d', version: '2026.2' } },
  ReSharper: { projects: ['Desktop'], tags: { deployment: 'computer', refresh: 'refresh/1d', version: '2026.2' } },
};

function withPortal(inventory: Inventory, validity: { validFrom: string; validTo: string }): Inventory {
  const items: Inventory['items'] = {};
  for (const [name, item] of Object.entries(inventory.items)) items[name] = { ...item, ...validity, ...PORTAL[name] };
  return { ...inventory, items };
}

const RULES: Rules = {
  ...PLAN_PRESETS['enterprise-floating'],
  trueUp: { enabled: true, limitPercent: 30 },
};

interface Sample {
  dir: string;
  seed: number;
  users: number;
  start: string;
  days: number;
  capacity: Record<string, number>;
  /** Export files: [name, first day, day after the last] of session starts. */
  exports: [string, string, string][];
  log: boolean;
  /** The licenses' validity period in the inventory. */
  validity: { validFrom: string; validTo: string };
}

const SAMPLES: Sample[] = [
  {
    dir: 'small',
    seed: 20261001,
    users: 40,
    start: '2026-09-01',
    days: 60,
    capacity: { ...SMALL_ORGANISATION_CAPACITY },
    // September's export runs a few days into October, as exports picked by hand do: the overlap is the duplicates.
    exports: [
      ['allocations-2026-09.csv', '2026-09-01', '2026-10-04'],
      ['allocations-2026-10.csv', '2026-09-28', '2026-11-01'],
    ],
    log: true,
    validity: { validFrom: '2026-01-01', validTo: '2026-12-31' },
  },
  {
    dir: 'large',
    seed: 20251101,
    users: 240,
    start: '2025-11-01',
    days: 365,
    capacity: {
      'All Products Pack': 40,
      'IntelliJ IDEA Ultimate': 55,
      'PyCharm Professional': 30,
      GoLand: 15,
      dotUltimate: 22,
      ReSharper: 14,
    },
    exports: [['allocations-2025-11-to-2026-10.csv', '2025-11-01', '2026-11-01']],
    log: false,
    validity: { validFrom: '2025-11-01', validTo: '2026-10-31' },
  },
];

const day = (date: string) => Date.parse(`${date}T00:00:00Z`);

for (const s of SAMPLES) {
  const demand = generateDemand({ seed: s.seed, start: s.start, days: s.days, users: s.users });
  const organisation: Organisation = { users: demand.users, catalog: DEFAULT_CATALOG, capacity: s.capacity };
  // As of the last day at 15:00 UTC: mid-afternoon in Europe, so some sessions are still open.
  const until = day(s.start) + (s.days - 1) * 86_400_000 + 15 * 3_600_000;
  const result = simulate({ organisation, rules: RULES, runs: demand.runs, until });
  const out = new URL(`../sample-data/${s.dir}/`, import.meta.url);
  mkdirSync(out, { recursive: true });
  for (const [name, from, to] of s.exports)
    writeFileSync(new URL(name, out), allocationExport(result, day(from), day(to)));
  writeFileSync(new URL('denials.csv', out), denialsFile(result));
  if (s.log) writeFileSync(new URL('explanations.csv', out), explanationLog(result));
  writeFileSync(
    new URL('inventory.json', out),
    serializeInventory(withPortal(inventoryOf(organisation, RULES, PRICES), s.validity)),
  );
  console.log(
    `sample-data/${s.dir}: ${demand.users.length} users, ${demand.runs.length} product runs → ${result.sessions.length} sessions, ${result.denials.length} denials, as of ${new Date(until).toISOString()}`,
  );
}
