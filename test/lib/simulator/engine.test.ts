/**
 * Each rule of docs/DOMAIN.md §4 on small hand-made demand: the engine's sessions,
 * denials and log say what the vault would do.
 */
import { describe, expect, test } from 'vitest';
import { DEFAULT_CATALOG } from '../../../src/lib/simulator/catalog.ts';
import {
  offlineRelease,
  simulate,
  type Organisation,
  type ProductRun,
  type SimUser,
  type SimulationInput,
} from '../../../src/lib/simulator/engine.ts';
import { trueUpLimit } from '../../../src/lib/billing/true-up.ts';
import { PLAN_PRESETS, RELEASE_DELAYS, trialRules, trueUpTerms, type Rules } from '../../../src/lib/simulator/rules.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 9, 5, 9, 0); // Monday 5 Oct 2026, 09:00 UTC
const at = (minutes: number) => T0 + minutes * MINUTE;

const users: SimUser[] = ['alice', 'bob', 'carol', 'dave', 'erin'].map((name) => ({
  name,
  email: `${name}@example.com`,
  externalId: `ext-${name}`,
  groups: name === 'erin' ? ['contractors'] : ['developers', name === 'bob' ? 'data' : 'platform'],
}));
const many: SimUser[] = Array.from({ length: 40 }, (_, i) => ({
  name: `u${i}`,
  email: null,
  externalId: `x${i}`,
  groups: ['developers'],
}));

function org(capacity: Record<string, number>, people = users): Organisation {
  return { users: people, catalog: DEFAULT_CATALOG, capacity };
}

let id = 0;
function run(
  user: string,
  product: string,
  machine: string,
  start: number,
  end: number | null,
  ending: 'close' | 'offline' = 'close',
): ProductRun {
  return { id: ++id, user, product, machine, ip: '10.0.0.1', start, end, ending };
}

function sim(rules: Rules, organisation: Organisation, runs: ProductRun[], extra: Partial<SimulationInput> = {}) {
  return simulate({ organisation, rules, runs, until: at(10 * 24 * 60), ...extra });
}

const floating = PLAN_PRESETS['enterprise-floating'];
const IDEA = 'IntelliJ IDEA Ultimate';

describe('release', () => {
  test('a machine that goes offline is released 20 to 30 minutes later, never earlier', () => {
    for (let gone = at(0); gone < at(30); gone += 17_000) {
      const release = offlineRelease(floating, gone);
      expect(release - gone).toBeGreaterThanOrEqual(20 * MINUTE);
      expect(release - gone).toBeLessThan(30 * MINUTE);
    }
    const result = sim(floating, org({ [IDEA]: 1 }), [
      run('alice', IDEA, 'a1', at(0), at(63), 'offline'),
      run('bob', IDEA, 'b1', at(85), at(120)),
      run('carol', IDEA, 'c1', at(90), at(120)),
    ]);
    // Went away at 10:03; checks at :00 :10 …: silent for 20 minutes at 10:23, released at the 10:30 check.
    expect(result.sessions[0]).toMatchObject({ license: IDEA, from: at(0), to: at(90) });
    expect(result.denials.map((d) => [d.user.name, d.reason])).toEqual([['bob', 'no_available_licenses']]);
    expect(result.sessions.map((s) => s.user.name)).toEqual(['alice', 'carol']);
  });

  test('closing releases at once in Floating mode: the next user gets the license at the same instant', () => {
    const result = sim(floating, org({ [IDEA]: 1 }), [
      run('alice', IDEA, 'a1', at(0), at(60)),
      run('bob', IDEA, 'b1', at(60), at(90)),
    ]);
    expect(result.denials).toEqual([]);
    expect(result.sessions.map((s) => [s.user.name, s.from, s.to])).toEqual([
      ['alice', at(0), at(60)],
      ['bob', at(60), at(90)],
    ]);
    expect(result.log.filter((l) => l.kind === 'release')[0]!.text).toContain('closed in Floating mode');
  });

  test('without Floating mode a closed license is held for the release delay, then released', () => {
    const rules: Rules = { ...PLAN_PRESETS['organization-true-up'], releaseDelayMs: RELEASE_DELAYS.threeDays };
    const result = sim(rules, org({ [IDEA]: 1 }), [
      run('alice', IDEA, 'a1', at(0), at(60)),
      run('bob', IDEA, 'b1', at(120), at(180)),
      run('alice', IDEA, 'a1', at(24 * 60), at(25 * 60)),
      run('bob', IDEA, 'b1', at(25 * 60 + 3 * 24 * 60), at(26 * 60 + 3 * 24 * 60)),
    ]);
    // Bob is denied while Alice's license is held; Alice comes back to the same allocation; three days after her last use Bob gets it.
    expect(result.denials.map((d) => [d.user.name, d.at])).toEqual([['bob', at(120)]]);
    const alice = result.sessions.filter((s) => s.user.name === 'alice');
    expect(new Set(alice.map((s) => s.allocationId)).size).toBe(1);
    expect(result.sessions.at(-1)).toMatchObject({ license: IDEA, from: at(25 * 60 + 3 * 24 * 60) });
    expect(result.sessions.at(-1)!.user.name).toBe('bob');
  });

  test('the two documented delays are presets: three days and a month', () => {
    expect(RELEASE_DELAYS.threeDays).toBe(3 * 24 * 60 * MINUTE);
    expect(RELEASE_DELAYS.month).toBe(30 * 24 * 60 * MINUTE);
    expect(PLAN_PRESETS['organization-true-up'].releaseDelayMs).toBe(RELEASE_DELAYS.month);
  });
});

describe('per-user licensing', () => {
  const three = () => [
    run('alice', IDEA, 'm1', at(0), at(120)),
    run('alice', IDEA, 'm2', at(10), at(120)),
    run('alice', IDEA, 'm3', at(20), at(120)),
  ];

  test('two machines share one license', () => {
    const result = sim(floating, org({ [IDEA]: 5 }), three().slice(0, 2));
    expect(new Set(result.sessions.map((s) => s.allocationId)).size).toBe(1);
    expect(result.maxHeld[IDEA]).toBe(1);
  });

  test('allocate-new: a third machine takes one more license', () => {
    const result = sim({ ...floating, perUserMode: 'allocate-new' }, org({ [IDEA]: 5 }), three());
    expect(new Set(result.sessions.map((s) => s.allocationId)).size).toBe(2);
    expect(result.maxHeld[IDEA]).toBe(2);
  });

  test('take-oldest-out: the machine unused longest loses the license to the new one', () => {
    const result = sim({ ...floating, perUserMode: 'take-oldest-out' }, org({ [IDEA]: 5 }), three());
    expect(new Set(result.sessions.map((s) => s.allocationId)).size).toBe(1);
    expect(result.sessions.find((s) => s.host === 'm1')!.to).toBe(at(20));
    expect(result.log.some((l) => l.kind === 'transfer' && l.text.includes('taken from m1'))).toBe(true);
    expect(result.maxHeld[IDEA]).toBe(1);
  });

  test('prohibited: a third machine is denied', () => {
    const result = sim({ ...floating, perUserMode: 'prohibited' }, org({ [IDEA]: 5 }), three());
    expect(result.sessions).toHaveLength(2);
    expect(result.denials.map((d) => [d.host, d.reason])).toEqual([['m3', 'access_rule']]);
  });

  test('one allocation survives a product switch covered by the same license', () => {
    const result = sim(floating, org({ 'All Products Pack': 2 }), [
      run('alice', 'PyCharm', 'm1', at(0), at(60)),
      run('alice', 'GoLand', 'm1', at(30), at(90)),
    ]);
    expect(result.sessions.map((s) => [s.license, s.allocationId])).toEqual([
      ['All Products Pack', result.sessions[0]!.allocationId],
      ['All Products Pack', result.sessions[0]!.allocationId],
    ]);
  });
});

describe('allocation order and True-Up', () => {
  test('a regular license for the product, then a pack, then True-Up for the product, then a True-Up pack, else deny', () => {
    const rules: Rules = { ...floating, trueUp: { enabled: true, limitPercent: 30 } };
    const runs = many.slice(0, 27).map((u, i) => run(u.name, IDEA, `h${i}`, at(i), at(500)));
    const result = sim(rules, org({ [IDEA]: 10, 'All Products Pack': 10 }, many), runs);
    const pools = result.log
      .filter((l) => l.kind === 'allocate')
      .map((l) => `${l.license} ${/\((\w[\w-]*)\)/.exec(l.text)![1]}`);
    expect(pools).toEqual([
      ...Array(10).fill(`${IDEA} prepaid`),
      ...Array(10).fill('All Products Pack prepaid'),
      ...Array(3).fill(`${IDEA} true-up`),
      ...Array(3).fill('All Products Pack true-up'),
    ]);
    expect(result.denials.map((d) => [d.user.name, d.reason, d.requestedLicense])).toEqual([
      ['u26', 'no_available_licenses', IDEA],
    ]);
  });

  test('True-Up is refused below 10 licenses and capped at floor(capacity × limit)', () => {
    const rules: Rules = { ...floating, trueUp: { enabled: true, limitPercent: 30 } };
    expect(trueUpLimit(trueUpTerms(rules, 9, 'ide'))).toBeNull();
    expect(trueUpLimit(trueUpTerms(rules, 10, 'ide'))).toBe(3);
    expect(trueUpLimit(trueUpTerms(rules, 19, 'ide'))).toBe(5);
    expect(trueUpLimit(trueUpTerms({ ...rules, trueUp: { enabled: false, limitPercent: 30 } }, 19, 'ide'))).toBeNull();
    const runs = many.slice(0, 12).map((u, i) => run(u.name, 'PyCharm', `h${i}`, at(i), at(500)));
    const result = sim(rules, org({ 'PyCharm Professional': 9 }, many), runs);
    expect(result.maxHeld['PyCharm Professional']).toBe(9);
    expect(result.denials).toHaveLength(3);
  });

  test('no True-Up for a plugin, however many licenses it has', () => {
    const rules: Rules = { ...floating, trueUp: { enabled: true, limitPercent: 30 } };
    const PLUGIN = 'Code With Me';
    const catalog = [...DEFAULT_CATALOG, { name: PLUGIN, kind: 'plugin' as const, covers: [PLUGIN] }];
    const runs = many.slice(0, 12).map((u, i) => run(u.name, PLUGIN, `h${i}`, at(i), at(500)));
    const result = sim(rules, { users: many, catalog, capacity: { [PLUGIN]: 10 } }, runs);
    expect(result.maxHeld[PLUGIN]).toBe(10);
    expect(result.denials.map((d) => d.reason)).toEqual(['no_available_licenses', 'no_available_licenses']);
  });

  test('True-Up licenses are floating even without Floating mode', () => {
    const rules: Rules = { ...PLAN_PRESETS['organization-true-up'] };
    const runs = [
      ...many.slice(0, 11).map((u, i) => run(u.name, IDEA, `h${i}`, at(i), at(60))),
      run('u20', IDEA, 'h20', at(61), at(90)),
    ];
    const result = sim(rules, org({ [IDEA]: 10 }, many), runs);
    // u10's True-Up license is released at 60 and u20 gets True-Up again at 61; the ten prepaid ones stay held for a month.
    expect(result.denials).toEqual([]);
    const releases = result.log.filter((l) => l.kind === 'release');
    expect(releases.map((l) => [l.user, l.at])).toEqual([
      ['u10', at(60)],
      ['u20', at(90)],
    ]);
    expect(releases.every((l) => l.text.includes('True-Up licenses are floating'))).toBe(true);
  });
});

describe('access rules', () => {
  test('a deny rule for a user on a product', () => {
    const rules: Rules = {
      ...floating,
      access: {
        ...floating.access,
        rules: [{ effect: 'deny', users: ['bob'], groups: [], items: [], products: [IDEA] }],
      },
    };
    const result = sim(rules, org({ [IDEA]: 5 }), [
      run('alice', IDEA, 'a', at(0), at(10)),
      run('bob', IDEA, 'b', at(0), at(10)),
    ]);
    expect(result.denials.map((d) => [d.user.name, d.reason])).toEqual([['bob', 'access_rule']]);
  });

  test('a deny rule on one item leaves the pack that also covers the product', () => {
    const rules: Rules = {
      ...floating,
      access: {
        ...floating.access,
        rules: [{ effect: 'deny', users: ['bob'], groups: [], items: [IDEA], products: [] }],
      },
    };
    const result = sim(rules, org({ [IDEA]: 5, 'All Products Pack': 1 }), [run('bob', IDEA, 'b', at(0), at(10))]);
    expect(result.sessions.map((s) => s.license)).toEqual(['All Products Pack']);
  });

  test('the first matching rule decides', () => {
    const rules: Rules = {
      ...floating,
      access: {
        ...floating.access,
        rules: [
          { effect: 'allow', users: ['bob'], groups: [], items: [], products: [] },
          { effect: 'deny', users: [], groups: ['data'], items: [], products: ['IntelliJ IDEA Ultimate'] },
        ],
      },
    };
    const result = sim(rules, org({ [IDEA]: 5 }), [run('bob', IDEA, 'b', at(0), at(10))]);
    expect(result.denials).toEqual([]);
  });

  test('strict mode allows only what a rule grants', () => {
    const rules: Rules = {
      ...floating,
      access: {
        ...floating.access,
        strict: true,
        rules: [{ effect: 'allow', users: [], groups: ['data'], items: [], products: [] }],
      },
    };
    const result = sim(rules, org({ [IDEA]: 5 }), [
      run('alice', IDEA, 'a', at(0), at(10)),
      run('bob', IDEA, 'b', at(0), at(10)),
    ]);
    expect(result.sessions.map((s) => s.user.name)).toEqual(['bob']);
    expect(result.denials.map((d) => [d.user.name, d.reason])).toEqual([['alice', 'access_rule']]);
  });

  test('users outside the authorized group are denied', () => {
    const rules: Rules = { ...floating, access: { ...floating.access, authorizedGroup: 'developers' } };
    const result = sim(rules, org({ [IDEA]: 5 }), [
      run('erin', IDEA, 'e', at(0), at(10)),
      run('alice', IDEA, 'a', at(0), at(10)),
    ]);
    expect(result.denials.map((d) => [d.user.name, d.reason])).toEqual([['erin', 'not_in_authorized_group']]);
  });

  test('a priority user gets a license from an empty pool, counted over capacity', () => {
    const rules: Rules = { ...floating, access: { ...floating.access, priorityUsers: ['carol'] } };
    const result = sim(rules, org({ [IDEA]: 1 }), [
      run('alice', IDEA, 'a', at(0), at(60)),
      run('bob', IDEA, 'b', at(5), at(60)),
      run('carol', IDEA, 'c', at(10), at(60)),
    ]);
    expect(result.denials.map((d) => d.user.name)).toEqual(['bob']);
    expect(result.maxHeld[IDEA]).toBe(2);
    expect(result.log.find((l) => l.user === 'carol' && l.kind === 'allocate')!.text).toContain('priority');
  });
});

describe('revocation', () => {
  test('revoked sessions end at that instant and free the license', () => {
    const result = sim(
      PLAN_PRESETS['organization-true-up'],
      org({ [IDEA]: 1 }),
      [run('alice', IDEA, 'a', at(0), at(600)), run('bob', IDEA, 'b', at(121), at(200))],
      {
        revocations: [{ at: at(120), user: 'alice' }],
      },
    );
    expect(result.sessions.map((s) => [s.user.name, s.from, s.to])).toEqual([
      ['alice', at(0), at(120)],
      ['bob', at(121), at(200)],
    ]);
  });

  test('the sixth revocation in a month is refused on a 5-per-month plan; unlimited with Floating', () => {
    const runs = many.slice(0, 6).map((u, i) => run(u.name, IDEA, `h${i}`, at(i), at(5000)));
    const revocations = many.slice(0, 6).map((u, i) => ({ at: at(100 + i), user: u.name }));
    const limited = sim(PLAN_PRESETS['organization-true-up'], org({ [IDEA]: 10 }, many), runs, { revocations });
    expect(limited.log.filter((l) => l.kind === 'revoke')).toHaveLength(5);
    expect(limited.log.filter((l) => l.kind === 'refuse-revocation')[0]!.text).toContain('5 revocations a month');
    const unlimited = sim(trialRules(true), org({ [IDEA]: 10 }, many), runs, { revocations });
    expect(unlimited.log.filter((l) => l.kind === 'revoke')).toHaveLength(6);
    expect(trialRules(false).revocationsPerMonth).toBe(5);
  });

  test('a new month has its own limit', () => {
    const runs = many
      .slice(0, 6)
      .map((u, i) => run(u.name, IDEA, `h${i}`, Date.UTC(2026, 9, 30) + i * MINUTE, Date.UTC(2026, 10, 5)));
    const revocations = many
      .slice(0, 6)
      .map((u, i) => ({ at: i < 5 ? Date.UTC(2026, 9, 31, 12, i) : Date.UTC(2026, 10, 1, 9), user: u.name }));
    const result = simulate({
      organisation: org({ [IDEA]: 10 }, many),
      rules: PLAN_PRESETS['organization-true-up'],
      runs,
      revocations,
      until: Date.UTC(2026, 10, 10),
    });
    expect(result.log.filter((l) => l.kind === 'revoke')).toHaveLength(6);
  });
});

test('runs still going at the end of the simulation are open sessions', () => {
  const result = simulate({
    organisation: org({ [IDEA]: 2 }),
    rules: floating,
    runs: [run('alice', IDEA, 'a', at(0), null), run('bob', IDEA, 'b', at(0), at(5000))],
    until: at(600),
  });
  expect(result.sessions.map((s) => s.to)).toEqual([null, null]);
});
