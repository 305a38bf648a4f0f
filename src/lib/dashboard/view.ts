/**
 * What the page shows, as one value: which page and tab, the selectors
 * (period, zone, item, license type, threshold, hold delay), the drill-down
 * position, the open project or item, and the tabs' filters. The URL carries it (share/view-link.ts).
 */
import type { LicenseTypeView } from './license-type.ts';
import type { PeriodPreset } from './periods.ts';
import type { DenialWindow } from '../denials/report.ts';
import type { DrillLevel } from './drill.ts';
import { TOTAL } from '../usage/total.ts';

export const DASHBOARD_TABS = [
  'Overview',
  'Allocation',
  'Active users',
  'Denials',
  'Distributions',
  'Projects',
  'Costs',
  'Plan',
  'Inventory',
  'Loaded data',
] as const;
export type DashboardTab = (typeof DASHBOARD_TABS)[number];

/** Which project page is open: the list, a project, or one license item. */
export type PortalPage = { kind: 'list' } | { kind: 'project'; name: string } | { kind: 'item'; license: string };

export interface DashboardSettings {
  preset: PeriodPreset;
  customFrom?: string | undefined;
  customTo?: string | undefined;
  zone: string;
  /** A license item, or TOTAL for all. */
  item: string;
  licenseType: LicenseTypeView;
  threshold: number;
  holdMinutes: number;
}

/** The tabs' own filters: the Active users search, the Denials window and search. */
export interface ViewFilters {
  users: string;
  denialWindow: DenialWindow;
  denials: string;
}

/** The Denials tab opens on the whole period, as the cards above it count (docs/DOMAIN.md §6). */
export const DEFAULT_FILTERS: ViewFilters = { users: '', denialWindow: 'period', denials: '' };

export interface DashboardView {
  settings: DashboardSettings;
  tab: DashboardTab;
  drill: DrillLevel;
  portal: PortalPage;
  filters: ViewFilters;
}

export const DEFAULT_SETTINGS: Omit<DashboardSettings, 'zone'> = {
  preset: 'all',
  item: TOTAL,
  licenseType: 'all',
  threshold: 80,
  holdMinutes: 0,
};

export function defaultView(zone: string): DashboardView {
  return {
    settings: { ...DEFAULT_SETTINGS, zone },
    tab: 'Overview',
    drill: { kind: 'period' },
    portal: { kind: 'list' },
    filters: DEFAULT_FILTERS,
  };
}
