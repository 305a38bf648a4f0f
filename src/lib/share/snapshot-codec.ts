/**
 * A snapshot on the way out and back in: packed (share/wire.ts), compressed
 * and base64url-coded into a link's fragment, or written as a report file
 * past the link budget; read back from either. Untrusted when read: size,
 * compression, version and schema are all checked, and every failure is a
 * clear refusal, never a thrown error.
 */
import { fromBase64Url, toBase64Url } from './base64url.ts';
import { deflate, inflate } from './compress.ts';
import { SNAPSHOT_VERSION, SnapshotSchema, type Snapshot } from './snapshot-schema.ts';
import { packSnapshotBytes, unpackSnapshotBytes, WireError } from './wire.ts';

/** The longest URL a snapshot link may make; past it the page offers a report file. */
export const SNAPSHOT_URL_BUDGET = 32 * 1024;
/** What the page reads at most: a link's fragment, its unpacked JSON, a report file. */
export const MAX_SNAPSHOT_FRAGMENT = 48 * 1024;
export const MAX_SNAPSHOT_JSON = 4 * 1024 * 1024;
export const MAX_SNAPSHOT_FILE = MAX_SNAPSHOT_JSON;

/** The fragment value: zlib deflate of the packed snapshot (share/wire.ts), in base64url. */
export async function encodeSnapshot(snapshot: Snapshot): Promise<string> {
  return toBase64Url(await deflate(packSnapshotBytes(snapshot)));
}

/** The link for `pageUrl` (any fragment it has is replaced). */
export function snapshotUrl(pageUrl: string, encoded: string): string {
  return `${pageUrl.split('#')[0]}#snapshot=${encoded}`;
}

export type SnapshotResult = { ok: true; snapshot: Snapshot } | { ok: false; message: string };

const refuse = (what: string, why: string): SnapshotResult => ({
  ok: false,
  message: `This ${what} cannot be opened: ${why}.`,
});

/** Checks parsed JSON: is it a snapshot, of this version, and valid? */
export function validateSnapshot(json: unknown, what = 'snapshot'): SnapshotResult {
  if (json === null || typeof json !== 'object' || (json as { kind?: unknown }).kind !== 'vaultlens-snapshot') {
    return refuse(what, 'it is not a vaultlens snapshot');
  }
  const version = (json as { version?: unknown }).version;
  if (version !== SNAPSHOT_VERSION) {
    return refuse(
      what,
      typeof version === 'number' && version > SNAPSHOT_VERSION
        ? `it was made by a newer version of vaultlens (snapshot version ${version}; this page reads version ${SNAPSHOT_VERSION})`
        : `it was made by an older or unknown version of vaultlens (snapshot version ${String(version).slice(0, 20)}; this page reads version ${SNAPSHOT_VERSION})`,
    );
  }
  const parsed = SnapshotSchema.safeParse(json);
  if (parsed.success) return { ok: true, snapshot: parsed.data };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.map(String).join('.');
  return refuse(what, `its content is not valid (${where ? `${where}: ` : ''}${issue.message.slice(0, 200)})`);
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

/** Reads the value of a `#snapshot=` fragment, refusing with a clear message whatever is wrong with it; never throws. */
export async function decodeSnapshot(encoded: string): Promise<SnapshotResult> {
  try {
    return await decodeSnapshotOrThrow(encoded);
  } catch {
    // Whatever slipped past the checks below: still a refusal, never a stuck page.
    return refuse('snapshot link', 'it is damaged');
  }
}

async function decodeSnapshotOrThrow(encoded: string): Promise<SnapshotResult> {
  const what = 'snapshot link';
  if (encoded.length > MAX_SNAPSHOT_FRAGMENT)
    return refuse(what, `it is longer than any snapshot link the page makes (${Math.round(encoded.length / 1024)} KB)`);
  if (encoded.length === 0) return refuse(what, 'it is empty');
  if (!/^[A-Za-z0-9_-]*$/.test(encoded)) return refuse(what, 'it holds characters a snapshot link never has');
  const packed = fromBase64Url(encoded);
  if (packed === null) return refuse(what, 'it is cut short or damaged');
  let bytes: Uint8Array;
  try {
    bytes = await inflate(packed, MAX_SNAPSHOT_JSON);
  } catch (e) {
    return refuse(
      what,
      e instanceof RangeError
        ? `it unpacks to more than ${MAX_SNAPSHOT_JSON / 1024 / 1024} MB`
        : 'it is damaged, edited or cut short (its data does not unpack, or its checksum does not match)',
    );
  }
  let json: unknown;
  try {
    json = unpackSnapshotBytes(bytes);
  } catch (e) {
    if (e instanceof WireError) return refuse(what, `it is damaged (${e.message})`);
    throw e;
  }
  return validateSnapshot(json, what);
}

/** The report file offered when a snapshot is too large for a link. */
export function snapshotFile(snapshot: Snapshot): { name: string; text: string } {
  return {
    name: `vaultlens-report-${snapshot.period.from}-to-${snapshot.period.to}.json`,
    text: `${JSON.stringify(snapshot)}\n`,
  };
}

/** The refusal of a report file of `size` bytes that is too large to be one of ours, or null: checked before it is read. */
export function snapshotFileTooLarge(name: string, size: number): SnapshotResult | null {
  return size > MAX_SNAPSHOT_FILE
    ? refuse(`report file ${name}`, `it is larger than ${MAX_SNAPSHOT_FILE / 1024 / 1024} MB`)
    : null;
}

/** Reads a dropped report file. */
export function readSnapshotFile(name: string, bytes: Uint8Array): SnapshotResult {
  const what = `report file ${name}`;
  const tooLarge = snapshotFileTooLarge(name, bytes.length);
  if (tooLarge) return tooLarge;
  const json = parseJson(bytes);
  if (json === undefined) return refuse(what, 'it is not JSON');
  return validateSnapshot(json, what);
}
