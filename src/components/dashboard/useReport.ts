/**
 * The report for the current settings, recomputed when they or the data
 * change; the last report stays on screen while the next one is computed, and
 * the time it took is kept (shown, so that slowness is visible).
 */
import { useEffect, useState } from 'react';
import { presetDates } from '../../lib/dashboard/periods.ts';
import type { Inventory } from '../../lib/inventory/schema.ts';
import { buildReport } from '../../lib/report/build.ts';
import type { Report } from '../../lib/report/schema.ts';
import { localDateOf } from '../../lib/usage/buckets.ts';
import type { Vault } from '../../lib/vault.ts';
import type { DashboardSettings } from './settings.ts';

export interface ReportState {
  report: Report | null;
  error: string | null;
  computing: boolean;
  millis: number | null;
}

export function useReport(vault: () => Promise<Vault>, settings: DashboardSettings, inventory: Inventory, latest: number | null, version: number) {
  const [state, setState] = useState<ReportState>({ report: null, error: null, computing: false, millis: null });
  useEffect(() => {
    if (latest === null) {
      setState({ report: null, error: null, computing: false, millis: null });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, computing: true }));
    const started = performance.now();
    const dates = presetDates(settings.preset, localDateOf(settings.zone, latest), {
      from: settings.customFrom,
      to: settings.customTo,
    });
    vault()
      .then((v) =>
        buildReport(v.db, {
          zone: settings.zone,
          from: dates.from,
          to: dates.to,
          threshold: settings.threshold,
          holdMinutes: settings.holdMinutes,
          inventory,
        }),
      )
      .then(
        (report) => live && setState({ report, error: null, computing: false, millis: performance.now() - started }),
        (e: unknown) => live && setState({ report: null, error: String((e as Error).message ?? e), computing: false, millis: null }),
      );
    return () => {
      live = false;
    };
  }, [vault, settings.preset, settings.customFrom, settings.customTo, settings.zone, settings.threshold, settings.holdMinutes, inventory, latest, version]);
  return state;
}
