/** Why a row was rejected: a stable code for data and tests, a phrase for people. */
import { INSTANT_RANGE_TEXT } from '../time/instant-range.ts';
import { TOTAL } from '../usage/total.ts';

export const REJECT_REASONS = {
  unbalanced_quote: 'A quote opens a field that never closes',
  text_after_quote: 'Text follows a closing quote',
  field_count: 'Wrong number of fields',
  missing_value: 'A required value is empty',
  bad_timestamp: 'A time is not an ISO 8601 timestamp',
  out_of_range: `A time lies outside ${INSTANT_RANGE_TEXT}`,
  ends_before_start: 'used_to is before used_from',
  bad_reason: 'A denial reason is not one we know',
  reserved_license: `The license item “${TOTAL}” is reserved for all items`,
} as const;

export type RejectReason = keyof typeof REJECT_REASONS;

/** The message of a row naming `*`, the key of all items (usage/total.ts), as its license item. */
export const reservedLicense = (column: string) => `${column} "${TOTAL}" is reserved for all items`;

/** The message of a row whose time lies outside time/instant-range.ts's range. */
export const outOfRange = (column: string, value: string) => `${column} "${value}" lies outside ${INSTANT_RANGE_TEXT}`;
