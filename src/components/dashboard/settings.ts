/** What the dashboard's views follow: period, zone, item, license type, threshold, hold delay. */
import type { PeriodPreset } from '../../lib/dashboard/periods.ts';
import type { LicenseTypeView } from '../../lib/dashboard/license-type.ts';

export interface DashboardSettings {
  preset: PeriodPreset;
  customFrom?: string | undefined;
  customTo?: string | undefined;
  zone: string;
  /** A license item, or '*' for all. */
  item: string;
  licenseType: LicenseTypeView;
  threshold: number;
  holdMinutes: number;
}

export const DEFAULT_SETTINGS: Omit<DashboardSettings, 'zone'> = {
  preset: 'all',
  item: '*',
  licenseType: 'all',
  threshold: 80,
  holdMinutes: 0,
};
