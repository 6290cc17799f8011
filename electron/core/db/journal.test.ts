import { describe, expect, it } from 'vitest';
import { crc32, encodeStatement, formatLine, parseJournal } from './journal';

const line = (seq: number, sql = 'UPDATE t SET a = ?', params: unknown[] = [seq]) =>
  formatLine(seq, [encodeStatement(sql, params as never)]);

describe('journal lines', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('round-trips statements, including blobs, named params and odd numbers', () => {
    const blob = new Uint8Array([0, 1, 2, 255]);
    const buf = Buffer.concat([
      formatLine(1, [encodeStatement('INSERT INTO t VALUES (?, ?, ?)', [blob, 'é\n"x"', null])]),
      formatLine(2, [encodeStatement('UPDATE t SET a = :a', { ':a': 1.5 }), encodeStatement('DELETE FROM t', undefined)]),
    ]);
    const parsed = parseJournal(buf);
    expect(parsed.stop).toBeNull();
    expect(parsed.validBytes).toBe(buf.length);
    expect(parsed.entries.map((e) => e.seq)).toEqual([1, 2]);
    const [first, second] = parsed.entries;
    expect(first!.statements[0]!.params).toEqual([blob, 'é\n"x"', null]);
    expect(second!.statements[0]!.params).toEqual({ ':a': 1.5 });
    expect(second!.statements[1]).toEqual({ sql: 'DELETE FROM t', params: undefined });
  });

  it('stops at a torn last line without calling it damage', () => {
    const whole = Buffer.concat([line(1), line(2)]);
    const torn = whole.subarray(0, whole.length - 5);
    const parsed = parseJournal(torn);
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.validBytes).toBe(line(1).length);
    expect(parsed.stop?.reason).toBe('torn');
    expect(parsed.dataAfterStop).toBe(false);
  });

  it('stops at a line whose checksum does not match and reports the data after it', () => {
    const l2 = Buffer.from(line(2));
    l2[20] = l2[20] === 0x41 ? 0x42 : 0x41;
    const parsed = parseJournal(Buffer.concat([line(1), l2, line(3)]));
    expect(parsed.entries.map((e) => e.seq)).toEqual([1]);
    expect(parsed.stop?.reason).toBe('checksum');
    expect(parsed.dataAfterStop).toBe(true);
  });

  it('stops where sequence numbers do not follow each other', () => {
    const parsed = parseJournal(Buffer.concat([line(1), line(2), line(4)]));
    expect(parsed.entries.map((e) => e.seq)).toEqual([1, 2]);
    expect(parsed.stop?.reason).toBe('sequence');
  });
});
