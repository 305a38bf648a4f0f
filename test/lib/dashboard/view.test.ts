/**
 * The page's view before anyone touches it: the defaults of docs/DOMAIN.md §3
 * (all items, the whole history as the period, threshold 80 %, no hold delay)
 * in the zone given, which give the report's default period.
 */
import { expect, test } from 'vitest';
import { presetDates } from '../../../src/lib/dashboard/periods.ts';
import { DEFAULT_SETTINGS, defaultView } from '../../../src/lib/dashboard/view.ts';
import { resolvePeriod } from '../../../src/lib/report/period.ts';

test('the default view: every item, all license types, threshold 80 %, no hold delay, on the overview, denials over the period', () => {
  expect(defaultView('Asia/Tokyo')).toEqual({
    settings: { preset: 'all', item: '*', licenseType: 'all', threshold: 80, holdMinutes: 0, zone: 'Asia/Tokyo' },
    tab: 'Overview',
    drill: { kind: 'period' },
    portal: { kind: 'list' },
    filters: { users: '', denialWindow: 'period', denials: '' },
  });
});

test('its period is the report’s default: the first session’s local day to as-of’s day', () => {
  const { settings } = defaultView('Asia/Tokyo');
  const extent = { firstUse: Date.parse('2026-03-01T16:00:00Z'), latest: Date.parse('2026-03-10T12:00:00Z') };
  const p = resolvePeriod({ zone: settings.zone, ...presetDates(settings.preset, '2026-03-10') }, extent);
  // 16:00 UTC on 1 March is 01:00 on 2 March in Tokyo (+09:00).
  expect([p.from, p.to]).toEqual(['2026-03-02', '2026-03-10']);
});

test('each view is its own: changing one leaves the next and the defaults as they were', () => {
  const first = defaultView('UTC');
  first.settings.threshold = 50;
  first.settings.item = 'GoLand';
  expect(defaultView('UTC').settings).toMatchObject({ threshold: 80, item: '*' });
  expect(DEFAULT_SETTINGS).toMatchObject({ threshold: 80, item: '*' });
});
