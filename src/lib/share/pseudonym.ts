/**
 * Stable pseudonyms for what identifies people: user names, e-mails, host
 * names and IPs. Each is HMAC-SHA-256 of the original under a secret key that
 * never leaves the sharer's browser, so the same person gets the same
 * pseudonym in every snapshot made there (reports can be compared), while the
 * pseudonym reveals nothing: it has a fixed length, and without the key no one
 * can test guesses (a plain hash of an e-mail could be looked up).
 */

export type PersonalKind = 'user' | 'email' | 'host' | 'ip';

const PREFIX: Record<PersonalKind, string> = { user: 'user', email: 'mail', host: 'host', ip: 'ip' };
// Crockford's base32: no I, L, O, U, so a pseudonym cannot be misread or spell a word.
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export interface Pseudonymizer {
  /** The pseudonym of `value`. Surrounding spaces do not matter, nor case in e-mails and host names. */
  (kind: PersonalKind, value: string): Promise<string>;
}

function base32(bytes: Uint8Array, chars: number): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      bits -= 5;
      out += BASE32[(acc >> bits) & 31];
    }
    if (out.length === chars) break;
  }
  return out;
}

export function newPseudonymKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(32));
}

/** A pseudonymizer over `key` (32 random bytes). Needs Web Crypto (a secure page: https or localhost). */
export async function pseudonymizer(key: Uint8Array): Promise<Pseudonymizer> {
  if (!globalThis.crypto?.subtle)
    throw new Error('Pseudonyms need the browser’s Web Crypto, which only secure (https) pages have.');
  const hmac = await crypto.subtle.importKey(
    'raw',
    key as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const cache = new Map<string, string>();
  return async (kind, value) => {
    // E-mail addresses and host names ignore case; user names do not (the vault tells "JDoe" from "jdoe").
    const v = value.trim();
    const canonical = `${kind}\u0000${kind === 'email' || kind === 'host' ? v.toLowerCase() : v}`;
    const known = cache.get(canonical);
    if (known !== undefined) return known;
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmac, new TextEncoder().encode(canonical)));
    // 10 base32 characters = 50 bits: collisions stay unlikely even for a million people.
    const code = base32(mac, 10);
    const pseudonym = kind === 'email' ? `${PREFIX[kind]}-${code}@pseudonym.invalid` : `${PREFIX[kind]}-${code}`;
    cache.set(canonical, pseudonym);
    return pseudonym;
  };
}
