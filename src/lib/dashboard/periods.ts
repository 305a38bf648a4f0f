/**
 * The period presets of the dashboard (today, 7 … 365 days, all, custom), as
 * whole local days ending on as-of's day, like the vault's own selector.
 */
export const PERIOD_PRESETS = ['today', '7', '30', '60', '90', '365', 'all', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export const PERIOD_LABELS: Record<PeriodPreset, string> = {
  today: 'Today',
  '7': 'Last 7 days',
  '30': 'Last 30 days',
  '60': 'Last 60 days',
  '90': 'Last 90 days',
  '365': 'Last 365 days',
  all: 'All time',
  custom: 'Custom…',
};

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The dates of a preset, given as-of's local date. `all` and `custom` give
 * `from`/`to` as chosen (undefined = the report's defaults).
 */
export function presetDates(
  preset: PeriodPreset,
  asOfDate: string,
  custom: { from?: string | undefined; to?: string | undefined } = {},
): { from?: string | undefined; to?: string | undefined } {
  switch (preset) {
    case 'all':
      return {};
    case 'custom':
      return { from: custom.from, to: custom.to };
    case 'today':
      return { from: asOfDate, to: asOfDate };
    default:
      return { from: addDays(asOfDate, -(Number(preset) - 1)), to: asOfDate };
  }
}
