/**
 * Writes sample-data/: two overlapping monthly allocation exports of a small
 * organisation (so loading both shows duplicates removed), and its inventory.
 * Deterministic: a fixed seed gives the same bytes every run.
 *
 *   npm run sample-data
 *
 * A first, simple demand model. The simulator of the vault's rules (step 4)
 * will take over generating these files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { localToUtc } from '../src/lib/time/zone.ts';

const SEED = 20261001;
const OUT = new URL('../sample-data/', import.meta.url);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const between = (lo: number, hi: number) => lo + random() * (hi - lo);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface User {
  name: string;
  email: string;
  zone: string;
  license: string;
  products: string[];
  machines: string[];
  externalId: string;
}

const ZONES = ['Europe/Berlin', 'Europe/Berlin', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'];
const TEAMS = [
  { license: 'All Products Pack', products: ['IntelliJ IDEA Ultimate', 'PyCharm', 'DataGrip', 'WebStorm'] },
  { license: 'All Products Pack', products: ['GoLand', 'DataGrip'] },
  { license: 'IntelliJ IDEA Ultimate', products: ['IntelliJ IDEA Ultimate'] },
  { license: 'IntelliJ IDEA Ultimate', products: ['IntelliJ IDEA Ultimate'] },
  { license: 'ReSharper', products: ['ReSharper'] },
];
const FIRST = ['ana', 'ben', 'chen', 'dara', 'eli', 'fay', 'gus', 'hana', 'ivo', 'jun', 'kai', 'lea', 'max', 'nia', 'omar', 'pia', 'quin', 'raj', 'sam', 'tess', 'uma', 'vic', 'wen', 'xia', 'yuri', 'zoe', 'arun', 'bea', 'cem', 'dov', 'ela', 'finn'];

const users: User[] = FIRST.map((first, i) => {
  const team = TEAMS[i % TEAMS.length]!;
  const name = `${first}.${pick(['berg', 'silva', 'kumar', 'novak', 'smith', 'meyer', 'rossi', 'tanaka'])}`;
  return {
    name,
    email: random() < 0.1 ? 'unknown' : `${name}@example.com`,
    zone: pick(ZONES),
    license: team.license,
    products: team.products,
    machines: random() < 0.3 ? [`${first}-laptop`, `${first}-desktop`] : [`${first}-laptop`],
    externalId: `hub-${(1000 + i).toString(36)}`,
  };
});

interface Session {
  allocationId: string;
  license: string;
  product: string;
  user: User;
  host: string;
  ip: string;
  from: number;
  to: number | null;
}

const START = Date.UTC(2026, 8, 1); // 1 Sep 2026
const END = Date.UTC(2026, 9, 30, 15); // as-of: Friday 30 Oct 2026, 15:00 UTC, mid-afternoon in Berlin
const sessions: Session[] = [];
let allocationSerial = 0;
const allocationOf = new Map<string, { id: string; until: number }>();

function allocation(user: User, at: number): string {
  const held = allocationOf.get(user.name);
  if (held && at < held.until) return held.id;
  // A new license after a release: a new allocation id (DOMAIN.md §1).
  const id = `${(0x5eed0000 + ++allocationSerial).toString(16)}-${user.name.slice(0, 3)}`;
  allocationOf.set(user.name, { id, until: at + between(7, 21) * DAY });
  return id;
}

for (let day = START; day < END; day += DAY) {
  for (const user of users) {
    const local = localToUtc(user.zone, day + 12 * HOUR) - day - 12 * HOUR; // -offset
    const weekday = new Date(day).getUTCDay();
    if ((weekday === 0 || weekday === 6) && random() > 0.04) continue;
    if (random() < 0.08) continue; // leave, sickness, meetings all day
    const dayStart = day + local + between(7.5, 10) * HOUR;
    const lunch = dayStart + between(3.5, 4.5) * HOUR;
    const dayEnd = lunch + between(3.5, 5) * HOUR;
    const blocks: [number, number][] = [
      [dayStart, lunch],
      [lunch + between(30, 60) * MINUTE, dayEnd],
    ];
    for (const [from, to] of blocks) {
      if (from >= END) continue;
      const host = pick(user.machines);
      const product = user.products[0]!;
      const id = allocation(user, from);
      const ip = `10.${users.indexOf(user) % 4}.${(users.indexOf(user) * 7) % 250}.${user.machines.indexOf(host) + 10}`;
      sessions.push({ allocationId: id, license: user.license, product, user, host, ip, from, to: to >= END ? null : to });
      // Now and then a second product alongside the first, on the same license.
      if (user.products.length > 1 && random() < 0.35) {
        const s = from + between(15, 120) * MINUTE;
        const e = Math.min(to, s + between(20, 150) * MINUTE);
        if (s < e && s < END) {
          sessions.push({ allocationId: id, license: user.license, product: pick(user.products.slice(1)), user, host, ip, from: s, to: e >= END ? null : e });
        }
      }
    }
  }
}
sessions.sort((a, b) => a.from - b.from || a.user.name.localeCompare(b.user.name));

const HEADER = 'allocation_id,allocated_license,user_product,username,user_email,user_ip,user_hostname,external_id,used_from,used_to';
const iso = (ms: number) => new Date(Math.round(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

function exportFile(from: number, to: number): string {
  const lines = sessions
    .filter((s) => s.from >= from && s.from < to)
    .map((s) =>
      [s.allocationId, s.license, s.product, s.user.name, s.user.email, s.ip, s.host, s.user.externalId, iso(s.from), s.to === null ? '' : iso(s.to)]
        .map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v))
        .join(','),
    );
  return [HEADER, ...lines].join('\r\n') + '\r\n';
}

const inventory = {
  version: 1,
  items: {
    'All Products Pack': { regular: 10, virtual: 0, trueUpLimitPercent: 30, annualPrice: 779, currency: 'USD', kind: 'pack' },
    'IntelliJ IDEA Ultimate': { regular: 10, virtual: 0, trueUpLimitPercent: 30, annualPrice: 599, currency: 'USD', kind: 'ide' },
    ReSharper: { regular: 5, virtual: 0, annualPrice: 419, currency: 'USD', kind: 'dotnet-tool' },
  },
};

mkdirSync(OUT, { recursive: true });
// September's export runs a few days into October, as exports picked by hand do: the overlap is the duplicates.
writeFileSync(new URL('allocations-2026-09.csv', OUT), exportFile(START, Date.UTC(2026, 9, 3)));
writeFileSync(new URL('allocations-2026-10.csv', OUT), exportFile(Date.UTC(2026, 8, 28), END + DAY));
writeFileSync(new URL('inventory.json', OUT), JSON.stringify(inventory, null, 2) + '\n');
console.log(`sample-data/: ${sessions.length} sessions of ${users.length} users, as of ${iso(END)}`);
