/**
 * The tables everything else queries. Instants are plain TIMESTAMP in UTC
 * (microseconds): time-zone-aware types need ICU, which DuckDB-WASM 1.32 cannot run.
 */
import { dropUsageSessionsSql } from './usage-copy.ts';

/**
 * The database every table lives in: an in-memory database that DuckDB
 * compresses (dictionary and FSST for the repeated strings, bit-packing for
 * instants and line numbers) as a file database would. DuckDB's default
 * in-memory database stores every value as it is: at 1M sessions the
 * sessions table held 223 MB there and 26 MB here, and a load's stages
 * shrink alike (docs/DOMAIN.md §8). Run once, right after the connection
 * opens, by each DuckDB-WASM back end (db/node.ts, db/browser.ts); TEMP tables
 * stay in DuckDB's own uncompressed `temp` catalog.
 */
export function compactStorageSql(): string {
  return "ATTACH IF NOT EXISTS ':memory:' AS vault (COMPRESS);\nUSE vault";
}

/** Loaded files and their accounting: read = accepted + rejected + duplicates. */
const FILES = `CREATE TABLE IF NOT EXISTS files (
  file_id INTEGER PRIMARY KEY,
  name VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  bytes BIGINT NOT NULL,
  encoding VARCHAR NOT NULL,
  delimiter VARCHAR NOT NULL,
  rows_read INTEGER NOT NULL,
  accepted INTEGER NOT NULL,
  rejected INTEGER NOT NULL,
  duplicates INTEGER NOT NULL,
  blank_lines INTEGER NOT NULL,
  naive_timestamps INTEGER NOT NULL
)`;

/** Accepted sessions, one per distinct export row. */
const SESSIONS = `CREATE TABLE IF NOT EXISTS sessions (
  file_id INTEGER NOT NULL,
  line INTEGER NOT NULL,
  allocation_id VARCHAR NOT NULL,
  allocated_license VARCHAR NOT NULL,
  user_product VARCHAR,
  username VARCHAR NOT NULL,
  user_email VARCHAR,
  user_ip VARCHAR,
  user_hostname VARCHAR,
  external_id VARCHAR,
  used_from TIMESTAMP NOT NULL,
  used_to TIMESTAMP,
  extra VARCHAR
)`;

/** Rejected rows, whole: file, line, reason and the raw text. */
const REJECTS = `CREATE TABLE IF NOT EXISTS rejects (
  file_id INTEGER NOT NULL,
  file_name VARCHAR NOT NULL,
  line INTEGER NOT NULL,
  reason VARCHAR NOT NULL,
  message VARCHAR NOT NULL,
  raw VARCHAR NOT NULL
)`;

/**
 * Rows of the file being loaded, before duplicates are removed. Its column
 * order is the Arrow batch's (ingest/batch.ts): batches are appended by position.
 */
const STAGED = `CREATE TABLE IF NOT EXISTS staged (
  file_id INTEGER,
  line INTEGER,
  allocation_id VARCHAR,
  allocated_license VARCHAR,
  user_product VARCHAR,
  username VARCHAR,
  user_email VARCHAR,
  user_ip VARCHAR,
  user_hostname VARCHAR,
  external_id VARCHAR,
  used_from_ms DOUBLE,
  used_to_ms DOUBLE,
  extra VARCHAR
)`;

/** Accepted denials (docs/DOMAIN.md §2.2), one per distinct row. */
const DENIALS = `CREATE TABLE IF NOT EXISTS denials (
  file_id INTEGER NOT NULL,
  line INTEGER NOT NULL,
  denied_at TIMESTAMP NOT NULL,
  username VARCHAR NOT NULL,
  user_email VARCHAR,
  user_product VARCHAR,
  requested_license VARCHAR,
  reason VARCHAR NOT NULL,
  user_hostname VARCHAR,
  user_ip VARCHAR
)`;

/** Denials of the file being loaded; column order is the Arrow batch's (ingest/batch.ts). */
const STAGED_DENIALS = `CREATE TABLE IF NOT EXISTS staged_denials (
  file_id INTEGER,
  line INTEGER,
  denied_at_ms DOUBLE,
  username VARCHAR,
  user_email VARCHAR,
  user_product VARCHAR,
  requested_license VARCHAR,
  reason VARCHAR,
  user_hostname VARCHAR,
  user_ip VARCHAR
)`;

export function createSchemaSql(): string {
  return [FILES, SESSIONS, REJECTS, STAGED, DENIALS, STAGED_DENIALS].join(';\n');
}

/** Empties everything loaded. */
export function clearAllSql(): string {
  const emptied = ['sessions', 'denials', 'rejects', 'files', 'staged', 'staged_denials'].map(
    (t) => `DELETE FROM ${t}`,
  );
  return [...emptied, dropUsageSessionsSql()].join(';\n');
}
