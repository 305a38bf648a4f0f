/** View links: round trips of every part of the view, hostile links refused, and the data fingerprint. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { parseDrill, formatDrill, type DrillLevel } from '../../../src/lib/dashboard/drill.ts';
import { LICENSE_TYPES } from '../../../src/lib/dashboard/license-type.ts';
import { PERIOD_PRESETS } from '../../../src/lib/dashboard/periods.ts';
import { DASHBOARD_TABS, type PortalPage } from '../../../src/lib/dashboard/view.ts';
import { loadFiles } from '../../../src/lib/ingest/load.ts';
import { memorySource } from '../../../src/lib/ingest/source.ts';
import { clearAllSql } from '../../../src/lib/sql/schema.ts';
import {
  dataFingerprint,
  fingerprintDifference,
  formatFingerprint,
  parseFingerprint,
} from '../../../src/lib/share/fingerprint.ts';
import { decodeViewLink, encodeViewLink, isViewFragment, type ViewLink } from '../../../src/lib/share/view-link.ts';
import { canonicalZone } from '../../../src/lib/time/zone.ts';
import { bucketsOf } from '../../../src/lib/usage/buckets.ts';
import { freshDatabase } from '../../helpers/db.ts';

// Names as exports have them, and some that fight URL syntax.
const name = fc.oneof(
  fc.constantFrom(
    'IntelliJ IDEA Ultimate',
    'All Products Pack',
    'a&b=c#d',
    'proj/x?y',
    'Ünïcødé ✓',
    '  spaced  ',
    '100%',
    'two\nlines\tand tab',
    'x'.repeat(1500),
  ),
  // eslint-disable-next-line no-control-regex -- names with control characters are refused; this draws the others
  fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s)),
);
const date = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const drill: fc.Arbitrary<DrillLevel> = fc.oneof(
  fc.constantFrom<DrillLevel>({ kind: 'period' }, { kind: 'last24' }, { kind: 'months' }),
  date.map((d): DrillLevel => ({ kind: 'day', date: d })),
  fc
    .tuple(
      date,
      fc.integer({ min: 0, max: 23 }),
      fc.constantFrom(':00', ':30', ':45'),
      fc.constantFrom('Z', '+02:00', '-05:00', '+05:30', '+10:30', '+12:45'),
    )
    .map(([d, h, m, off]): DrillLevel => {
      const key = `${d}T${String(h).padStart(2, '0')}${m}${off}`;
      return { kind: 'hour', date: d, start: Date.parse(key), key };
    }),
);
const portal: fc.Arbitrary<PortalPage> = fc.oneof(
  fc.constant<PortalPage>({ kind: 'list' }),
  name.map((n): PortalPage => ({ kind: 'project', name: n })),
  name.map((n): PortalPage => ({ kind: 'item', license: n })),
);

const link: fc.Arbitrary<ViewLink> = fc
  .record({
    page: fc.constantFrom('data' as const, 'simulate' as const),
    preset: fc.constantFrom(...PERIOD_PRESETS),
    from: date,
    to: date,
    zone: fc.option(
      fc.constantFrom(
        'UTC',
        'Europe/Berlin',
        'America/New_York',
        canonicalZone('Asia/Kolkata')!,
        'Australia/Lord_Howe',
      ),
      { nil: undefined },
    ),
    item: fc.oneof(fc.constant('*'), name),
    licenseType: fc.constantFrom(...LICENSE_TYPES),
    threshold: fc.integer({ min: 1, max: 100 }),
    holdMinutes: fc.oneof(fc.integer({ min: 0, max: 600 }), fc.constantFrom(43_200, 525_600)),
    tab: fc.constantFrom(...DASHBOARD_TABS),
    drill,
    portal,
    capacity: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
    users: fc.oneof(fc.constant(''), fc.constantFrom('ann', 'a&b=c', 'Jürgen O’Neil', '#x')),
    denialWindow: fc.constantFrom('last24h' as const, 'last7d' as const, 'period' as const),
    denials: fc.oneof(fc.constant(''), fc.constantFrom('access_rule', 'bob 100%')),
    fp: fc.option(
      fc.tuple(fc.nat(), fc.nat(), fc.stringMatching(/^[0-9a-f]{16}$/)).map(([s, d, h]) => `${s}.${d}.${h}`),
      { nil: undefined },
    ),
  })
  .map((r) => ({
    page: r.page,
    view: {
      settings: {
        preset: r.preset,
        customFrom: r.preset === 'custom' ? r.from : undefined,
        customTo: r.preset === 'custom' ? r.to : undefined,
        zone: r.zone,
        item: r.item,
        licenseType: r.licenseType,
        threshold: r.threshold,
        holdMinutes: r.holdMinutes,
      },
      tab: r.tab,
      drill: r.drill,
      portal: r.portal,
      filters: { users: r.users, denialWindow: r.denialWindow, denials: r.denials },
    },
    inventory:
      r.capacity === undefined
        ? undefined
        : {
            version: 1 as const,
            items: {
              [r.item === '*' || r.item.length > 300 ? 'X' : r.item]: {
                regular: r.capacity,
                virtual: 0,
                trueUpLimitPercent: null,
                kind: 'ide' as const,
                projects: ['a&b'],
              },
            },
          },
    fingerprint: r.fp,
  }));

describe('view links', () => {
  it('round-trip every part of the view', () => {
    fc.assert(
      fc.property(link, (l) => {
        const fragment = encodeViewLink(l);
        expect(isViewFragment(fragment)).toBe(true);
        expect(decodeViewLink(fragment)).toEqual({ ok: true, link: l });
        // As the browser would hand it back: through a real URL.
        const url = new URL(`https://example.com/vaultlens/#${fragment}`);
        expect(decodeViewLink(url.hash.slice(1))).toEqual({ ok: true, link: l });
      }),
      { numRuns: 300 },
    );
  });

  it('leave defaults out, so the plain view is a short link', () => {
    const fragment = encodeViewLink({
      page: 'data',
      view: {
        settings: {
          preset: 'all',
          item: '*',
          licenseType: 'all',
          threshold: 80,
          holdMinutes: 0,
          zone: 'Europe/Berlin',
        },
        tab: 'Overview',
        drill: { kind: 'period' },
        portal: { kind: 'list' },
        filters: { users: '', denialWindow: 'period', denials: '' },
      },
    });
    expect(fragment).toBe('v=1&zone=Europe%2FBerlin');
  });

  it('every hour the page can drill into reads back, DST days of half-hour zones included', () => {
    for (const zone of [
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'Europe/Berlin',
      'America/St_Johns',
      'Asia/Kathmandu',
    ]) {
      for (const day of ['2026-04-05', '2026-10-04', '2026-03-29', '2026-10-25', '2026-09-27', '2026-04-05']) {
        const start = Date.parse(`${day}T00:00:00Z`) - 86_400_000;
        for (const b of bucketsOf(zone, 'hour', start, start + 3 * 86_400_000)) {
          const level: DrillLevel = { kind: 'hour', date: b.key.slice(0, 10), start: b.start, key: b.key };
          expect(parseDrill(formatDrill(level)), `${zone} ${b.key}`).toEqual(level);
        }
      }
    }
  });

  it('drill-down levels read back as they were written', () => {
    fc.assert(
      fc.property(drill, (d) => {
        expect(parseDrill(formatDrill(d))).toEqual(d);
      }),
    );
  });

  it.each([
    ['v=2&tab=costs', /newer version of vaultlens \(view version 2/],
    ['v=x', /version is not one this page knows/],
    ['v=1&tab=<script>', /“tab” is not one of overview/],
    ['v=1&zone=Mars%2FOlympus', /“zone” is not a time zone/],
    ['v=1&threshold=1e9', /“threshold”/],
    ['v=1&threshold=abc', /“threshold”/],
    ['v=1&hold=-5', /“hold”/],
    ['v=1&hold=525601', /“hold”/],

    ['v=1&zone=%2B05%3A30', /“zone” is not a time zone/],
    ['v=1&period=forever', /“period”/],
    ['v=1&period=custom&from=2026-02-31', /“from” is not a calendar date/],
    ['v=1&drill=hour:garbage', /“drill” is not a drill-down level/],
    ['v=1&drill=day:2026-13-45', /“drill”/],
    ['v=1&portal=project:', /“portal”/],
    ['v=1&portal=team:x', /“portal”/],
    ['v=1&item=a%00b', /“item” holds control characters/],
    ['v=1&fp=javascript:alert(1)', /“fp” is not a data fingerprint/],
    ['v=1&dw=last-year', /“dw”/],
    ['v=1&q=a%07b', /“q” holds control characters/],
    ['v=1&inv=%%%', /inventory it carries is damaged/],
    [
      `v=1&inv=${Buffer.from('{"version":1,"items":{"X":{"regular":-3}}}').toString('base64url')}`,
      /inventory it carries is damaged/,
    ],
    [`v=1&item=${'x'.repeat(600_000)}`, /far longer than any view link/],
  ])('refuse %s', (fragment, message) => {
    const result = decodeViewLink(fragment);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(message);
      expect(result.message).toMatch(/^This link cannot be opened: .*The page opens as usual instead\.$/s);
    }
  });

  it('name zones as the picker does', () => {
    const read = (zone: string) => {
      const r = decodeViewLink(`v=1&zone=${encodeURIComponent(zone)}`);
      return r.ok ? r.link.view.settings.zone : r.message;
    };
    expect(read('utc')).toBe('UTC');
    expect(read('Asia/Kolkata')).toBe(canonicalZone('Asia/Calcutta'));
    expect(read('Europe/Berlin')).toBe('Europe/Berlin');
  });

  it('tell a view link from other fragments', () => {
    expect(isViewFragment('snapshot=abc')).toBe(false);
    expect(isViewFragment('')).toBe(false);
    expect(isViewFragment('v=1')).toBe(true);
  });
});

describe('the data fingerprint', () => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(async () => db?.close());

  const HEAD =
    'allocation_id,allocated_license,user_product,username,user_email,user_ip,user_hostname,external_id,used_from,used_to';
  const rows = [
    'a1,IIU,IIU,ann,ann@x.org,10.0.0.1,pc1,,2026-05-04T08:00:00Z,2026-05-04T12:00:00Z',
    'a2,IIU,IIU,bob,,10.0.0.2,pc2,,2026-05-04T09:00:00Z,',
    'a3,PCP,PCP,cy,,,,,2026-05-05T09:00:00Z,2026-05-05T10:00:00Z',
  ];
  const denials =
    'denied_at,username,user_email,user_product,requested_license,reason,user_hostname,user_ip\n2026-05-04T10:00:00Z,dan,,IIU,IIU,no_available_licenses,pc9,';

  async function fingerprintOf(files: [string, string][]): Promise<string> {
    await loadFiles(db, []);
    await db.query(clearAllSql());
    await loadFiles(
      db,
      files.map(([n, t]) => memorySource(n, t)),
    );
    return formatFingerprint(await dataFingerprint(db));
  }

  it('does not depend on file names, file order, row order or overlaps', async () => {
    const one = await fingerprintOf([
      ['a.csv', [HEAD, ...rows].join('\n')],
      ['d.csv', denials],
    ]);
    const two = await fingerprintOf([
      ['d.csv', denials],
      ['x.csv', [HEAD, rows[2], rows[0]].join('\r\n')],
      ['y.csv', [HEAD, rows[0], rows[1]].join('\n')],
    ]);
    expect(two).toBe(one);
    expect(one).toMatch(/^3\.1\.[0-9a-f]{16}$/);
    expect(parseFingerprint(one)).toEqual({ sessions: 3, denials: 1, hash: one.split('.')[2] });
  });

  it('changes with any change of content, and says how', async () => {
    const base = await fingerprintOf([['a.csv', [HEAD, ...rows].join('\n')]]);
    const edited = await fingerprintOf([
      ['a.csv', [HEAD, rows[0], rows[1]!.replace('09:00', '09:01'), rows[2]].join('\n')],
    ]);
    const fewer = await fingerprintOf([['a.csv', [HEAD, rows[0], rows[1]].join('\n')]]);
    expect(edited).not.toBe(base);
    expect(fingerprintDifference(parseFingerprint(base)!, parseFingerprint(base)!)).toBeNull();
    expect(fingerprintDifference(parseFingerprint(base)!, parseFingerprint(edited)!)).toMatch(
      /same number of sessions and denials is loaded, but their content differs/,
    );
    expect(fingerprintDifference(parseFingerprint(base)!, parseFingerprint(fewer)!)).toMatch(
      /made on 3 sessions and 0 denials; 2 sessions and 0 denials are loaded/,
    );
  });

  it('of nothing loaded is still a fingerprint', async () => {
    expect(await fingerprintOf([])).toBe('0.0.0000000000000000');
  });
});
