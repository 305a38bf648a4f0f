/** Rejected rows: shown a page at a time, downloadable whole. */
import { sqlInt } from './literal.ts';

export type RejectRow = {
  file: string;
  line: number;
  reason: string;
  message: string;
  raw: string;
};

const SELECT = `SELECT file_name AS file, line, reason, message, raw FROM rejects ORDER BY file_id, line`;

export function rejectsPageSql({ limit, offset }: { limit: number; offset: number }): string {
  return `${SELECT} LIMIT ${sqlInt(limit)} OFFSET ${sqlInt(offset)}`;
}

export function allRejectsSql(): string {
  return SELECT;
}
