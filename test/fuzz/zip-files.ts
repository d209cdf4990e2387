/**
 * A small ZIP writer for the `.npz` fuzz target, written from PKWARE's APPNOTE (not from our reader):
 * local headers, stored or deflated data, the central directory and its end record, and optionally the
 * zip64 layout numpy always uses (sizes and offsets 0xFFFFFFFF, the real values in a zip64 extra field, a
 * zip64 end record and its locator). It also returns where every header field sits, so the fuzzer can set
 * one field to a value readers trip on.
 *
 * @module
 */

import { crc32, deflateRawSync } from 'node:zlib';

/** One member to write. */
export interface ZipMember {
  name: string;
  bytes: Uint8Array;
  deflate: boolean;
}

/** A header field of the written archive: where it is and how wide. */
export interface ZipField {
  name: string;
  offset: number;
  width: 2 | 4 | 8;
}

const MAX32 = 0xffffffff;

class Writer {
  readonly chunks: Uint8Array[] = [];
  readonly fields: ZipField[] = [];
  length = 0;

  bytes(b: Uint8Array): void {
    this.chunks.push(b);
    this.length += b.length;
  }

  int(value: number | bigint, width: 2 | 4 | 8, field?: string): void {
    const b = new Uint8Array(width);
    const view = new DataView(b.buffer);
    if (width === 2) view.setUint16(0, Number(value), true);
    else if (width === 4) view.setUint32(0, Number(value), true);
    else view.setBigUint64(0, BigInt(value), true);
    if (field) this.fields.push({ name: field, offset: this.length, width });
    this.bytes(b);
  }

  result(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

/** The bytes of an archive of `members`, and the positions of its header fields. */
export function zipBytes(
  members: readonly ZipMember[],
  zip64: boolean,
): { bytes: Uint8Array; fields: ZipField[] } {
  const w = new Writer();
  const written = members.map((m, k) => {
    const name = new TextEncoder().encode(m.name);
    const data = m.deflate ? new Uint8Array(deflateRawSync(m.bytes)) : m.bytes;
    const crc = crc32(m.bytes) >>> 0;
    const offset = w.length;
    const extra = zip64 ? 20 : 0;
    w.int(0x04034b50, 4);
    w.int(zip64 ? 45 : 20, 2);
    w.int(0, 2);
    w.int(m.deflate ? 8 : 0, 2, `local ${k} method`);
    w.int(0, 2);
    w.int(0x21, 2);
    w.int(crc, 4);
    w.int(zip64 ? MAX32 : data.length, 4, `local ${k} compressed size`);
    w.int(zip64 ? MAX32 : m.bytes.length, 4, `local ${k} size`);
    w.int(name.length, 2, `local ${k} name length`);
    w.int(extra, 2, `local ${k} extra length`);
    w.bytes(name);
    if (zip64) {
      w.int(0x0001, 2);
      w.int(16, 2);
      w.int(m.bytes.length, 8);
      w.int(data.length, 8);
    }
    w.bytes(data);
    return { m, name, data, crc, offset };
  });
  const cdOffset = w.length;
  written.forEach(({ m, name, data, crc, offset }, k) => {
    w.int(0x02014b50, 4, `central ${k} signature`);
    w.int(45, 2);
    w.int(zip64 ? 45 : 20, 2);
    w.int(0, 2, `central ${k} flags`);
    w.int(m.deflate ? 8 : 0, 2, `central ${k} method`);
    w.int(0, 2);
    w.int(0x21, 2);
    w.int(crc, 4, `central ${k} crc`);
    w.int(zip64 ? MAX32 : data.length, 4, `central ${k} compressed size`);
    w.int(zip64 ? MAX32 : m.bytes.length, 4, `central ${k} size`);
    w.int(name.length, 2, `central ${k} name length`);
    w.int(zip64 ? 28 : 0, 2, `central ${k} extra length`);
    w.int(0, 2, `central ${k} comment length`);
    w.int(0, 2);
    w.int(0, 2);
    w.int(0, 4);
    w.int(zip64 ? MAX32 : offset, 4, `central ${k} local offset`);
    w.bytes(name);
    if (zip64) {
      w.int(0x0001, 2, `central ${k} zip64 id`);
      w.int(24, 2, `central ${k} zip64 length`);
      w.int(m.bytes.length, 8, `central ${k} zip64 size`);
      w.int(data.length, 8, `central ${k} zip64 compressed size`);
      w.int(offset, 8, `central ${k} zip64 local offset`);
    }
  });
  const cdSize = w.length - cdOffset;
  if (zip64) {
    const record = w.length;
    w.int(0x06064b50, 4, 'zip64 end signature');
    w.int(44, 8);
    w.int(45, 2);
    w.int(45, 2);
    w.int(0, 4);
    w.int(0, 4);
    w.int(members.length, 8, 'zip64 end entries on disk');
    w.int(members.length, 8, 'zip64 end entries');
    w.int(cdSize, 8, 'zip64 end directory size');
    w.int(cdOffset, 8, 'zip64 end directory offset');
    w.int(0x07064b50, 4, 'zip64 locator signature');
    w.int(0, 4);
    w.int(record, 8, 'zip64 locator offset');
    w.int(1, 4);
  }
  w.int(0x06054b50, 4, 'end signature');
  w.int(0, 2);
  w.int(0, 2);
  w.int(zip64 ? 0xffff : members.length, 2, 'end entries on disk');
  w.int(zip64 ? 0xffff : members.length, 2, 'end entries');
  w.int(zip64 ? MAX32 : cdSize, 4, 'end directory size');
  w.int(zip64 ? MAX32 : cdOffset, 4, 'end directory offset');
  w.int(0, 2, 'end comment length');
  return { bytes: w.result(), fields: w.fields };
}

/** Values that a field is set to: the edges and values near the file's own size. */
export function fieldValue(field: ZipField, pick: number, fileLength: number, current: bigint): bigint {
  const max = field.width === 2 ? 0xffffn : field.width === 4 ? 0xffffffffn : 2n ** 64n - 1n;
  const options = [
    0n,
    1n,
    max,
    max - 1n,
    current + 1n,
    current > 0n ? current - 1n : 0n,
    BigInt(fileLength),
    BigInt(fileLength) + 1n,
    2n ** 31n - 1n,
    2n ** 53n,
  ].map((v) => (v > max ? max : v));
  return options[pick % options.length]!;
}

/** `bytes` with one field set to `value` (a copy). */
export function setField(bytes: Uint8Array, field: ZipField, value: bigint): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  if (field.width === 2) view.setUint16(field.offset, Number(value), true);
  else if (field.width === 4) view.setUint32(field.offset, Number(value), true);
  else view.setBigUint64(field.offset, value, true);
  return out;
}

/** The current value of a field. */
export function getField(bytes: Uint8Array, field: ZipField): bigint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (field.width === 2) return BigInt(view.getUint16(field.offset, true));
  if (field.width === 4) return BigInt(view.getUint32(field.offset, true));
  return view.getBigUint64(field.offset, true);
}
