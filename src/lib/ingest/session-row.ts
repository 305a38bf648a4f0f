/**
 * One export row, validated with zod: required values present, times parsed
 * (offset-less ones in the source zone), `unknown` e-mails as missing,
 * both inside 1990–2099 (time/instant-range.ts), `used_to` not before
 * `used_from` (docs/DOMAIN.md §2.1), and no license item
 * named `*`, the key of all items (usage/total.ts).
 */
import { z } from 'zod';
import { EXPORT_COLUMNS, type ExportColumn } from '../columns.ts';
import { instantInRange } from '../time/instant-range.ts';
import { parseTimestamp, type Instant } from '../time/timestamp.ts';
import { TOTAL } from '../usage/total.ts';
import { outOfRange, reservedLicense, type RejectReason } from './reasons.ts';

export interface SessionRow {
  allocation_id: string;
  allocated_license: string;
  user_product: string | null;
  username: string;
  user_email: string | null;
  user_ip: string | null;
  user_hostname: string | null;
  external_id: string | null;
  /** Epoch ms (fraction = microseconds). */
  used_from: number;
  /** Epoch ms, or null while the product still runs. */
  used_to: number | null;
  /** How many of the row's times had no offset and were read in the source zone. */
  naive: number;
}

export type RowVerdict = { ok: true; row: SessionRow } | { ok: false; reason: RejectReason; message: string };

type Values = Record<ExportColumn, string>;

/** A zod issue carries its reject reason in `params.reason`. */
function fail(ctx: z.RefinementCtx, reason: RejectReason, message: string): never {
  ctx.addIssue({ code: 'custom', message, params: { reason } });
  return z.NEVER;
}

export function sessionRowSchema(sourceZone: string) {
  const required = (column: ExportColumn) =>
    z.string().transform((s, ctx) => {
      const v = s.trim();
      return v === '' ? fail(ctx, 'missing_value', `${column} is empty`) : v;
    });
  const optional = z.string().transform((s) => {
    const v = s.trim();
    return v === '' ? null : v;
  });
  const email = optional.transform((s) => (s !== null && s.toLowerCase() === 'unknown' ? null : s));
  const instant = (column: ExportColumn) =>
    z.string().transform((s, ctx): Instant | null => {
      const v = s.trim();
      if (v === '') return null;
      const parsed = parseTimestamp(v, sourceZone);
      if (typeof parsed === 'string') return fail(ctx, 'bad_timestamp', `${column} "${v}" ${parsed}`);
      return instantInRange(parsed.ms) ? parsed : fail(ctx, 'out_of_range', outOfRange(column, v));
    });
  const requiredInstant = instant('used_from').transform(
    (t, ctx) => t ?? fail(ctx, 'missing_value', 'used_from is empty'),
  );
  return z
    .object({
      allocation_id: required('allocation_id'),
      allocated_license: required('allocated_license').transform((v, ctx) =>
        v === TOTAL ? fail(ctx, 'reserved_license', reservedLicense('allocated_license')) : v,
      ),
      user_product: optional,
      username: required('username'),
      user_email: email,
      user_ip: optional,
      user_hostname: optional,
      external_id: optional,
      used_from: requiredInstant,
      used_to: instant('used_to'),
    })
    .transform((r, ctx): SessionRow => {
      if (r.used_to !== null && r.used_to.ms < r.used_from.ms) {
        return fail(ctx, 'ends_before_start', 'used_to is before used_from');
      }
      return {
        ...r,
        used_from: r.used_from.ms,
        used_to: r.used_to?.ms ?? null,
        naive: (r.used_from.naive ? 1 : 0) + (r.used_to?.naive ? 1 : 0),
      };
    });
}

/**
 * Returns a function that validates one row's values. The rules are the zod
 * schema's above, written out by hand for speed (zod cost about a tenth of a
 * large load): each column in the export's order, the first problem wins, and
 * `used_to` before `used_from` only once every column is well formed. A test
 * holds the two to the same verdict on random rows.
 */
export function sessionRowValidator(sourceZone: string): (values: Values) => RowVerdict {
  const missing = (column: ExportColumn): RowVerdict => ({
    ok: false,
    reason: 'missing_value',
    message: `${column} is empty`,
  });
  const badTime = (column: ExportColumn, v: string, why: string): RowVerdict => ({
    ok: false,
    reason: 'bad_timestamp',
    message: `${column} "${v}" ${why}`,
  });
  const outside = (column: ExportColumn, v: string): RowVerdict => ({
    ok: false,
    reason: 'out_of_range',
    message: outOfRange(column, v),
  });
  const optional = (s: string) => {
    const v = s.trim();
    return v === '' ? null : v;
  };
  return (values) => {
    const allocationId = values.allocation_id.trim();
    if (allocationId === '') return missing('allocation_id');
    const license = values.allocated_license.trim();
    if (license === '') return missing('allocated_license');
    if (license === TOTAL)
      return { ok: false, reason: 'reserved_license', message: reservedLicense('allocated_license') };
    const product = optional(values.user_product);
    const username = values.username.trim();
    if (username === '') return missing('username');
    const email = optional(values.user_email);
    const ip = optional(values.user_ip);
    const hostname = optional(values.user_hostname);
    const externalId = optional(values.external_id);
    const fromText = values.used_from.trim();
    if (fromText === '') return missing('used_from');
    const from = parseTimestamp(fromText, sourceZone);
    if (typeof from === 'string') return badTime('used_from', fromText, from);
    if (!instantInRange(from.ms)) return outside('used_from', fromText);
    const toText = values.used_to.trim();
    let to: Instant | null = null;
    if (toText !== '') {
      const parsed = parseTimestamp(toText, sourceZone);
      if (typeof parsed === 'string') return badTime('used_to', toText, parsed);
      if (!instantInRange(parsed.ms)) return outside('used_to', toText);
      to = parsed;
    }
    if (to !== null && to.ms < from.ms)
      return { ok: false, reason: 'ends_before_start', message: 'used_to is before used_from' };
    return {
      ok: true,
      row: {
        allocation_id: allocationId,
        allocated_license: license,
        user_product: product,
        username,
        user_email: email !== null && email.toLowerCase() === 'unknown' ? null : email,
        user_ip: ip,
        user_hostname: hostname,
        external_id: externalId,
        used_from: from.ms,
        used_to: to?.ms ?? null,
        naive: (from.naive ? 1 : 0) + (to?.naive ? 1 : 0),
      },
    };
  };
}

/** The zod schema's verdict on one row: the specification the fast validator is tested against. */
export function sessionRowSchemaValidator(sourceZone: string): (values: Values) => RowVerdict {
  const schema = sessionRowSchema(sourceZone);
  return (values) => {
    const result = schema.safeParse(values);
    if (result.success) return { ok: true, row: result.data };
    // Report the first problem in the export's column order.
    const issues = [...result.error.issues].sort((a, b) => columnRank(a.path[0]) - columnRank(b.path[0]));
    const issue = issues[0]!;
    const reason = ((issue as { params?: { reason?: RejectReason } }).params?.reason ??
      'missing_value') as RejectReason;
    return { ok: false, reason, message: issue.message };
  };
}

function columnRank(key: PropertyKey | undefined): number {
  const i = EXPORT_COLUMNS.indexOf(key as ExportColumn);
  return i < 0 ? EXPORT_COLUMNS.length : i;
}
