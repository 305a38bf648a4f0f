/**
 * Zone offsets from Intl: the 2026 transitions of Berlin and New York, the
 * transition table SQL joins, wall time to instant across DST changes, and
 * offsetAt against an independent Intl reading for random instants.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isValidZone, localToUtc, offsetAt, zoneTransitions } from '../../../src/lib/time/zone.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const utc = (iso: string) => Date.parse(iso);
/** A wall time written as if it were UTC, the form localToUtc takes. */
const wall = (iso: string) => Date.parse(`${iso}Z`);

/**
 * The offset by another road than zone.ts: Intl's `longOffset` time-zone name
 * (`GMT`, `GMT+05:30`, `GMT+00:53:28`), parsed.
 */
function referenceOffset(zone: string, utcMs: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(utcMs)
    .find((p) => p.type === 'timeZoneName')!.value;
  const m = /^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(name);
  if (!m) throw new Error(`unexpected offset name ${name}`);
  if (m[1] === undefined) return 0;
  const ms = (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0)) * 1000;
  return m[1] === '-' ? -ms : ms;
}

describe('offsetAt', () => {
  test('Europe/Berlin 2026: +1h, +2h from 2026-03-29T01:00Z, +1h again from 2026-10-25T01:00Z', () => {
    const z = 'Europe/Berlin';
    expect(offsetAt(z, utc('2026-01-15T12:00:00Z'))).toBe(HOUR);
    expect(offsetAt(z, utc('2026-03-29T00:59:59.999Z'))).toBe(HOUR);
    expect(offsetAt(z, utc('2026-03-29T01:00:00Z'))).toBe(2 * HOUR);
    expect(offsetAt(z, utc('2026-07-01T00:00:00Z'))).toBe(2 * HOUR);
    expect(offsetAt(z, utc('2026-10-25T00:59:59.999Z'))).toBe(2 * HOUR);
    expect(offsetAt(z, utc('2026-10-25T01:00:00Z'))).toBe(HOUR);
    expect(offsetAt(z, utc('2026-12-31T23:59:59.999Z'))).toBe(HOUR);
  });

  test('America/New_York 2026: -5h, -4h from 2026-03-08T07:00Z, -5h again from 2026-11-01T06:00Z', () => {
    const z = 'America/New_York';
    expect(offsetAt(z, utc('2026-03-08T06:59:59.999Z'))).toBe(-5 * HOUR);
    expect(offsetAt(z, utc('2026-03-08T07:00:00Z'))).toBe(-4 * HOUR);
    expect(offsetAt(z, utc('2026-11-01T05:59:59.999Z'))).toBe(-4 * HOUR);
    expect(offsetAt(z, utc('2026-11-01T06:00:00Z'))).toBe(-5 * HOUR);
  });

  test('UTC is always 0', () => {
    expect(offsetAt('UTC', utc('2026-06-01T00:00:00Z'))).toBe(0);
    expect(offsetAt('UTC', 0)).toBe(0);
  });

  test('Asia/Kolkata is +5:30 all year', () => {
    expect(offsetAt('Asia/Kolkata', utc('2026-01-01T00:00:00Z'))).toBe(5.5 * HOUR);
    expect(offsetAt('Asia/Kolkata', utc('2026-07-01T00:00:00Z'))).toBe(5.5 * HOUR);
  });

  test('Australia/Lord_Howe shifts by 30 minutes: +11 in (southern) summer, +10:30 in winter', () => {
    expect(offsetAt('Australia/Lord_Howe', utc('2026-01-15T00:00:00Z'))).toBe(11 * HOUR);
    expect(offsetAt('Australia/Lord_Howe', utc('2026-07-15T00:00:00Z'))).toBe(10.5 * HOUR);
  });

  test('an instant just before and just after New Year UTC, where the spans of two years meet', () => {
    const z = 'Pacific/Auckland'; // +13 in January
    expect(offsetAt(z, utc('2025-12-31T23:59:59.999Z'))).toBe(13 * HOUR);
    expect(offsetAt(z, utc('2026-01-01T00:00:00Z'))).toBe(13 * HOUR);
  });

  const zones = [
    'UTC',
    'Europe/Berlin',
    'America/New_York',
    'Asia/Kolkata',
    'Australia/Lord_Howe',
    'Pacific/Chatham', // +12:45 / +13:45
    'Africa/Casablanca', // four changes a year around Ramadan
    'America/Sao_Paulo', // DST abolished in 2019
  ];

  test('agrees with Intl for random instants 1850–2100 in several zones (local mean time offsets with seconds included)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2100, 0, 1) }),
        (zone, t) => {
          expect(offsetAt(zone, t)).toBe(referenceOffset(zone, t));
        },
      ),
      { seed: 42, numRuns: 2000 },
    );
  });

  test('agrees with Intl within a few hours of each 2020–2030 transition', () => {
    // Random instants rarely land near a change; these all do.
    const near = fc
      .record({
        zone: fc.constantFrom(...zones.filter((z) => z !== 'UTC')),
        year: fc.integer({ min: 2020, max: 2030 }),
        pick: fc.nat(),
        delta: fc.integer({ min: -3 * HOUR, max: 3 * HOUR }),
      })
      .map(({ zone, year, pick, delta }) => {
        const changes = zoneTransitions(zone, Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1)).slice(1);
        return {
          zone,
          t: changes.length === 0 ? Date.UTC(year, 5, 1) + delta : changes[pick % changes.length]!.from + delta,
        };
      });
    fc.assert(
      fc.property(near, ({ zone, t }) => {
        expect(offsetAt(zone, t)).toBe(referenceOffset(zone, t));
      }),
      { seed: 7, numRuns: 1000 },
    );
  });
});

describe('zoneTransitions', () => {
  const Y2026 = [utc('2026-01-01T00:00:00Z'), utc('2027-01-01T00:00:00Z')] as const;

  test('Europe/Berlin over 2026: exactly the two changes', () => {
    expect(zoneTransitions('Europe/Berlin', ...Y2026)).toEqual([
      { from: Y2026[0], offset: HOUR },
      { from: utc('2026-03-29T01:00:00Z'), offset: 2 * HOUR },
      { from: utc('2026-10-25T01:00:00Z'), offset: HOUR },
    ]);
  });

  test('America/New_York over 2026: exactly the two changes', () => {
    expect(zoneTransitions('America/New_York', ...Y2026)).toEqual([
      { from: Y2026[0], offset: -5 * HOUR },
      { from: utc('2026-03-08T07:00:00Z'), offset: -4 * HOUR },
      { from: utc('2026-11-01T06:00:00Z'), offset: -5 * HOUR },
    ]);
  });

  test('Australia/Lord_Howe over 2026: 30-minute changes', () => {
    // DST ends 2026-04-05 02:00 +11 (= 04-04 15:00Z), starts 2026-10-04 02:00 +10:30 (= 10-03 15:30Z).
    expect(zoneTransitions('Australia/Lord_Howe', ...Y2026)).toEqual([
      { from: Y2026[0], offset: 11 * HOUR },
      { from: utc('2026-04-04T15:00:00Z'), offset: 10.5 * HOUR },
      { from: utc('2026-10-03T15:30:00Z'), offset: 11 * HOUR },
    ]);
  });

  test('over several years: every change, in order', () => {
    const spans = zoneTransitions('Europe/Berlin', utc('2025-06-01T00:00:00Z'), utc('2027-06-01T00:00:00Z'));
    expect(spans.map((s) => new Date(s.from).toISOString())).toEqual([
      '2025-06-01T00:00:00.000Z',
      '2025-10-26T01:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-10-25T01:00:00.000Z',
      '2027-03-28T01:00:00.000Z',
    ]);
    expect(spans.map((s) => s.offset / HOUR)).toEqual([2, 1, 2, 1, 2]);
  });

  test('a window without a change is one span from its start', () => {
    expect(zoneTransitions('Europe/Berlin', utc('2026-05-01T00:00:00Z'), utc('2026-06-01T00:00:00Z'))).toEqual([
      { from: utc('2026-05-01T00:00:00Z'), offset: 2 * HOUR },
    ]);
  });

  test('a window starting exactly at a change has it once, as its first span', () => {
    const at = utc('2026-03-29T01:00:00Z');
    expect(zoneTransitions('Europe/Berlin', at, utc('2026-04-01T00:00:00Z'))).toEqual([{ from: at, offset: 2 * HOUR }]);
  });

  test('a window ending exactly at a change does not include it (half-open)', () => {
    const at = utc('2026-03-29T01:00:00Z');
    expect(zoneTransitions('Europe/Berlin', utc('2026-03-01T00:00:00Z'), at)).toEqual([
      { from: utc('2026-03-01T00:00:00Z'), offset: HOUR },
    ]);
  });

  test('UTC and zones without DST: one span', () => {
    expect(zoneTransitions('UTC', ...Y2026)).toEqual([{ from: Y2026[0], offset: 0 }]);
    expect(zoneTransitions('Asia/Kolkata', ...Y2026)).toEqual([{ from: Y2026[0], offset: 5.5 * HOUR }]);
  });

  test('every span agrees with offsetAt at its start and just before the next', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'Europe/Berlin',
          'America/New_York',
          'Australia/Lord_Howe',
          'Africa/Casablanca',
          'Pacific/Chatham',
        ),
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.integer({ min: 1, max: 800 * 24 * HOUR }),
        (zone, from, length) => {
          const to = from + length;
          const spans = zoneTransitions(zone, from, to);
          expect(spans[0]!.from).toBe(from);
          spans.forEach((span, i) => {
            expect(span.offset).toBe(offsetAt(zone, span.from));
            const end = spans[i + 1]?.from ?? to;
            expect(end).toBeGreaterThan(span.from);
            expect(offsetAt(zone, end - 1)).toBe(span.offset);
            if (i > 0) expect(span.offset).not.toBe(spans[i - 1]!.offset);
          });
        },
      ),
      { seed: 3, numRuns: 200 },
    );
  });
});

describe('localToUtc', () => {
  test('an ordinary wall time', () => {
    expect(localToUtc('Europe/Berlin', wall('2026-01-15T10:00:00'))).toBe(utc('2026-01-15T09:00:00Z'));
    expect(localToUtc('Europe/Berlin', wall('2026-07-15T10:00:00'))).toBe(utc('2026-07-15T08:00:00Z'));
    expect(localToUtc('Asia/Kolkata', wall('2026-07-15T10:00:00'))).toBe(utc('2026-07-15T04:30:00Z'));
  });

  test('UTC: the wall time is the instant', () => {
    expect(localToUtc('UTC', wall('2026-03-29T02:30:00'))).toBe(utc('2026-03-29T02:30:00Z'));
  });

  test('Berlin spring gap: 02:30 on 2026-03-29 does not exist and is read with the offset before the change (01:30Z, 03:30 CEST)', () => {
    expect(localToUtc('Europe/Berlin', wall('2026-03-29T02:30:00'))).toBe(utc('2026-03-29T01:30:00Z'));
  });

  test('Berlin: the wall times around the spring gap', () => {
    expect(localToUtc('Europe/Berlin', wall('2026-03-29T01:59:59'))).toBe(utc('2026-03-29T00:59:59Z'));
    expect(localToUtc('Europe/Berlin', wall('2026-03-29T02:00:00'))).toBe(utc('2026-03-29T01:00:00Z'));
    expect(localToUtc('Europe/Berlin', wall('2026-03-29T03:00:00'))).toBe(utc('2026-03-29T01:00:00Z'));
  });

  test('Berlin repeated autumn hour: 02:30 on 2026-10-25 is the earlier instant (00:30Z, CEST)', () => {
    expect(localToUtc('Europe/Berlin', wall('2026-10-25T02:30:00'))).toBe(utc('2026-10-25T00:30:00Z'));
  });

  test('Berlin: the wall times around the repeated hour', () => {
    expect(localToUtc('Europe/Berlin', wall('2026-10-25T01:59:59'))).toBe(utc('2026-10-24T23:59:59Z'));
    expect(localToUtc('Europe/Berlin', wall('2026-10-25T02:00:00'))).toBe(utc('2026-10-25T00:00:00Z'));
    expect(localToUtc('Europe/Berlin', wall('2026-10-25T03:00:00'))).toBe(utc('2026-10-25T02:00:00Z'));
  });

  test('New York: spring gap 02:30 → 07:30Z, repeated 01:30 → the earlier 05:30Z', () => {
    expect(localToUtc('America/New_York', wall('2026-03-08T02:30:00'))).toBe(utc('2026-03-08T07:30:00Z'));
    expect(localToUtc('America/New_York', wall('2026-11-01T01:30:00'))).toBe(utc('2026-11-01T05:30:00Z'));
  });

  test('Lord Howe: the 30-minute gap and the 30-minute repeat', () => {
    // 2026-10-04 02:00–02:30 does not exist; 2026-04-05 01:30–02:00 happens twice.
    expect(localToUtc('Australia/Lord_Howe', wall('2026-10-04T02:15:00'))).toBe(utc('2026-10-03T15:45:00Z'));
    expect(localToUtc('Australia/Lord_Howe', wall('2026-04-05T01:45:00'))).toBe(utc('2026-04-04T14:45:00Z'));
  });

  test('the wall time of any instant maps back to it, or to the earlier instant of a repeated hour', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'Europe/Berlin',
          'America/New_York',
          'Australia/Lord_Howe',
          'Asia/Kolkata',
          'Pacific/Chatham',
          'UTC',
        ),
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2050, 0, 1) }),
        (zone, t) => {
          const local = t + offsetAt(zone, t);
          const u = localToUtc(zone, local);
          expect(u + offsetAt(zone, u)).toBe(local);
          // Only a repeated wall time can map to another instant: the earlier one.
          expect(u).toBeLessThanOrEqual(t);
        },
      ),
      { seed: 11, numRuns: 2000 },
    );
  });
});

describe('isValidZone', () => {
  test('IANA zones are valid', () => {
    expect(isValidZone('UTC')).toBe(true);
    expect(isValidZone('Europe/Berlin')).toBe(true);
    expect(isValidZone('Australia/Lord_Howe')).toBe(true);
  });

  test('made-up names are not', () => {
    expect(isValidZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidZone('Europe/Berlinn')).toBe(false);
    expect(isValidZone('')).toBe(false);
  });
});
