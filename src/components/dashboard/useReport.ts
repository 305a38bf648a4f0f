/**
 * The report for the current settings. What needs the database (zone,
 * period, hold delay, the item names) is gathered when those or the data
 * change; the threshold and the inventory's counts are applied without a
 * query, so those edits show at once. The last report stays on screen, marked
 * as updating, while the next is gathered; a failure replaces it (never an
 * error beside figures it did not compute). The time taken is kept (and shown).
 * The report comes in parts (lib/report/parts.ts): an edit costs nothing per
 * license item, and each view derives only the items it draws.
 *
 * And in two steps: the figures of the cards and the charts' levels first;
 * then, if they were not kept yet (the first report after a load), the days'
 * sessions and distinct users, which no card shows (docs/DOMAIN.md §3,
 * §8.2). Meanwhile the report says they are pending (usersPending).
 */
import { useMemo } from 'react';
import { presetDates } from '../../lib/dashboard/periods.ts';
import type { Inventory } from '../../lib/inventory/schema.ts';
import { countPeople, gatherReportFacts } from '../../lib/report/build.ts';
import { ReportParts } from '../../lib/report/parts.ts';
import { localDateOf } from '../../lib/usage/buckets.ts';
import type { IngestSummary } from '../../lib/sql/summary.ts';
import type { Vault } from '../../lib/vault.ts';
import type { DashboardSettings } from '../../lib/dashboard/view.ts';
import { useQuery } from '../useQuery.ts';

export interface ReportState {
  report: ReportParts | null;
  /** Why the report could not be gathered; there is no report then. */
  error: Error | null;
  /** Why the second step (the days' sessions and distinct users) failed; the cards stand, those stay pending. */
  peopleError: Error | null;
  computing: boolean;
  /** The report on screen waits for its days' sessions and distinct users (its cards do not). */
  peoplePending: boolean;
  millis: number | null;
}

export function useReport(
  vault: () => Promise<Vault>,
  settings: DashboardSettings,
  inventory: Inventory,
  latest: number | null,
  version: number,
  summary?: IngestSummary,
): ReportState {
  const itemNames = Object.keys(inventory.items).sort().join('\u0000');
  // The last report stays (marked as updating) while the next is gathered: a
  // period change redraws without a blank page. A failure shows no report.
  const gathered = useQuery(
    async () => {
      const started = performance.now();
      const dates = presetDates(settings.preset, localDateOf(settings.zone, latest!), {
        from: settings.customFrom,
        to: settings.customTo,
      });
      const v = await vault();
      performance.measure('report: asked', { start: started, end: performance.now() });
      const facts = await gatherReportFacts(v.db, {
        zone: settings.zone,
        from: dates.from,
        to: dates.to,
        holdMinutes: settings.holdMinutes,
        itemNames: itemNames === '' ? [] : itemNames.split('\u0000'),
        summary,
        cache: v.usage,
        people: 'when-kept',
      });
      return { facts, millis: performance.now() - started };
    },
    [
      vault,
      settings.preset,
      settings.customFrom,
      settings.customTo,
      settings.zone,
      settings.holdMinutes,
      itemNames,
      latest,
      summary,
    ],
    { enabled: latest !== null, keepPrevious: true, dataVersion: version },
  );

  const partial = gathered.data?.facts ?? null;
  // The second step: the people of the facts on screen, when they came without them. Keyed on those
  // facts alone: new data brings new facts (and their own count), never a count of the old ones on it.
  const counted = useQuery(
    async () => {
      const v = await vault();
      return countPeople(v.db, partial!, v.usage);
    },
    [vault, partial],
    { enabled: partial?.usage.usersPending === true },
  );
  const facts = counted.data ?? partial;
  const report = useMemo(
    () => (facts ? new ReportParts(facts, { threshold: settings.threshold, inventory }) : null),
    [facts, settings.threshold, inventory],
  );
  return {
    report,
    error: gathered.error,
    // The people's failure beside the cards it did not touch: their days stay pending, never 0.
    peopleError: gathered.error ? null : counted.error,
    computing: gathered.pending,
    peoplePending: report?.usersPending === true,
    millis: gathered.pending ? null : (gathered.data?.millis ?? null),
  };
}
