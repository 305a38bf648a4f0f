/**
 * The report for the current settings. What needs the database (zone,
 * period, hold delay, the item names) is gathered when those or the data
 * change; the threshold and the inventory's counts are applied without a
 * query, so those edits show at once. The last report stays on screen while
 * the next is gathered, and the time taken is kept (and shown).
 */
import { useEffect, useMemo, useState } from 'react';
import { presetDates } from '../../lib/dashboard/periods.ts';
import type { Inventory } from '../../lib/inventory/schema.ts';
import { deriveReport, gatherReportFacts, type ReportFacts } from '../../lib/report/build.ts';
import type { Report } from '../../lib/report/schema.ts';
import { localDateOf } from '../../lib/usage/buckets.ts';
import type { IngestSummary } from '../../lib/sql/summary.ts';
import type { Vault } from '../../lib/vault.ts';
import type { DashboardSettings } from '../../lib/dashboard/view.ts';

export interface ReportState {
  report: Report | null;
  error: string | null;
  computing: boolean;
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
  const [facts, setFacts] = useState<{
    facts: ReportFacts | null;
    error: string | null;
    computing: boolean;
    millis: number | null;
  }>({
    facts: null,
    error: null,
    computing: false,
    millis: null,
  });
  const itemNames = Object.keys(inventory.items).sort().join('\u0000');
  useEffect(() => {
    if (latest === null) {
      setFacts({ facts: null, error: null, computing: false, millis: null });
      return;
    }
    let live = true;
    setFacts((s) => ({ ...s, computing: true }));
    const started = performance.now();
    const dates = presetDates(settings.preset, localDateOf(settings.zone, latest), {
      from: settings.customFrom,
      to: settings.customTo,
    });
    vault()
      .then((v) =>
        gatherReportFacts(v.db, {
          zone: settings.zone,
          from: dates.from,
          to: dates.to,
          holdMinutes: settings.holdMinutes,
          itemNames: itemNames === '' ? [] : itemNames.split('\u0000'),
          summary,
          cache: v.usage,
        }),
      )
      .then(
        (f) => live && setFacts({ facts: f, error: null, computing: false, millis: performance.now() - started }),
        (e: unknown) =>
          live && setFacts({ facts: null, error: String((e as Error).message ?? e), computing: false, millis: null }),
      );
    return () => {
      live = false;
    };
  }, [
    vault,
    settings.preset,
    settings.customFrom,
    settings.customTo,
    settings.zone,
    settings.holdMinutes,
    itemNames,
    latest,
    version,
    summary,
  ]);

  const report = useMemo(
    () => (facts.facts ? deriveReport(facts.facts, { threshold: settings.threshold, inventory }) : null),
    [facts.facts, settings.threshold, inventory],
  );
  return { report, error: facts.error, computing: facts.computing, millis: facts.millis };
}
