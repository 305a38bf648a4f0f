/**
 * The dashboard over the loaded data: selectors, statistics cards, and the
 * views (overview, allocation with drill-down, active users, distributions,
 * inventory). Every view follows the selectors.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
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
import { Tabs, tabId } from '../Tabs.tsx';
import { BillingTable } from './BillingTable.tsx';
import { Controls } from './Controls.tsx';
import { DenialsView } from './DenialsView.tsx';
import { Distributions } from './Distributions.tsx';
import { InventoryEditor } from './InventoryEditor.tsx';
import { ItemMultiples } from './ItemMultiples.tsx';
import { OverviewTable } from './OverviewTable.tsx';
import { PlanView } from './PlanView.tsx';
import { StatCards } from './StatCards.tsx';
import { PeriodChart } from './PeriodChart.tsx';
import { UsageView } from './UsageView.tsx';
import { UsersTable } from './UsersTable.tsx';
import { ProjectsView } from '../projects/ProjectsView.tsx';
import { SharePanel, type ViewLinkParts } from '../share/SharePanel.tsx';
import type { DrillLevel } from '../../lib/dashboard/drill.ts';
import type { DaySpan } from '../../lib/dashboard/zoom.ts';
import {
  DASHBOARD_TABS as TABS,
  type DashboardSettings,
  type DashboardTab as Tab,
  type DashboardView,
  type PortalPage,
  type ViewFilters,
} from '../../lib/dashboard/view.ts';
import { useReport } from './useReport.ts';

/** No report yet: no license items (one array, so that hooks keyed on it keep still). */
const NO_LICENSES: string[] = [];

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
  /** Told when a report (or its failure) of this version of the data is on screen: the page's other questions wait for it. */
  onReportSettled?: (version: number) => void;
  /** The address of the view as it is now, with or without the inventory and the searches. */
  viewUrl: (parts: ViewLinkParts) => string;
  /** Where the figures come from (the loaded files, their accounting, rejects): the Loaded data tab. */
  provenance: ReactNode;
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
  onReportSettled,
  viewUrl,
  provenance,
}: Props) {
  const [settings, setSettings] = useState<DashboardSettings>(initial.settings);
  const [tab, setTab] = useState<Tab>(initial.tab);
  const [portal, setPortal] = useState<PortalPage>(initial.portal);
  const [drill, setDrill] = useState<DrillLevel>(initial.drill);
  const [filters, setFilters] = useState<ViewFilters>(initial.filters);
  const filter = useCallback((next: Partial<ViewFilters>) => setFilters((f) => ({ ...f, ...next })), []);
  const [sharing, setSharing] = useState(false);
  const { report, error, peopleError, computing, peoplePending, millis } = useReport(
    vault,
    settings,
    inventory,
    latest,
    version,
    summary,
  );
  const settled = !computing && (report !== null || error !== null);
  useEffect(() => {
    if (settled) onReportSettled?.(version);
  }, [settled, version, onReportSettled]);
  const change = useCallback((next: Partial<DashboardSettings>) => {
    setSettings((s) => ({ ...s, ...next }));
    if (RESETS_DRILL.some((k) => k in next)) setDrill({ kind: 'period' });
  }, []);
  // The period before a zoom, for "Reset zoom"; a period chosen in the selectors forgets it.
  const [unzoomed, setUnzoomed] = useState<Pick<DashboardSettings, 'preset' | 'customFrom' | 'customTo'> | null>(null);
  const zoom = useCallback(
    (span: DaySpan) => {
      setUnzoomed(
        (before) => before ?? { preset: settings.preset, customFrom: settings.customFrom, customTo: settings.customTo },
      );
      change({ preset: 'custom', customFrom: span.from, customTo: span.to });
    },
    [change, settings.preset, settings.customFrom, settings.customTo],
  );
  const resetZoom = useCallback(() => {
    if (unzoomed) change(unzoomed);
    setUnzoomed(null);
  }, [change, unzoomed]);
  const choose = useCallback(
    (next: Partial<DashboardSettings>) => {
      if ('preset' in next || 'customFrom' in next || 'customTo' in next) setUnzoomed(null);
      change(next);
    },
    [change],
  );
  useEffect(
    () => onViewChange({ settings, tab, drill, portal, filters }),
    [onViewChange, settings, tab, drill, portal, filters],
  );
  const licenses = report?.licenses ?? NO_LICENSES;

  // The item on screen is the one item whose whole report (its distributions too) is derived.
  const item = report ? (report.has(settings.item) ? report.item(settings.item) : report.total) : null;
  const header = report?.header ?? null;
  const asOf = header ? Date.parse(header.asOf) : latest;
  const bounds = useMemo(
    () => (header ? periodBounds(settings.zone, header.period.from, header.period.to, asOf) : null),
    [header, settings.zone, asOf],
  );
  const inv = item && item.license !== TOTAL ? inventoryItem(inventory, item.license) : undefined;
  const trueUpLimit = useMemo(
    () => (item ? totalTrueUpLimit(inventory, item.license === TOTAL ? licenses : [item.license]) : null),
    [item, licenses, inventory],
  );

  const [exportError, setExportError] = useState<Error | null>(null);
  const exportPeriod = async () => {
    if (!header || !bounds) return;
    setExportError(null);
    try {
      const v = await vault();
      const license = settings.item === TOTAL ? null : settings.item;
      const rows = await periodSessions(v.db, {
        startMs: bounds.startMs,
        endMs: bounds.endMs,
        license,
        throughEnd: bounds.endMs >= asOf,
      });
      downloadText(
        `vaultlens-export-${header.period.from}-to-${header.period.to}.csv`,
        toCsv(rows, EXPORT_COLUMNS),
        'text/csv;charset=utf-8',
      );
    } catch (e) {
      setExportError(e instanceof Error ? e : new Error(String(e)));
    }
  };

  return (
    // data-people: whether the days' sessions and users are counted yet (the benchmark waits for them apart).
    <section
      className="dashboard"
      aria-label="Dashboard"
      data-people={peopleError ? 'failed' : peoplePending ? 'pending' : 'counted'}
    >
      <Controls
        settings={settings}
        licenses={licenses}
        onChange={choose}
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
          computing={computing || (peoplePending && !peopleError)}
          inventoryItems={Object.keys(inventory.items).length}
        />
      )}
      <QueryError error={error} lead="The report could not be computed" />
      <QueryError error={peopleError} lead="The days’ sessions and distinct users could not be counted" />
      <QueryError error={exportError} lead="The period could not be exported" />
      {header && item && bounds && (
        <>
          <p className="period-line" aria-live="polite">
            {item.license === TOTAL ? 'All license items' : item.license} · {header.period.from} to {header.period.to} ·{' '}
            {header.timeZone} · as of {header.asOf.replace('T', ' ')}
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
            denials={header.denials}
            selectedItem={item.license === TOTAL ? undefined : item.license}
            onInventory={() => setTab('Inventory')}
          />
        </>
      )}
      {/* The tabs stand before the report is computed: Loaded data needs none (and says why there is none). */}
      <Tabs label="Views" tabs={TABS} selected={tab} onSelect={setTab} panelId={() => 'view-panel'} />
      <div role="tabpanel" id="view-panel" aria-labelledby={tabId('Views', tab)}>
        {tab === 'Loaded data' && provenance}
        {report && header && item && bounds && (
          <>
            {tab === 'Overview' && (
              <section className="panel" aria-labelledby="overview-chart-title">
                <h2 id="overview-chart-title" className="visually-hidden">
                  Allocation by day
                </h2>
                <PeriodChart
                  days={item.daily}
                  capacity={item.capacity}
                  trueUpLimit={trueUpLimit}
                  licenseType={settings.licenseType}
                  title={`Allocation, ${item.license === TOTAL ? 'all license items' : item.license}`}
                  onDay={(date) => {
                    setDrill({ kind: 'day', date });
                    setTab('Allocation');
                  }}
                  onZoom={zoom}
                  onResetZoom={unzoomed ? resetZoom : undefined}
                  usersPending={peoplePending}
                />
              </section>
            )}
            {tab === 'Overview' && (
              <ItemMultiples
                report={report}
                threshold={settings.threshold}
                selected={settings.item}
                onSelect={(license) => change({ item: license })}
              />
            )}
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
                onMonth={(month) => {
                  const [y, m] = month.split('-').map(Number) as [number, number];
                  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
                  change({ preset: 'custom', customFrom: `${month}-01`, customTo: last });
                }}
                onZoom={zoom}
                onResetZoom={unzoomed ? resetZoom : undefined}
                usersPending={peoplePending}
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
              (header?.denials ? (
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
                    No denials file is loaded. With one, this tab shows who could not get a license and why: the
                    period’s denials by reason, by license item, by day and by hour, the users denied most, and every
                    denial, searchable; two more cards (Denied users, Days with denials) join the ones above.
                  </p>
                  <p>
                    How to get one: the vault shows its Denials report on screen and through its API, not as a file to
                    download, so the file is this project’s own format: a CSV with the columns{' '}
                    {DENIAL_COLUMNS.join(', ')}, one row per denial, <code>denied_at</code> with its UTC offset and{' '}
                    <code>reason</code> one of <code>no_available_licenses</code>, <code>access_rule</code> or{' '}
                    <code>not_in_authorized_group</code>. Write what the vault lists into it (or let the Simulate page
                    write one) and choose it with the exports.
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
                onInventory={() => setTab('Inventory')}
              />
            )}
            {tab === 'Costs' && (
              <BillingTable billing={report.billing} timeZone={header.timeZone} inventory={inventory} />
            )}
            {tab === 'Plan' && (
              <PlanView
                vault={vault}
                inventory={inventory}
                zone={settings.zone}
                from={header.period.from}
                to={header.period.to}
                asOf={latest}
                holdMinutes={settings.holdMinutes}
                version={version}
              />
            )}
            {tab === 'Inventory' && (
              <InventoryEditor inventory={inventory} licenses={licenses} onSave={saveInventory} />
            )}
          </>
        )}
      </div>
    </section>
  );
}
