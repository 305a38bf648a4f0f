/**
 * Why a license request was denied (docs/DOMAIN.md §2.2, §6): the three codes
 * a denials file carries, each with its label, its cause and what to do, and
 * the vault's own phrases read back as codes. The one list the ingest, the
 * report schema, the denials report, the simulator and the pages all use.
 */
import { z } from 'zod';

export const DENIAL_REASONS = ['no_available_licenses', 'access_rule', 'not_in_authorized_group'] as const;
export type DenialReason = (typeof DENIAL_REASONS)[number];

/** A reason code in untrusted data (a report, a snapshot). */
export const DenialReasonSchema = z.enum(DENIAL_REASONS);

export interface DenialReasonText {
  /** A short name for tables and headings. */
  label: string;
  cause: string;
  advice: string;
}

export const DENIAL_REASON_TEXT: Record<DenialReason, DenialReasonText> = {
  no_available_licenses: {
    label: 'No available licenses',
    cause: 'All licenses were in use when the user asked.',
    advice: 'Buy more licenses, or turn on True-Up.',
  },
  access_rule: {
    label: 'Access rules',
    cause: 'Access rules do not let this user have this item or product.',
    advice: "Check the user's effective permissions, and whether global access to licenses is restricted.",
  },
  not_in_authorized_group: {
    label: 'Not in the authorized group',
    cause: 'The user is outside the group allowed to obtain licenses.',
    advice: 'Add the user to that group.',
  },
};

/**
 * The vault's phrases, in the order they are tried: the group first, as a phrase
 * about the authorized group may also speak of access.
 */
const PHRASES: readonly [RegExp, DenialReason][] = [
  [/authori[sz]ed (user )?group/, 'not_in_authorized_group'],
  [/access rules?/, 'access_rule'],
  [/(all licenses|no (available )?licen[cs]es)/, 'no_available_licenses'],
];

/** A reason code (in any case, with spaces or dashes for underscores), or the phrase the vault shows for it. */
export function denialReasonOf(text: string): DenialReason | null {
  const t = text.trim().toLowerCase();
  const code = t.replace(/[\s-]+/g, '_');
  if ((DENIAL_REASONS as readonly string[]).includes(code)) return code as DenialReason;
  return PHRASES.find(([phrase]) => phrase.test(t))?.[1] ?? null;
}

/** A count per reason, every reason present, all zero. */
export function zeroByReason(): Record<DenialReason, number> {
  return Object.fromEntries(DENIAL_REASONS.map((r) => [r, 0])) as Record<DenialReason, number>;
}
