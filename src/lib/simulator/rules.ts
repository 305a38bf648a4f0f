/**
 * The vault's rules as settings (docs/DOMAIN.md §4), with the presets of the three
 * plans. Every rule is one field, so a what-if is one changed field.
 */
import { z } from 'zod';
import type { TrueUpTerms } from '../billing/true-up.ts';
import type { LicenseKind } from '../inventory/schema.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A trial lasts two months; a company may have two (docs/DOMAIN.md §4). */
export const TRIAL_MONTHS = 2;
export const MAX_TRIALS = 2;
/** The virtual All Products Pack licenses a trial comes with. */
export const TRIAL_FREE_LICENSES = 10;

export const PER_USER_MODES = ['allocate-new', 'take-oldest-out', 'prohibited'] as const;
export type PerUserMode = (typeof PER_USER_MODES)[number];

export const AccessRuleSchema = z.object({
  effect: z.enum(['allow', 'deny']),
  /** Who: user names and/or group names; empty = everybody. */
  users: z.array(z.string()).default([]),
  groups: z.array(z.string()).default([]),
  /** What: license items and/or products; empty = everything. */
  items: z.array(z.string()).default([]),
  products: z.array(z.string()).default([]),
});
export type AccessRule = z.infer<typeof AccessRuleSchema>;

export const RulesSchema = z.object({
  plan: z.enum(['trial', 'organization-true-up', 'enterprise-floating', 'custom']),
  /** Floating mode: close releases at once, an offline machine 20–30 minutes after its last refresh. */
  floating: z.boolean(),
  /** Without Floating mode: a license is released this long after its last use. */
  releaseDelayMs: z.number().int().min(0),
  perUserMode: z.enum(PER_USER_MODES),
  /** The vault checks every `checkMs` (on the clock) and releases what has been silent for `inactivityMs`. */
  checkMs: z.number().int().positive(),
  inactivityMs: z.number().int().positive(),
  /** The plan's True-Up; which items may use it, and how many, is billing/true-up.ts's rule. */
  trueUp: z.object({
    enabled: z.boolean(),
    limitPercent: z.number().min(0).max(100),
  }),
  /**
   * The trial: free licenses of the All Products Pack for two calendar months
   * from the simulation's start, a second trial adding two more; null on other plans.
   */
  trial: z
    .object({
      trials: z.number().int().min(1).max(MAX_TRIALS),
      freeLicenses: z.number().int().min(0),
    })
    .nullable(),
  /** Revocations an administrator may make in a calendar month (UTC); null = unlimited. */
  revocationsPerMonth: z.number().int().min(0).nullable(),
  access: z.object({
    rules: z.array(AccessRuleSchema).default([]),
    /** Only what a rule grants is allowed. */
    strict: z.boolean().default(false),
    /** When set, only members of this group obtain licenses. */
    authorizedGroup: z.string().nullable().default(null),
    /** Users who get a license even when the pool is empty (counted over capacity). */
    priorityUsers: z.array(z.string()).default([]),
  }),
});
export type Rules = z.infer<typeof RulesSchema>;

const FLOATING_TIMINGS = { checkMs: 10 * MINUTE, inactivityMs: 20 * MINUTE };
const OPEN_ACCESS = { rules: [], strict: false, authorizedGroup: null, priorityUsers: [] };

/** The documented release delays without Floating mode: 3 days in one version, a month in the plan table. */
export const RELEASE_DELAYS = { threeDays: 3 * DAY, month: 30 * DAY } as const;

export const PLAN_PRESETS: Record<'trial' | 'organization-true-up' | 'enterprise-floating', Rules> = {
  // By default a license is held a month after last use and 5 revocations a month;
  // Floating mode is optional (trialRules), and with it come 20 minutes and no limit.
  trial: {
    plan: 'trial',
    floating: false,
    releaseDelayMs: RELEASE_DELAYS.month,
    perUserMode: 'allocate-new',
    ...FLOATING_TIMINGS,
    trueUp: { enabled: false, limitPercent: 0 },
    trial: { trials: 1, freeLicenses: TRIAL_FREE_LICENSES },
    revocationsPerMonth: 5,
    access: OPEN_ACCESS,
  },
  'organization-true-up': {
    plan: 'organization-true-up',
    floating: false,
    releaseDelayMs: RELEASE_DELAYS.month,
    perUserMode: 'allocate-new',
    ...FLOATING_TIMINGS,
    trueUp: { enabled: true, limitPercent: 30 },
    trial: null,
    revocationsPerMonth: 5,
    access: OPEN_ACCESS,
  },
  'enterprise-floating': {
    plan: 'enterprise-floating',
    floating: true,
    releaseDelayMs: RELEASE_DELAYS.month,
    perUserMode: 'allocate-new',
    ...FLOATING_TIMINGS,
    trueUp: { enabled: false, limitPercent: 30 },
    trial: null,
    revocationsPerMonth: null,
    access: OPEN_ACCESS,
  },
};

/** The trial's revocation limit follows its Floating switch (docs/DOMAIN.md §4). */
export function trialRules(floating: boolean): Rules {
  return { ...PLAN_PRESETS.trial, floating, revocationsPerMonth: floating ? null : 5 };
}

/**
 * An item as the True-Up rule reads it (billing/true-up.ts), under these rules:
 * its prepaid pool, its kind, and the plan's limit when True-Up is on.
 */
export function trueUpTerms(rules: Rules, capacity: number, kind: LicenseKind): TrueUpTerms {
  return {
    regular: capacity,
    virtual: 0,
    trueUpLimitPercent: rules.trueUp.enabled ? rules.trueUp.limitPercent : null,
    kind,
  };
}
