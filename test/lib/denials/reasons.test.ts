/** The denial reasons (docs/DOMAIN.md §2.2, §6), written once: codes, their texts, and the vault's phrases read back. */
import { describe, expect, test } from 'vitest';
import {
  DENIAL_REASONS,
  DENIAL_REASON_TEXT,
  DenialReasonSchema,
  denialReasonOf,
  zeroByReason,
} from '../../../src/lib/denials/reasons.ts';

test('the three codes of the denials file, in the documented order', () => {
  expect(DENIAL_REASONS).toEqual(['no_available_licenses', 'access_rule', 'not_in_authorized_group']);
  expect(DENIAL_REASONS.map((r) => DenialReasonSchema.safeParse(r).success)).toEqual([true, true, true]);
  expect(DenialReasonSchema.safeParse('cosmic_rays').success).toBe(false);
});

test('every reason has a label, a cause and advice of its own', () => {
  expect(Object.keys(DENIAL_REASON_TEXT).sort()).toEqual([...DENIAL_REASONS].sort());
  for (const field of ['label', 'cause', 'advice'] as const) {
    const texts = DENIAL_REASONS.map((r) => DENIAL_REASON_TEXT[r][field]);
    expect(texts.every((t) => t.trim().length > 0)).toBe(true);
    expect(new Set(texts).size).toBe(DENIAL_REASONS.length);
  }
  expect(DENIAL_REASON_TEXT.no_available_licenses.advice).toMatch(/True-Up/);
  expect(DENIAL_REASON_TEXT.not_in_authorized_group.advice).toMatch(/group/);
});

describe('denialReasonOf', () => {
  test('codes, in any case and with spaces or dashes', () => {
    for (const r of DENIAL_REASONS) {
      expect(denialReasonOf(r)).toBe(r);
      expect(denialReasonOf(` ${r.toUpperCase()} `)).toBe(r);
      expect(denialReasonOf(r.replace(/_/g, ' '))).toBe(r);
      expect(denialReasonOf(r.replace(/_/g, '-'))).toBe(r);
    }
  });

  test('each label reads back as its code', () => {
    for (const r of DENIAL_REASONS) expect(denialReasonOf(DENIAL_REASON_TEXT[r].label)).toBe(r);
  });

  test.each([
    ['All licenses are in use', 'no_available_licenses'],
    ['No licences available', 'no_available_licenses'],
    ['Denied by an access rule', 'access_rule'],
    ['The user is not in the authorised group', 'not_in_authorized_group'],
    ['Not a member of the authorized user group', 'not_in_authorized_group'],
  ])('the phrase %j', (phrase, code) => {
    expect(denialReasonOf(phrase)).toBe(code);
  });

  test.each(['', 'cosmic rays', 'licenses', 'denied'])('not a reason: %j', (text) => {
    expect(denialReasonOf(text)).toBeNull();
  });
});

test('zeroByReason: every reason, counted 0, a fresh record each time', () => {
  const a = zeroByReason();
  expect(a).toEqual({ no_available_licenses: 0, access_rule: 0, not_in_authorized_group: 0 });
  a.access_rule++;
  expect(zeroByReason().access_rule).toBe(0);
});
