import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from './base64';

const reference = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('bytesToBase64', () => {
  it('encodes the empty file and short tails with the right padding', () => {
    expect(bytesToBase64(new Uint8Array([]))).toBe('');
    expect(bytesToBase64(new Uint8Array([0x4d]))).toBe('TQ==');
    expect(bytesToBase64(new Uint8Array([0x4d, 0x61]))).toBe('TWE=');
    expect(bytesToBase64(new Uint8Array([0x4d, 0x61, 0x6e]))).toBe('TWFu');
  });

  it('matches Node for any bytes, whatever the chunk boundaries', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 1, max: 20 }), (bytes, k) => {
        expect(bytesToBase64(bytes, 3 * k)).toBe(reference(bytes));
      }),
    );
  });

  it('encodes Windows-1252 and UTF-8 bytes unchanged (the core detects encodings)', () => {
    const latin1 = new Uint8Array([0x45, 0x6c, 0xe8, 0x76, 0x65]); // "Elève" in Windows-1252
    expect(Buffer.from(bytesToBase64(latin1), 'base64')).toEqual(Buffer.from(latin1));
  });

  it('handles a 20 MB export quickly', () => {
    const big = new Uint8Array(20 * 1024 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
    const started = performance.now();
    const encoded = bytesToBase64(big);
    const elapsed = performance.now() - started;
    expect(encoded.length).toBe(Math.ceil(big.length / 3) * 4);
    expect(encoded).toBe(reference(big));
    expect(elapsed).toBeLessThan(5000);
  });

  it('refuses a chunk size that would put padding mid-stream', () => {
    expect(() => bytesToBase64(new Uint8Array([1, 2, 3]), 4)).toThrow();
  });
});
