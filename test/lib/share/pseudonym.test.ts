import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pseudonymizer, type PersonalKind } from '../../../src/lib/share/pseudonym.ts';

const key = (seed: number) => new Uint8Array(32).map((_, i) => (i * 31 + seed) & 0xff);

describe('pseudonyms', () => {
  it('are stable for one key, whatever the spaces (and the case of e-mails and hosts)', async () => {
    const a = await pseudonymizer(key(1));
    const b = await pseudonymizer(key(1));
    expect(await a('user', 'jdoe')).toBe(await b('user', 'jdoe'));
    expect(await a('email', 'J.Doe@Example.com ')).toBe(await b('email', 'j.doe@example.com'));
    expect(await a('host', 'PC-01')).toBe(await b('host', 'pc-01'));
    // User names are told apart by case, as the vault does.
    expect(await a('user', 'JDoe')).not.toBe(await a('user', 'jdoe'));
    expect(await a('user', 'jdoe')).toMatch(/^user-[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(await a('email', 'x@y.z')).toMatch(/^mail-[0-9A-Z]{10}@pseudonym\.invalid$/);
    expect(await a('host', 'build-01')).toMatch(/^host-/);
    expect(await a('ip', '10.0.0.1')).toMatch(/^ip-/);
  });

  it('differ between keys and between kinds, and tell people apart', async () => {
    const a = await pseudonymizer(key(1));
    const b = await pseudonymizer(key(2));
    expect(await a('user', 'jdoe')).not.toBe(await b('user', 'jdoe'));
    expect((await a('user', 'jdoe')).slice(5)).not.toBe((await a('host', 'jdoe')).slice(5));
    const names = Array.from({ length: 2000 }, (_, i) => `user${i}`);
    const out = await Promise.all(names.map((n) => a('user', n)));
    expect(new Set(out).size).toBe(names.length);
  });

  it('reveal nothing of the original: fixed length, no piece of it', async () => {
    const p = await pseudonymizer(key(3));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<PersonalKind>('user', 'host', 'ip'),
        fc.string({ minLength: 1, maxLength: 80 }),
        async (kind, value) => {
          const out = await p(kind, value);
          expect(out.length).toBe(kind === 'ip' ? 13 : 15);
          const code = out.slice(out.indexOf('-') + 1);
          for (let i = 0; i + 4 <= value.length; i++)
            expect(code.toLowerCase()).not.toContain(value.slice(i, i + 4).toLowerCase());
        },
      ),
    );
  });
});
