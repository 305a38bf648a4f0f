/**
 * Runs scenarios off the main thread, so the page stays responsive: demand
 * (generated or loaded), then each scenario, with progress messages.
 */
import { InventorySchema } from '../../lib/inventory/schema.ts';
import { generateDemand } from '../../lib/simulator/demand.ts';
import type { SimulationResult } from '../../lib/simulator/engine.ts';
import { allocationExport } from '../../lib/simulator/output.ts';
import { runScenario, ScenarioSchema } from '../../lib/simulator/scenario.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

const post = (m: FromWorker) => (self as unknown as Worker).postMessage(m);
let results: SimulationResult[] = [];

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  try {
    if (message.kind === 'export') {
      const r = results[message.index];
      if (r) post({ kind: 'export', index: message.index, csv: allocationExport(r) });
      return;
    }
    const scenarios = message.scenarios.map((s) => ScenarioSchema.parse(s));
    post({ kind: 'progress', label: 'Preparing the demand', done: 0 });
    const d = message.demand;
    let demand;
    let span;
    if (d.source === 'generated') {
      demand = generateDemand({ seed: d.seed, start: d.start, days: d.days, users: d.users });
      const from = Date.parse(`${d.start}T00:00:00Z`);
      span = { from, until: from + d.days * 86_400_000 };
    } else {
      demand = { users: d.users, runs: d.runs };
      span = { from: d.from, until: d.until };
    }
    results = [];
    scenarios.forEach((scenario, index) => {
      const { outcome, result } = runScenario(
        scenario,
        demand,
        message.catalog,
        span,
        (done) =>
          post({ kind: 'progress', label: `Simulating “${scenario.name}”`, done: (index + done) / scenarios.length }),
        InventorySchema.parse(message.inventory),
        message.days,
      );
      results.push(result);
      post({ kind: 'outcome', index, outcome });
      post({ kind: 'progress', label: `Simulated “${scenario.name}”`, done: (index + 1) / scenarios.length });
    });
    post({ kind: 'done' });
  } catch (e) {
    post({ kind: 'error', message: String((e as Error).message ?? e) });
  }
};
