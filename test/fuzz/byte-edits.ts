/**
 * Random edits of a byte string, for mutating valid files: bit flips, overwritten bytes and words (with the
 * values parsers trip on: 0, all ones, the int32 edges, NaN and Infinity as float32), inserted and deleted
 * runs, truncation and appended bytes. Positions are drawn as plain numbers and taken modulo the length at
 * apply time, so the same edits apply to inputs of any size and shrink well.
 *
 * @module
 */

import fc from 'fast-check';

/** One edit of a byte string. */
export type ByteEdit =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'word'; at: number; value: number; width: 2 | 4 }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'append'; bytes: Uint8Array };

/** Words that sit on the edges parsers get wrong. */
const WORDS = [
  0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 0x7fc00000, 0x7f800000,
  0xff800000,
];

const position = fc.nat({ max: 1 << 20 });

/** An arbitrary edit. */
export const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: position, value: fc.nat({ max: 255 }) }),
  fc.record({
    kind: fc.constant('word' as const),
    at: position,
    value: fc.constantFrom(...WORDS),
    width: fc.constantFrom(2 as const, 4 as const),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('append' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
);

/** Up to `max` edits (at least one). */
export function byteEdits(max = 3): fc.Arbitrary<ByteEdit[]> {
  return fc.array(byteEdit, { minLength: 1, maxLength: max });
}

function applyEdit(bytes: Uint8Array, edit: ByteEdit): Uint8Array {
  const n = bytes.length;
  switch (edit.kind) {
    case 'flip': {
      if (n === 0) return bytes;
      const out = bytes.slice();
      out[edit.at % n]! ^= 1 << edit.bit;
      return out;
    }
    case 'set': {
      if (n === 0) return bytes;
      const out = bytes.slice();
      out[edit.at % n] = edit.value;
      return out;
    }
    case 'word': {
      if (n < edit.width) return bytes;
      const out = bytes.slice();
      const at = edit.at % (n - edit.width + 1);
      const view = new DataView(out.buffer);
      if (edit.width === 2) view.setUint16(at, edit.value & 0xffff, true);
      else view.setUint32(at, edit.value >>> 0, true);
      return out;
    }
    case 'insert': {
      const at = edit.at % (n + 1);
      const out = new Uint8Array(n + edit.bytes.length);
      out.set(bytes.subarray(0, at));
      out.set(edit.bytes, at);
      out.set(bytes.subarray(at), at + edit.bytes.length);
      return out;
    }
    case 'delete': {
      if (n === 0) return bytes;
      const at = edit.at % n;
      const out = new Uint8Array(n - Math.min(edit.length, n - at));
      out.set(bytes.subarray(0, at));
      out.set(bytes.subarray(at + edit.length), at);
      return out;
    }
    case 'truncate':
      return bytes.slice(0, edit.at % (n + 1));
    case 'append': {
      const out = new Uint8Array(n + edit.bytes.length);
      out.set(bytes);
      out.set(edit.bytes, n);
      return out;
    }
  }
}

/** `bytes` after every edit, in order (a new array; the input is not modified). */
export function applyEdits(bytes: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  return edits.reduce(applyEdit, bytes);
}
