// A table read for the anomaly scan as one UTF-8 buffer, and byte strings interned to small
// integers. The scan touches every guardian, student and link: making a JS string of each id, phone
// and name key cost more than the rules themselves (decoding, hashing, garbage collection). Here the
// table comes out of sql.js as a single BLOB (one copy), and the rules work on integers; a string is
// decoded only for what an anomaly shows (docs/decisions/012).

import type { Register, SqlValue } from '../db/types';

const FIELD = 0x1f;
const RECORD = 0x1e;
const NULL_BYTE = 0x02;

export interface Cells {
  count: number;
  width: number;
  buf: Uint8Array;
  /** Start of each field (row-major), then one past the end of the buffer + 1: field k is
   * buf[starts[k], starts[k + 1] - 1). */
  starts: Int32Array;
}

type Reader = Pick<Register, 'get' | 'all'>;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Reads `columns` of every row of `table`: fields joined by 0x1f, rows by 0x1e, NULL as the byte
 * 0x02. A value holding one of the separators would shift the fields: the rows are then read one
 * by one instead, exactly (names and contacts are cleaned of control characters on the way in,
 * so this is for damaged registers only). A value made of the single byte 0x02 reads as NULL.
 */
export function readCells(db: Reader, columns: readonly string[], table: string): Cells {
  const expr = columns.map((c) => `ifnull(${c}, char(2))`).join(' || char(31) || ');
  const row = db.get<{ n: number; x: Uint8Array | null }>(`SELECT count(*) AS n, CAST(group_concat(${expr}, char(30)) AS BLOB) AS x FROM ${table}`);
  const count = row?.n ?? 0;
  const width = columns.length;
  if (count === 0 || !(row?.x instanceof Uint8Array)) return { count: 0, width, buf: new Uint8Array(0), starts: new Int32Array(1) };
  return split(row.x, count, width) ?? readSlowly(db, columns, table);
}

function split(buf: Uint8Array, count: number, width: number): Cells | null {
  const starts = new Int32Array(count * width + 1);
  let k = 1;
  const total = count * width;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]!;
    if (b !== FIELD && b !== RECORD) continue;
    // The separator must be the one this field position expects.
    if (k >= total || (b === RECORD) !== (k % width === 0)) return null;
    starts[k++] = i + 1;
  }
  if (k !== total) return null;
  starts[total] = buf.length + 1;
  return { count, width, buf, starts };
}

function readSlowly(db: Reader, columns: readonly string[], table: string): Cells {
  return cellsOf(db.all<Record<string, SqlValue>>(`SELECT ${selectAs(columns)} FROM ${table}`), columns.length);
}

/** Columns aliased c0, c1…: some are expressions, whose default names SQLite leaves unspecified. */
export const selectAs = (columns: readonly string[]): string => columns.map((c, i) => `${c} AS c${i}`).join(', ');

/**
 * Rows read with selectAs as cells, each value encoded on its own: the fields are placed by their
 * offsets, so whatever bytes a value holds stay in it (a damaged table, the few rows a patch reads).
 */
export function cellsOf(rows: Record<string, SqlValue>[], width: number): Cells {
  const values: (Uint8Array | null)[] = [];
  let size = 0;
  for (const r of rows) {
    for (let i = 0; i < width; i++) {
      const v = r[`c${i}`];
      const bytes = v === null || v === undefined ? null : encoder.encode(String(v));
      values.push(bytes);
      size += (bytes ? bytes.length : 1) + 1;
    }
  }
  const buf = new Uint8Array(size);
  const starts = new Int32Array(values.length + 1);
  let at = 0;
  values.forEach((bytes, k) => {
    starts[k] = at;
    if (bytes) {
      buf.set(bytes, at);
      at += bytes.length;
    } else buf[at++] = NULL_BYTE;
    buf[at++] = FIELD;
  });
  // Each field is followed by one byte here, the last one too: field k ends at starts[k + 1] - 1.
  starts[values.length] = at;
  return { count: rows.length, width, buf, starts };
}

/** Field k's byte range [from, to) (without its separator). */
export const from = (c: Cells, k: number): number => c.starts[k]!;
export const to = (c: Cells, k: number): number => c.starts[k + 1]! - 1;

export const isNull = (c: Cells, k: number): boolean => c.starts[k + 1]! - c.starts[k]! === 2 && c.buf[c.starts[k]!] === NULL_BYTE;
export const isEmpty = (c: Cells, k: number): boolean => c.starts[k + 1]! - c.starts[k]! === 1;
/** Field k as text (null for NULL). */
export function text(c: Cells, k: number): string | null {
  if (isNull(c, k)) return null;
  return decoder.decode(c.buf.subarray(c.starts[k]!, c.starts[k + 1]! - 1));
}

/**
 * Byte strings → dense integers (0, 1, 2… in order of first sight), with their text decoded on
 * demand. Open addressing over FNV-1a hashes; the bytes are copied, so the source buffer may go.
 */
export class Interner {
  size = 0;
  private slots = new Int32Array(1024);
  private hashes = new Int32Array(256);
  /** Bytes of id i: store[offsets[i], offsets[i + 1]). */
  private offsets = new Int32Array(257);
  private store = new Uint8Array(4096);
  private texts: (string | undefined)[] = [];
  private scratch = new Uint8Array(256);

  /** The id of buf[start, end), added if new. */
  intern(buf: Uint8Array, start: number, end: number): number {
    return this.lookup(buf, start, end, true);
  }

  /** The id of buf[start, end), or -1. */
  find(buf: Uint8Array, start: number, end: number): number {
    return this.lookup(buf, start, end, false);
  }

  internText(s: string): number {
    const n = this.encode(s);
    const id = this.lookup(this.scratch, 0, n, true);
    this.texts[id] ??= s;
    return id;
  }

  findText(s: string): number {
    return this.lookup(this.scratch, 0, this.encode(s), false);
  }

  text(id: number): string {
    let t = this.texts[id];
    if (t === undefined) this.texts[id] = t = decoder.decode(this.store.subarray(this.offsets[id]!, this.offsets[id + 1]!));
    return t;
  }

  private encode(s: string): number {
    if (s.length * 3 > this.scratch.length) this.scratch = new Uint8Array(s.length * 3);
    return encoder.encodeInto(s, this.scratch).written;
  }

  private lookup(buf: Uint8Array, start: number, end: number, add: boolean): number {
    // As a 32-bit integer from the start: the hashes are kept in an Int32Array, and an empty
    // string (no byte hashed) must compare equal to its stored hash.
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    const slots = this.slots;
    const mask = slots.length - 1;
    const len = end - start;
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const v = slots[p]!;
      if (v === 0) break;
      const id = v - 1;
      if (this.hashes[id] !== h) continue;
      const a = this.offsets[id]!;
      if (this.offsets[id + 1]! - a !== len) continue;
      let same = true;
      for (let i = 0; i < len; i++) {
        if (this.store[a + i] !== buf[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return id;
    }
    if (!add) return -1;
    const id = this.size++;
    if (id + 1 >= this.hashes.length) {
      this.hashes = grow(this.hashes, this.hashes.length * 2);
      this.offsets = grow(this.offsets, this.hashes.length + 1);
    }
    const at = this.offsets[id]!;
    if (at + len > this.store.length) {
      const bigger = new Uint8Array(Math.max(this.store.length * 2, at + len));
      bigger.set(this.store);
      this.store = bigger;
    }
    const store = this.store;
    for (let i = 0; i < len; i++) store[at + i] = buf[start + i]!;
    this.offsets[id + 1] = at + len;
    this.hashes[id] = h;
    if (this.size * 2 > this.slots.length) this.rehash();
    else this.place(h, id);
    return id;
  }

  private place(h: number, id: number): void {
    const mask = this.slots.length - 1;
    let p = h & mask;
    while (this.slots[p] !== 0) p = (p + 1) & mask;
    this.slots[p] = id + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 4);
    for (let id = 0; id < this.size; id++) this.place(this.hashes[id]!, id);
  }
}

/** An Int32Array with room for `size` values, the old ones copied (new ones 0). */
export function grow(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/** The same for bytes (flags, ranks). */
export function growBytes(a: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(size);
  b.set(a);
  return b;
}
