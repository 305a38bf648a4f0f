/**
 * The snapshot link's bytes. Daily series are most of a snapshot, and as JSON
 * text they compress poorly (a digit costs ~3.5 bits after deflate), so they
 * travel as unsigned LEB128 varints after the rest of the snapshot's JSON,
 * averages in hundredths. A year of 10 items then fits the link budget.
 *
 *   varint(length of JSON) · JSON (snapshot without `daily`) · per item, then
 *   the total: peak[days] · average×100[days] · users[days] · sessions[days]
 *
 * Reading is defensive: lengths are checked against the bytes there are
 * before anything is allocated, and leftovers mean damage.
 */

type Daily = { peak: number[]; average: number[]; users: number[]; sessions: number[] };
type Item = { daily: Daily };
type WithItems = { period: { from: string; to: string }; items: Item[]; total: Item };

export class WireError extends Error {}

function writeVarint(out: number[], n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new WireError(`cannot pack ${n}`);
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}

class Reader {
  at = 0;
  private readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }
  varint(): number {
    let n = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      if (this.at >= this.bytes.length) throw new WireError('the data ends early');
      const b = this.bytes[this.at++]!;
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 0x80;
    }
    throw new WireError('a number is too long');
  }
  take(length: number): Uint8Array {
    if (length > this.bytes.length - this.at) throw new WireError('the data ends early');
    const out = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }
  get left(): number {
    return this.bytes.length - this.at;
  }
}

/** Days of a period, both ends included: one value per day in every series. */
export function daysIn(period: { from: string; to: string }): number {
  return Math.round((Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / 86_400_000) + 1;
}

export function packSnapshotBytes(snapshot: WithItems): Uint8Array {
  const strip = ({ daily: _daily, ...rest }: Item) => rest;
  const head = new TextEncoder().encode(
    JSON.stringify({ ...snapshot, items: snapshot.items.map(strip), total: strip(snapshot.total) }),
  );
  const out: number[] = [];
  writeVarint(out, head.length);
  const tail: number[] = [];
  for (const { daily } of [...snapshot.items, snapshot.total]) {
    for (const v of daily.peak) writeVarint(tail, v);
    for (const v of daily.average) writeVarint(tail, Math.round(v * 100));
    for (const v of daily.users) writeVarint(tail, v);
    for (const v of daily.sessions) writeVarint(tail, v);
  }
  const bytes = new Uint8Array(out.length + head.length + tail.length);
  bytes.set(out, 0);
  bytes.set(head, out.length);
  bytes.set(tail, out.length + head.length);
  return bytes;
}

/** The snapshot's JSON value with its series put back (not yet validated), or a WireError. */
export function unpackSnapshotBytes(bytes: Uint8Array): unknown {
  const r = new Reader(bytes);
  let head: unknown;
  try {
    head = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(r.take(r.varint())));
  } catch (e) {
    throw e instanceof WireError ? e : new WireError('its content is not JSON');
  }
  const h = head as Partial<WithItems> | null;
  // Not shaped like ours: hand it on as it is, and the schema says what is wrong.
  if (h === null || typeof h !== 'object' || !Array.isArray(h.items) || typeof h.total !== 'object' || h.total === null)
    return head;
  const period = h.period as { from?: unknown; to?: unknown } | null | undefined;
  if (
    period === null ||
    typeof period !== 'object' ||
    typeof period.from !== 'string' ||
    typeof period.to !== 'string'
  ) {
    throw new WireError('it has no period');
  }
  const days = daysIn(period as { from: string; to: string });
  const items = h.items.length + 1;
  // Every value takes at least one byte: more values than bytes left is damage, found before allocating.
  if (!Number.isInteger(days) || days < 1 || days * 4 * items > r.left)
    throw new WireError('the series do not match the period');
  const read = () => Array.from({ length: days }, () => r.varint());
  const withDaily = (item: object): Item & object => ({
    ...item,
    daily: { peak: read(), average: read().map((v) => v / 100), users: read(), sessions: read() },
  });
  const result = { ...h, items: h.items.map((i) => withDaily(i as object)), total: withDaily(h.total) };
  if (r.left !== 0) throw new WireError('there are bytes after the series');
  return result;
}
