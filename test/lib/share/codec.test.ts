import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../../../src/lib/share/base64url.ts';
import { deflateRaw, inflateRaw } from '../../../src/lib/share/compress.ts';

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

describe('deflate-raw', () => {
  it('round-trips', async () => {
    const bytes = new TextEncoder().encode('peak '.repeat(1000));
    const packed = await deflateRaw(bytes);
    expect(packed.length).toBeLessThan(bytes.length / 20);
    expect(await inflateRaw(packed, 10_000)).toEqual(bytes);
  });

  it('stops a bomb at the limit', async () => {
    const packed = await deflateRaw(new Uint8Array(5_000_000));
    await expect(inflateRaw(packed, 100_000)).rejects.toThrow(/more than 100000 bytes/);
  });

  it('refuses bytes that are not deflate data', async () => {
    await expect(inflateRaw(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x00, 0x13]), 1000)).rejects.toThrow();
  });
});
