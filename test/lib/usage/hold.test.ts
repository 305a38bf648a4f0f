/**
 * The hold delay's one set of bounds (0 to a year of minutes, whole): the
 * same answer from the text parser (CLI, page field, view links), the
 * snapshot schema and the report schema, so no way in carries a hold the
 * engine cannot count in microseconds.
 */
import { describe, expect, it } from 'vitest';
import { decodeViewLink } from '../../../src/lib/share/view-link.ts';
import { ReportSchema } from '../../../src/lib/report/schema.ts';
import { SnapshotSchema } from '../../../src/lib/share/snapshot-schema.ts';
import { HoldMinutesSchema, MAX_HOLD_MINUTES, parseHoldMinutes } from '../../../src/lib/usage/hold.ts';

const TOO_BIG = ['525601', '100000000000', '1e308', '1e3', '-1', '1.5', '0x10', '', ' ', 'Infinity', 'NaN'];

describe('the hold delay as text', () => {
  it.each(['0', '1', '60', '525600', ' 30 '])('%j is a hold', (text) => {
    expect(parseHoldMinutes(text)).toEqual({ ok: true, minutes: Number(text) });
  });
  it.each(TOO_BIG)('%j is refused, with the rule in words', (text) => {
    expect(parseHoldMinutes(text)).toEqual({
      ok: false,
      message: 'expected a whole number of minutes from 0 to 525,600 (a year)',
    });
  });
});

describe('the same bounds on every way in', () => {
  it('a view link with a hold past a year is refused, naming the parameter and the rule', () => {
    expect(decodeViewLink('v=1&hold=100000000000')).toEqual({
      ok: false,
      message:
        'This link cannot be opened: the parameter “hold” is not a whole number of minutes from 0 to 525,600 (a year). The page opens as usual instead.',
    });
    const year = decodeViewLink(`v=1&hold=${MAX_HOLD_MINUTES}`);
    expect(year.ok && year.link.view.settings.holdMinutes).toBe(MAX_HOLD_MINUTES);
  });

  it.each([1e308, 525_601, -1, 0.5, Number.MAX_SAFE_INTEGER])(
    'a snapshot or report file holding %d minutes is refused',
    (hold) => {
      expect(HoldMinutesSchema.safeParse(hold).success).toBe(false);
      const snapshot = SnapshotSchema.shape.holdMinutes ?? null;
      const report = ReportSchema.shape.holdMinutes;
      expect(snapshot?.safeParse(hold).success).toBe(false);
      expect(report.safeParse(hold).success).toBe(false);
    },
  );
});
