/**
 * Simulated sessions per second for a year of a 1,000-user organisation.
 * Prints figures; it is a benchmark, not a test.
 *
 *   npm run bench:simulator
 */
import { cpus, totalmem } from 'node:os';
import { DEFAULT_CATALOG } from '../src/lib/simulator/catalog.ts';
import { generateDemand } from '../src/lib/simulator/demand.ts';
import { simulate } from '../src/lib/simulator/engine.ts';
import { allocationExport } from '../src/lib/simulator/output.ts';
import { PLAN_PRESETS } from '../src/lib/simulator/rules.ts';

const users = Number(process.argv[2] ?? 1000);
let t = performance.now();
const demand = generateDemand({ seed: 1, start: '2025-11-01', days: 365, users });
const demandS = (performance.now() - t) / 1000;
const capacity = {
  'All Products Pack': 200,
  'IntelliJ IDEA Ultimate': 230,
  'PyCharm Professional': 120,
  GoLand: 60,
  dotUltimate: 90,
  ReSharper: 60,
};
const rules = {
  ...PLAN_PRESETS['enterprise-floating'],
  trueUp: { enabled: true, limitPercent: 30 },
};
t = performance.now();
const result = simulate({
  organisation: { users: demand.users, catalog: DEFAULT_CATALOG, capacity },
  rules,
  runs: demand.runs,
  until: Date.UTC(2026, 9, 31, 15),
});
const simS = (performance.now() - t) / 1000;
t = performance.now();
const csv = allocationExport(result);
const writeS = (performance.now() - t) / 1000;
console.log(
  `simulator benchmark · ${users} users × 365 days · ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`,
);
console.log(`demand:   ${demand.runs.length} product runs in ${demandS.toFixed(2)} s`);
console.log(
  `simulate: ${result.sessions.length} sessions, ${result.denials.length} denials in ${simS.toFixed(2)} s → ${Math.round(result.sessions.length / simS).toLocaleString('en')} sessions/s`,
);
console.log(`export:   ${(csv.length / 1e6).toFixed(0)} MB of CSV in ${writeS.toFixed(2)} s`);
