/**
 * This browser's pseudonym key: made once, kept in local storage, never put
 * in a link. The same person gets the same pseudonym in every snapshot shared
 * from here, and no one without the key can tell who it is.
 */
import { fromBase64Url, toBase64Url } from '../../lib/share/base64url.ts';
import { newPseudonymKey } from '../../lib/share/pseudonym.ts';

const KEY = 'vaultlens.pseudonym-key.v1';

export function pseudonymKey(): Uint8Array {
  try {
    const stored = window.localStorage.getItem(KEY);
    const bytes = stored === null ? null : fromBase64Url(stored);
    if (bytes && bytes.length === 32) return bytes;
    const made = newPseudonymKey();
    window.localStorage.setItem(KEY, toBase64Url(made));
    return made;
  } catch {
    // Storage disabled: pseudonyms are stable for this visit only.
    return (sessionKey ??= newPseudonymKey());
  }
}

let sessionKey: Uint8Array | undefined;
