const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const PAD = '='.charCodeAt(0);
// Multiple of 3, so chunk encodings concatenate without padding in the middle.
const CHUNK = 3 * 1024 * 1024;

/**
 * Bytes → base64, fast for 20 MB exports: uses the engine's `Uint8Array#toBase64` when it has one,
 * else writes ASCII codes into a buffer and decodes it in one go (no per-byte strings, and no
 * `String.fromCharCode.apply`, which is slow on typed arrays in V8).
 */
export function bytesToBase64(bytes: Uint8Array, chunk: number = CHUNK): string {
  if (chunk <= 0 || chunk % 3 !== 0) throw new Error('chunk must be a positive multiple of 3');
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (typeof native === 'function' && chunk === CHUNK) return native.call(bytes);
  const decoder = new TextDecoder();
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += chunk) {
    parts.push(decoder.decode(encodeChunk(bytes.subarray(start, Math.min(start + chunk, bytes.length)))));
  }
  return parts.join('');
}

function encodeChunk(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  const whole = bytes.length - (bytes.length % 3);
  let o = 0;
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = CODES[n >>> 18]!;
    out[o++] = CODES[(n >>> 12) & 63]!;
    out[o++] = CODES[(n >>> 6) & 63]!;
    out[o++] = CODES[n & 63]!;
  }
  const rest = bytes.length - whole;
  if (rest > 0) {
    const n = (bytes[whole]! << 16) | (rest === 2 ? bytes[whole + 1]! << 8 : 0);
    out[o++] = CODES[n >>> 18]!;
    out[o++] = CODES[(n >>> 12) & 63]!;
    out[o++] = rest === 2 ? CODES[(n >>> 6) & 63]! : PAD;
    out[o] = PAD;
  }
  return out;
}

export async function fileToBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}
