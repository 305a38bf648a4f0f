import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../../../src/lib/share/base64url.ts';
import { deflate, inflate } from '../../../src/lib/share/compress.ts';

describe('base64url', () => {
  it('round-trips any bytes and uses only URL-safe characters', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
    );
  });

  it('matches Node’s own base64url', () => {
    const bytes = new TextEncoder().encode('vaultlens ✓ <>?/+');
    expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
  });

  it('refuses characters outside the alphabet and impossible lengths', () => {
    expect(fromBase64Url('abc=')).toBeNull();
    expect(fromBase64Url('ab+c')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
  });
});

describe('zlib deflate', () => {
  it('round-trips', async () => {
    const bytes = new TextEncoder().encode('peak '.repeat(1000));
    const packed = await deflate(bytes);
    expect(packed.length).toBeLessThan(bytes.length / 20);
    expect(await inflate(packed, 10_000)).toEqual(bytes);
  });

  it('stops a bomb at the limit', async () => {
    const packed = await deflate(new Uint8Array(5_000_000));
    await expect(inflate(packed, 100_000)).rejects.toThrow(/more than 100000 bytes/);
  });

  it('refuses bytes that are not deflate data', async () => {
    await expect(inflate(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x00, 0x13]), 1000)).rejects.toThrow();
  });
});

describe('a checksum against edited links', () => {
  it('refuses every one-byte change of the packed data', async () => {
    const bytes = new TextEncoder().encode(
      JSON.stringify({
        usageRatio: 1.3,
        averageDailyUsage: 9.5333,
        timeZone: 'Europe/Berlin',
        days: [1, 2, 3, 4, 5, 6, 7],
      }),
    );
    const packed = await deflate(bytes);
    let accepted = 0;
    for (let i = 0; i < packed.length; i++) {
      for (const flip of [1, 0x10, 0x80]) {
        const edited = packed.slice();
        edited[i]! ^= flip;
        const out = await inflate(edited, 10_000).catch(() => null);
        if (out !== null && new TextDecoder().decode(out) !== new TextDecoder().decode(bytes)) accepted++;
      }
    }
    expect(accepted).toBe(0);
  });
});
