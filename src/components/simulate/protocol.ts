/** Messages between the Simulate page and its worker. */
import type { Inventory } from '../../lib/inventory/schema.ts';
import type { CatalogItem } from '../../lib/simulator/catalog.ts';
import type { ProductRun, SimUser } from '../../lib/simulator/engine.ts';
import type { Day, Outcome, Scenario } from '../../lib/simulator/scenario.ts';

export type DemandRequest =
  | { source: 'generated'; users: number; days: number; seed: number; start: string }
  | { source: 'loaded'; users: SimUser[]; runs: ProductRun[]; from: number; until: number };

export type ToWorker =
  | {
      kind: 'run';
      demand: DemandRequest;
      catalog: CatalogItem[];
      scenarios: Scenario[];
      inventory: Inventory;
      /** The days whose peaks the chart shows (the export's, or the generated span's). */
      days: Day[];
    }
  | { kind: 'export'; index: number };

export type FromWorker =
  | { kind: 'progress'; label: string; done: number }
  | { kind: 'outcome'; index: number; outcome: Outcome }
  | { kind: 'done' }
  | { kind: 'export'; index: number; csv: string }
  | { kind: 'error'; message: string };
