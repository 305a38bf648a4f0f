/**
 * Seeded demand: an organisation's people and the product runs they start.
 * Users in several time zones keep working hours with a lunch break, skip
 * weekends, holidays and days off, use one to three machines, run a second
 * product now and then, and sometimes let a machine go offline instead of
 * closing the product. The same settings give the same runs, byte for byte.
 */
import { localToUtc } from '../time/zone.ts';
import { wallMidnight } from '../usage/buckets.ts';
import type { ProductRun, SimUser } from './engine.ts';
import { between, pick, seeded, type Random } from './random.ts';

export interface DemandSettings {
  seed: number;
  /** First local day, YYYY-MM-DD. */
  start: string;
  days: number;
  users: number;
  zones?: readonly string[];
  /** Local dates nobody works. */
  holidays?: readonly string[];
  /** Share of runs that end with the machine going offline instead of a close. */
  offlineShare?: number;
}

export interface Demand {
  users: SimUser[];
  runs: ProductRun[];
}

interface Person extends SimUser {
  zone: string;
  products: readonly string[];
  machines: string[];
  ipBase: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Teams and the products they run, main product first. */
const TEAMS: readonly { group: string; products: readonly string[] }[] = [
  { group: 'platform', products: ['IntelliJ IDEA Ultimate', 'DataGrip'] },
  { group: 'platform', products: ['IntelliJ IDEA Ultimate', 'WebStorm'] },
  { group: 'data', products: ['PyCharm', 'DataGrip'] },
  { group: 'web', products: ['WebStorm', 'IntelliJ IDEA Ultimate'] },
  { group: 'infra', products: ['GoLand', 'PyCharm'] },
  { group: 'dotnet', products: ['Rider', 'ReSharper'] },
  { group: 'dotnet', products: ['ReSharper'] },
];

const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'to', 'ne', 'su', 'vi', 'da', 'jo', 'pe', 'lu', 'ha', 'zo', 'ri', 'an'];
const DEFAULT_ZONES = ['Europe/Berlin', 'Europe/Berlin', 'Europe/London', 'America/New_York', 'Asia/Kolkata'];

function people(random: Random, count: number, zones: readonly string[]): Person[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `${pick(random, SYLLABLES)}${pick(random, SYLLABLES)}${pick(random, SYLLABLES)}.${String(i + 1).padStart(3, '0')}`;
    const team = TEAMS[i % TEAMS.length]!;
    const machineCount = random() < 0.55 ? 1 : random() < 0.78 ? 2 : 3;
    const kinds = ['laptop', 'desktop', 'vm'];
    return {
      name,
      email: random() < 0.05 ? null : `${name}@example.com`,
      externalId: `hub-${(4096 + i).toString(16)}`,
      groups: ['developers', team.group],
      zone: pick(random, zones),
      products: team.products,
      machines: kinds.slice(0, machineCount).map((k) => `${name.split('.')[0]}-${k}-${i + 1}`),
      ipBase: `10.${(i >> 8) & 255}.${i & 255}`,
    };
  });
}

function addDays(date: string, n: number): string {
  return new Date(wallMidnight(date) + n * DAY).toISOString().slice(0, 10);
}

export function generateDemand(settings: DemandSettings): Demand {
  const random = seeded(settings.seed);
  const zones = settings.zones ?? DEFAULT_ZONES;
  const holidays = new Set(settings.holidays ?? []);
  const offlineShare = settings.offlineShare ?? 0.1;
  const persons = people(random, settings.users, zones);
  const runs: ProductRun[] = [];
  let id = 0;
  const run = (p: Person, product: string, machine: number, start: number, end: number) => {
    const offline = random() < offlineShare;
    runs.push({
      id: ++id,
      user: p.name,
      product,
      machine: p.machines[machine]!,
      ip: `${p.ipBase}.${machine + 10}`,
      start: Math.round(start / 1000) * 1000,
      end: Math.round(end / 1000) * 1000,
      ending: offline ? 'offline' : 'close',
    });
  };
  for (let d = 0; d < settings.days; d++) {
    const date = addDays(settings.start, d);
    const weekday = new Date(wallMidnight(date)).getUTCDay();
    if (holidays.has(date)) continue;
    for (const p of persons) {
      const weekend = weekday === 0 || weekday === 6;
      if ((weekend && random() > 0.03) || random() < 0.07) continue;
      const midnight = wallMidnight(date);
      const at = (hours: number) => localToUtc(p.zone, midnight + hours * HOUR);
      const begin = between(random, 7.5, 10);
      const lunch = begin + between(random, 3, 4.5);
      const back = lunch + between(random, 0.5, 1);
      const finish = back + between(random, 3, 5);
      const machine = p.machines.length > 1 && random() < 0.3 ? 1 : 0;
      for (const [from, to] of [
        [begin, lunch],
        [back, finish],
      ] as const) {
        run(p, p.products[0]!, machine, at(from), at(to));
        // A second product alongside the first, for a while.
        if (p.products.length > 1 && random() < 0.3) {
          const s = between(random, from, to);
          run(p, p.products[1]!, machine, at(s), at(Math.min(to, s + between(random, 0.3, 2))));
        }
        // Three machines at once, now and then: what the per-user mode decides. The
        // third starts 6 minutes after the second, so both start early enough to end in the block.
        if (p.machines.length === 3 && random() < 0.15) {
          const s = between(random, from, to - 0.2);
          run(p, p.products[0]!, 1, at(s), at(Math.min(to, s + 1)));
          run(p, p.products[0]!, 2, at(s + 0.1), at(Math.min(to, s + 1.2)));
        }
      }
    }
  }
  runs.sort((a, b) => a.start - b.start || a.id - b.id);
  return { users: persons.map(({ name, email, externalId, groups }) => ({ name, email, externalId, groups })), runs };
}
