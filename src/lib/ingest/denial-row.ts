/**
 * One row of a denials file (docs/DOMAIN.md §2.2), validated with zod: when, who,
 * and why, the reason as its code or as the vault's own phrase (§6); the time
 * inside 1990–2099 (time/instant-range.ts) as an export's are.
 */
import { z } from 'zod';
import { DENIAL_COLUMNS, type DenialColumn } from '../columns.ts';
import { instantInRange } from '../time/instant-range.ts';
import { parseTimestamp } from '../time/timestamp.ts';
import { DENIAL_REASONS, denialReasonOf, type DenialReason } from '../denials/reasons.ts';
import { TOTAL } from '../usage/total.ts';
import { outOfRange, reservedLicense, type RejectReason } from './reasons.ts';

export interface DenialRow {
  denied_at: number;
  username: string;
  user_email: string | null;
  user_product: string | null;
  requested_license: string | null;
  reason: DenialReason;
  user_hostname: string | null;
  user_ip: string | null;
  naive: number;
}

type Values = Record<DenialColumn, string>;

function fail(ctx: z.RefinementCtx, reason: RejectReason, message: string): never {
  ctx.addIssue({ code: 'custom', message, params: { reason } });
  return z.NEVER;
}

export function denialRowSchema(sourceZone: string) {
  const optional = z.string().transform((s) => (s.trim() === '' ? null : s.trim()));
  const required = (column: DenialColumn) =>
    z.string().transform((s, ctx) => (s.trim() === '' ? fail(ctx, 'missing_value', `${column} is empty`) : s.trim()));
  return z.object({
    denied_at: z.string().transform((s, ctx) => {
      const v = s.trim();
      if (v === '') return fail(ctx, 'missing_value', 'denied_at is empty');
      const t = parseTimestamp(v, sourceZone);
      if (typeof t === 'string') return fail(ctx, 'bad_timestamp', `denied_at "${v}" ${t}`);
      return instantInRange(t.ms) ? t : fail(ctx, 'out_of_range', outOfRange('denied_at', v));
    }),
    username: required('username'),
    user_email: optional.transform((s) => (s !== null && s.toLowerCase() === 'unknown' ? null : s)),
    user_product: optional,
    requested_license: optional.transform((s, ctx) =>
      s === TOTAL ? fail(ctx, 'reserved_license', reservedLicense('requested_license')) : s,
    ),
    reason: z.string().transform((s, ctx) => {
      if (s.trim() === '') return fail(ctx, 'missing_value', 'reason is empty');
      return (
        denialReasonOf(s) ?? fail(ctx, 'bad_reason', `reason "${s.trim()}" is none of ${DENIAL_REASONS.join(', ')}`)
      );
    }),
    user_hostname: optional,
    user_ip: optional,
  });
}

export type DenialVerdict = { ok: true; row: DenialRow } | { ok: false; reason: RejectReason; message: string };

export function denialRowValidator(sourceZone: string): (values: Values) => DenialVerdict {
  const schema = denialRowSchema(sourceZone);
  return (values) => {
    const r = schema.safeParse(values);
    if (r.success)
      return { ok: true, row: { ...r.data, denied_at: r.data.denied_at.ms, naive: r.data.denied_at.naive ? 1 : 0 } };
    const issue = [...r.error.issues].sort((a, b) => rank(a.path[0]) - rank(b.path[0]))[0]!;
    return {
      ok: false,
      reason: ((issue as { params?: { reason?: RejectReason } }).params?.reason ?? 'missing_value') as RejectReason,
      message: issue.message,
    };
  };
}

function rank(key: PropertyKey | undefined): number {
  const i = DENIAL_COLUMNS.indexOf(key as DenialColumn);
  return i < 0 ? DENIAL_COLUMNS.length : i;
}
