// The journal's line format, pure functions only (no I/O).
// One committed transaction per line:  <crc32 as 8 hex> <json>\n
// where json = {"seq":N,"s":[[sql, params|null], ...]}. The checksum covers the json text, so a
// torn or damaged line is detected; JSON escapes newlines, so a line never contains a raw one.
import type { SqlParams, SqlValue } from './types';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// JSON cannot carry blobs, non-finite numbers or bigints: tag them.
type Encoded = unknown;

function encodeValue(v: unknown): Encoded {
  if (v === undefined) return null;
  if (v instanceof Uint8Array) return { $b: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  if (typeof v === 'number' && !Number.isFinite(v)) return { $n: String(v) };
  if (typeof v === 'bigint') return { $i: v.toString() };
  return v;
}

function decodeValue(v: unknown): SqlValue {
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, string>;
    if (typeof o.$b === 'string') return new Uint8Array(Buffer.from(o.$b, 'base64'));
    if (typeof o.$n === 'string') return Number(o.$n);
    if (typeof o.$i === 'string') return BigInt(o.$i) as unknown as SqlValue;
  }
  return v as SqlValue;
}

export function encodeParams(params: SqlParams | undefined): Encoded {
  if (params === undefined || params === null) return null;
  if (Array.isArray(params)) return params.map(encodeValue);
  const out: Record<string, Encoded> = {};
  for (const [k, v] of Object.entries(params)) out[k] = encodeValue(v);
  return out;
}

export function decodeParams(encoded: unknown): SqlParams | undefined {
  if (encoded === null || encoded === undefined) return undefined;
  if (Array.isArray(encoded)) return encoded.map(decodeValue);
  const out: Record<string, SqlValue> = {};
  for (const [k, v] of Object.entries(encoded as Record<string, unknown>)) out[k] = decodeValue(v);
  return out;
}

/** One statement, serialised at the moment it ran (later mutation of params cannot change it). */
export function encodeStatement(sql: string, params: SqlParams | undefined): string {
  return JSON.stringify([sql, encodeParams(params)]);
}

export function formatLine(seq: number, encodedStatements: readonly string[]): Buffer {
  const json = `{"seq":${seq},"s":[${encodedStatements.join(',')}]}`;
  const body = Buffer.from(json, 'utf8');
  const crc = crc32(body).toString(16).padStart(8, '0');
  return Buffer.concat([Buffer.from(`${crc} `, 'ascii'), body, Buffer.from('\n', 'ascii')]);
}

export interface JournalEntry {
  seq: number;
  statements: Array<{ sql: string; params: SqlParams | undefined }>;
  /** Byte offset just after this line's newline. */
  end: number;
}

export interface ParsedJournal {
  entries: JournalEntry[];
  /** Byte length of the valid prefix: everything after it is torn or damaged. */
  validBytes: number;
  /** Why parsing stopped before the end of the file, if it did. */
  stop: null | { offset: number; reason: 'torn' | 'checksum' | 'format' | 'sequence' };
  /** True when valid-looking lines follow the bad one: more than a torn tail was lost. */
  dataAfterStop: boolean;
}

function parseLine(line: Buffer): { seq: number; s: unknown[] } | 'checksum' | 'format' {
  if (line.length < 10 || line[8] !== 0x20) return 'format';
  const crcText = line.subarray(0, 8).toString('ascii');
  if (!/^[0-9a-f]{8}$/.test(crcText)) return 'format';
  const body = line.subarray(9);
  if (crc32(body) !== parseInt(crcText, 16)) return 'checksum';
  try {
    const obj = JSON.parse(body.toString('utf8')) as { seq?: unknown; s?: unknown };
    if (!Number.isSafeInteger(obj.seq) || !Array.isArray(obj.s)) return 'format';
    return { seq: obj.seq as number, s: obj.s };
  } catch {
    return 'format';
  }
}

/**
 * Reads the journal's lines in order and keeps the longest valid prefix whose sequence numbers
 * follow each other. Lines already folded into the snapshot (seq <= snapshotSeq) are kept in
 * `entries` too; the caller skips them.
 */
export function parseJournal(buf: Buffer): ParsedJournal {
  const entries: JournalEntry[] = [];
  let offset = 0;
  let prevSeq: number | null = null;
  while (offset < buf.length) {
    const nl = buf.indexOf(0x0a, offset);
    if (nl < 0) {
      return { entries, validBytes: offset, stop: { offset, reason: 'torn' }, dataAfterStop: false };
    }
    const parsed = parseLine(buf.subarray(offset, nl));
    let reason: 'checksum' | 'format' | 'sequence' | null = null;
    if (parsed === 'checksum' || parsed === 'format') reason = parsed;
    else if (prevSeq !== null && parsed.seq !== prevSeq + 1) reason = 'sequence';
    if (reason !== null || typeof parsed === 'string') {
      const rest = buf.subarray(nl + 1);
      const dataAfterStop = rest.some((b) => b !== 0x0a && b !== 0x00);
      return { entries, validBytes: offset, stop: { offset, reason: reason ?? 'format' }, dataAfterStop };
    }
    const statements = parsed.s.map((st) => {
      const pair = st as [string, unknown];
      return { sql: String(pair[0]), params: decodeParams(pair[1]) };
    });
    prevSeq = parsed.seq;
    offset = nl + 1;
    entries.push({ seq: parsed.seq, statements, end: offset });
  }
  return { entries, validBytes: offset, stop: null, dataAfterStop: false };
}
