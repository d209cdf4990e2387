/**
 * A small ZIP reader for `.npz` files: the entries are located through the central directory (never the local
 * headers' sizes, which numpy's forced zip64 sets to 0xFFFFFFFF), zip64 records are followed when present,
 * STORED entries are sliced and DEFLATE entries inflated with `node:zlib` (capped at the declared size), and
 * every entry's CRC-32 is checked. Every offset and size is bounds-checked against the file, so a corrupt
 * archive gives a `ModelFormatError` naming the file, never a crash or a huge allocation.
 *
 * Layout reference: PKWARE APPNOTE.TXT §4.3 (end of central directory 0x06054b50, zip64 locator 0x07064b50,
 * zip64 end record 0x06064b50, central header 0x02014b50, local header 0x04034b50, zip64 extra field 0x0001).
 *
 * @module
 */

import { crc32, inflateRawSync } from 'node:zlib';
import { ModelFormatError } from '../core/errors.js';
import { quoted } from '../core/printable.js';

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATE = 8;
const MAX32 = 0xffffffff;

/** One file of an archive. */
export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

class Reader {
  readonly view: DataView;
  readonly source: string;

  constructor(bytes: Uint8Array, source: string) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.source = source;
  }

  fail(what: string): never {
    throw new ModelFormatError({ subject: this.source, expected: 'a valid ZIP archive (.npz)', got: what });
  }

  check(offset: number, length: number, what: string): void {
    if (!Number.isSafeInteger(offset) || offset < 0 || offset + length > this.view.byteLength) {
      this.fail(`${what} outside the file (truncated or corrupt)`);
    }
  }

  u16(offset: number): number {
    this.check(offset, 2, 'a field');
    return this.view.getUint16(offset, true);
  }

  u32(offset: number): number {
    this.check(offset, 4, 'a field');
    return this.view.getUint32(offset, true);
  }

  u64(offset: number): number {
    this.check(offset, 8, 'a field');
    const v = this.view.getBigUint64(offset, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) this.fail('a 64-bit size beyond any real file');
    return Number(v);
  }
}

/** Offset of the end-of-central-directory record (searched backwards over the comment, ≤ 65535 bytes). */
function findEnd(r: Reader): number {
  const last = r.view.byteLength - 22;
  for (let o = last; o >= 0 && o >= last - 0xffff; o--) {
    if (r.view.getUint32(o, true) === EOCD) return o;
  }
  return r.fail('no end-of-central-directory record (not a ZIP file, or truncated)');
}

/** Entries of a ZIP archive, in central-directory order. */
export function readZip(bytes: Uint8Array, source: string): ZipEntry[] {
  const r: Reader = new Reader(bytes, source);
  if (bytes.length < 22) r.fail(`${bytes.length} bytes`);
  const end = findEnd(r);
  let count = r.u16(end + 10);
  let cdSize = r.u32(end + 12);
  let cdOffset = r.u32(end + 16);
  if (count === 0xffff || cdSize === MAX32 || cdOffset === MAX32) {
    const locator = end - 20;
    if (r.u32(locator) !== ZIP64_LOCATOR) r.fail('a zip64 archive without its zip64 locator');
    const record = r.u64(locator + 8);
    if (r.u32(record) !== ZIP64_EOCD) r.fail('a zip64 locator that points at no zip64 record');
    count = r.u64(record + 32);
    cdSize = r.u64(record + 40);
    cdOffset = r.u64(record + 48);
  }
  r.check(cdOffset, cdSize, 'the central directory');
  // Each central header takes at least 46 bytes, which bounds the count by the file's own size.
  if (count * 46 > cdSize) r.fail(`${count} entries in a central directory of ${cdSize} bytes`);
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (r.u32(p) !== CENTRAL) r.fail(`a broken central directory entry ${k}`);
    const flags = r.u16(p + 8);
    const method = r.u16(p + 10);
    const crc = r.u32(p + 16);
    let compressedSize = r.u32(p + 20);
    let size = r.u32(p + 24);
    const nameLength = r.u16(p + 28);
    const extraLength = r.u16(p + 30);
    const commentLength = r.u16(p + 32);
    let localOffset = r.u32(p + 42);
    r.check(p + 46, nameLength + extraLength + commentLength, 'an entry name');
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength));
    const shown = quoted(name);
    // zip64 extra field: the 64-bit values of exactly those fields that hold 0xFFFFFFFF, in this order.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = r.u16(e);
      const length = r.u16(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === MAX32) {
          size = r.u64(q);
          q += 8;
        }
        if (compressedSize === MAX32) {
          compressedSize = r.u64(q);
          q += 8;
        }
        if (localOffset === MAX32) localOffset = r.u64(q);
      }
      e += 4 + length;
    }
    if (flags & 0x1) r.fail(`an encrypted entry ${shown}`);
    if (r.u32(localOffset) !== LOCAL) r.fail(`entry ${shown} pointing at no local header`);
    const dataStart = localOffset + 30 + r.u16(localOffset + 26) + r.u16(localOffset + 28);
    r.check(dataStart, compressedSize, `the data of ${shown}`);
    const raw = bytes.subarray(dataStart, dataStart + compressedSize);
    let data: Uint8Array;
    if (method === STORED) {
      if (compressedSize !== size) r.fail(`stored entry ${shown} with differing sizes`);
      data = raw;
    } else if (method === DEFLATE) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) });
      } catch (err) {
        r.fail(`entry ${shown} that does not inflate (${(err as Error).message})`);
      }
      if (data.length !== size) r.fail(`entry ${shown} inflating to ${data.length} bytes, not ${size}`);
    } else {
      r.fail(`entry ${shown} compressed with method ${method} (only stored and deflate are read)`);
    }
    if (crc32(data) >>> 0 !== crc) r.fail(`entry ${shown} whose CRC-32 does not match (corrupt data)`);
    entries.push({ name, bytes: data });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
