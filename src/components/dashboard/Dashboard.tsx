/**
 * The dashboard over the loaded data: selectors, statistics cards, and the
 * views (overview, allocation with drill-down, active users, distributions,
 * inventory). Every view follows the selectors.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { toCsv } from '../../lib/export/csv.ts';
import { DENIAL_COLUMNS, EXPORT_COLUMNS } from '../../lib/columns.ts';
import { formatCount } from '../../lib/format.ts';
import { periodBounds } from '../../lib/report/period.ts';
import { periodSessions } from '../../lib/queries/export.ts';
import { inventoryItem, type Inventory } from '../../lib/inventory/schema.ts';
import { totalTrueUpLimit } from '../../lib/billing/true-up.ts';
import { TOTAL } from '../../lib/usage/total.ts';
import type { IngestSummary } from '../../lib/sql/summary.ts';
import type { Vault } from '../../lib/vault.ts';
import { downloadText } from '../download.ts';
import { QueryError } from '../QueryError.tsx';
import { BillingTable } from './BillingTable.tsx';
import { Controls } from './Controls.tsx';
import { DenialsView } from './DenialsView.tsx';
import { Distributions } from './Distributions.tsx';
import { InventoryEditor } from './InventoryEditor.tsx';
import { OverviewTable } from './OverviewTable.tsx';
import { StatCards } from './StatCards.tsx';
import { UsageView } from './UsageView.tsx';
import { UsersTable } from './UsersTable.tsx';
import { ProjectsView } from '../projects/ProjectsView.tsx';
import { SharePanel, type ViewLinkParts } from '../share/SharePanel.tsx';
import type { DrillLevel } from '../../lib/dashboard/drill.ts';
import {
  DASHBOARD_TABS as TABS,
  type DashboardSettings,
  type DashboardTab as Tab,
  type DashboardView,
  type PortalPage,
  type ViewFilters,
} from '../../lib/dashboard/view.ts';
import { useReport } from './useReport.ts';

/** Changing any of these redraws the chart from the period's days: a drilled-down day may not exist any more. */
const RESETS_DRILL: (keyof DashboardSettings)[] = ['preset', 'customFrom', 'customTo', 'zone', 'item', 'holdMinutes'];

interface Props {
  vault: () => Promise<Vault>;
  inventory: Inventory;
  saveInventory: (next: Inventory) => void;
  /** Latest timestamp of the data (the default as-of), epoch ms. */
  latest: number;
  /** Earliest session start of the data, epoch ms. */
  earliest: number;
  /** The ingest summary of the data as loaded (the report needs not ask again). */
  summary: IngestSummary;
  version: number;
  /** Where to start: the defaults, or the view a link carried. */
  initial: DashboardView;
  /** Told every change of the view, so the address always links to it. */
  onViewChange: (view: DashboardView) => void;
  /** formatFingerprint() of the loaded data, for links. */
  fingerprint: string | null;
  /** The address of the view as it is now, with or without the inventory and the searches. */
  viewUrl: (parts: ViewLinkParts) => string;
}

export function Dashboard({
  vault,
  inventory,
  saveInventory,
  latest,
  earliest,
  summary,
  version,
  initial,
  onViewChange,
  fingerprint,
  viewUrl,
}: Props) {
  const [settings, setSettings] = useState<DashboardSettings>(initial.settings);
  const [tab, setTab] = useState<Tab>(initial.tab);
  const [portal, setPortal] = useState<PortalPage>(initial.portal);
  const [drill, setDrill] = useState<DrillLevel>(initial.drill);
  const [filters, setFilters] = useState<ViewFilters>(initial.filters);
  const filter = useCallback((next: Partial<ViewFilters>) => setFilters((f) => ({ ...f, ...next })), []);
  const [sharing, setSharing] = useState(false);
  const { report, error, computing, millis } = useReport(vault, settings, inventory, latest, version, summary);
  const change = useCallback((next: Partial<DashboardSettings>) => {
    setSettings((s) => ({ ...s, ...next }));
    if (RESETS_DRILL.some((k) => k in next)) setDrill({ kind: 'period' });
  }, []);
  useEffect(
    () => onViewChange({ settings, tab, drill, portal, filters }),
    [onViewChange, settings, tab, drill, portal, filters],
  );
  const licenses = useMemo(() => report?.items.map((i) => i.license) ?? [], [report]);

  const item = report
    ? settings.item === TOTAL
      ? report.total
      : (report.items.find((i) => i.license === settings.item) ?? report.total)
    : null;
  const asOf = report ? Date.parse(report.asOf) : latest;
  const bounds = useMemo(
    () => (report ? periodBounds(settings.zone, report.period.from, report.period.to, asOf) : null),
    [report, settings.zone, asOf],
  );
  const inv = item && item.license !== TOTAL ? inventoryItem(inventory, item.license) : undefined;
  const trueUpLimit = useMemo(
    () => (item ? totalTrueUpLimit(inventory, item.license === TOTAL ? licenses : [item.license]) : null),
    [item, licenses, inventory],
  );

  const [exportError, setExportError] = useState<Error | null>(null);
  const exportPeriod = async () => {
    if (!report || !bounds) return;
    setExportError(null);
    try {
      const v = await vault();
      const license = settings.item === TOTAL ? null : settings.item;
      const rows = await periodSessions(v.db, { startMs: bounds.startMs, endMs: bounds.endMs, license });
      downloadText(
        `vaultlens-export-${report.period.from}-to-${report.period.to}.csv`,
        toCsv(rows, EXPORT_COLUMNS),
        'text/csv;charset=utf-8',
      );
    } catch (e) {
      setExportError(e instanceof Error ? e : new Error(String(e)));
    }
  };

  return (
    <section className="dashboard" aria-label="Dashboard">
      <Controls
        settings={settings}
        licenses={licenses}
        onChange={change}
        onExport={() => void exportPeriod()}
        sharing={sharing}
        onShare={() => setSharing(!sharing)}
        busy={computing}
      />
      {sharing && report && (
        <SharePanel
          vault={vault}
          report={report}
          selected={item?.license ?? TOTAL}
          licenseType={settings.licenseType}
          drill={drill}
          fingerprint={fingerprint}
          viewUrl={viewUrl}
          trueUpLimit={trueUpLimit}
          computing={computing}
          inventoryItems={Object.keys(inventory.items).length}
        />
      )}
      <QueryError error={error} lead="The report could not be computed" />
      <QueryError error={exportError} lead="The period could not be exported" />
      {report && item && bounds && (
        <>
          <p className="period-line" aria-live="polite">
            {item.license === TOTAL ? 'All license items' : item.license} · {report.period.from} to {report.period.to} ·{' '}
            {report.timeZone} · as of {report.asOf.replace('T', ' ')}
            {millis !== null && <span className="muted"> · computed in {formatCount(Math.round(millis))} ms</span>}
            {computing && <span className="muted"> · updating…</span>}
          </p>
          {inv && (
            <p className="item-facts">
              Capacity {inv.regular + inv.virtual} ({inv.regular} regular, {inv.virtual} virtual)
              {inv.trueUpLimitPercent !== null && `, True-Up up to ${inv.trueUpLimitPercent} %`}
              {inv.validFrom && `, valid ${inv.validFrom} to ${inv.validTo ?? '…'}`}
              {inv.projects && inv.projects.length > 0 && `, projects: ${inv.projects.join(', ')}`}
              {inv.tags &&
                Object.keys(inv.tags).length > 0 &&
                `, tags: ${Object.entries(inv.tags)
                  .map(([k, v]) => `${k}=${v}`)
                  .join(', ')}`}
            </p>
          )}
          <StatCards
            item={item}
            threshold={settings.threshold}
            licenseType={settings.licenseType}
            denials={report.denials}
          />
          <div className="tabs" role="tablist" aria-label="Views">
            {TABS.map((t) => (
              <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
                {t}
              </button>
            ))}
          </div>
          <div role="tabpanel" aria-label={tab}>
            {tab === 'Overview' && (
              <OverviewTable
                report={report}
                inventory={inventory}
                onOpen={(license) => {
                  change({ item: license });
                  setTab('Allocation');
                }}
              />
            )}
            {tab === 'Allocation' && (
              <UsageView
                vault={vault}
                item={item}
                licenses={licenses}
                zone={settings.zone}
                asOf={asOf}
                holdMinutes={settings.holdMinutes}
                trueUpLimit={trueUpLimit}
                licenseType={settings.licenseType}
                level={drill}
                onLevel={setDrill}
              />
            )}
            {tab === 'Active users' && (
              <UsersTable
                vault={vault}
                license={settings.item === TOTAL ? null : settings.item}
                zone={settings.zone}
                startMs={bounds.startMs}
                endMs={bounds.endMs}
                asOf={asOf}
                search={filters.users}
                onSearch={(users) => filter({ users })}
              />
            )}
            {tab === 'Denials' &&
              (report.denials ? (
                <DenialsView
                  vault={vault}
                  zone={settings.zone}
                  asOf={asOf}
                  period={bounds}
                  version={version}
                  window={filters.denialWindow}
                  onWindow={(denialWindow) => filter({ denialWindow })}
                  search={filters.denials}
                  onSearch={(denials) => filter({ denials })}
                />
              ) : (
                <section className="panel">
                  <h2>Denials</h2>
                  <p>
                    Load a denials file (columns {DENIAL_COLUMNS.join(', ')}) next to the exports to see who could not
                    get a license, and why.
                  </p>
                </section>
              ))}
            {tab === 'Distributions' && <Distributions item={item} />}
            {tab === 'Projects' && (
              <ProjectsView
                vault={vault}
                inventory={inventory}
                licenses={licenses}
                zone={settings.zone}
                asOf={asOf}
                holdMinutes={settings.holdMinutes}
                period={bounds}
                earliest={earliest}
                page={portal}
                onPage={setPortal}
              />
            )}
            {tab === 'Costs' && (
              <BillingTable billing={report.billing} timeZone={report.timeZone} inventory={inventory} />
            )}
            {tab === 'Inventory' && (
              <InventoryEditor inventory={inventory} licenses={licenses} onSave={saveInventory} />
            )}
          </div>
        </>
      )}
    </section>
  );
}
