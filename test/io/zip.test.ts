/**
 * readZip on numpy's own .npz archives (forced zip64 local headers, stored and deflated) and on broken
 * archives cut from them.
 */
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ModelFormatError } from '../../src/core/errors.js';
import { readZip } from '../../src/io/zip.js';

function fixture(name: string): Uint8Array {
  return readFileSync(new URL(`../fixtures/npy/${name}`, import.meta.url));
}

function refusal(bytes: Uint8Array): string {
  try {
    readZip(bytes, 'a.npz');
  } catch (e) {
    expect(e).toBeInstanceOf(ModelFormatError);
    return (e as Error).message;
  }
  return expect.fail('readZip accepted the input');
}

describe('readZip', () => {
  it("lists the members of numpy's stored and compressed archives with their exact bytes", () => {
    const stored = readZip(fixture('xy_stored.npz'), 'xy_stored.npz');
    const compressed = readZip(fixture('xy_compressed.npz'), 'xy_compressed.npz');
    expect(stored.map((e) => e.name)).toEqual(['X.npy', 'y.npy']);
    expect(compressed.map((e) => e.name)).toEqual(['X.npy', 'y.npy']);
    for (let k = 0; k < 2; k++) expect(compressed[k]!.bytes).toEqual(stored[k]!.bytes);
    expect(stored[0]!.bytes.length).toBe(224);
  });

  it('refuses every truncation of an archive', () => {
    const bytes = fixture('xy_compressed.npz');
    for (let cut = 0; cut < bytes.length; cut++) refusal(bytes.subarray(0, cut));
  });

  it('detects corrupt member data through the CRC-32', () => {
    const bytes = fixture('xy_stored.npz').slice();
    const at = bytes.indexOf(0x93); // first byte of X.npy's data (its magic)
    bytes[at + 200] = bytes[at + 200]! ^ 0xff;
    expect(refusal(bytes)).toMatch(/CRC-32/);
  });

  it('refuses data that is not a ZIP archive', () => {
    expect(refusal(new Uint8Array(100))).toMatch(/no end-of-central-directory/);
    expect(refusal(fixture('f8_3x4.npy'))).toMatch(/a\.npz: expected a valid ZIP archive/);
  });

  it('caps inflation at the declared size (a member that inflates to more is refused)', () => {
    // Rebuild a one-member archive whose deflated data expands far beyond its declared size.
    const payload = deflateRawSync(new Uint8Array(1 << 20));
    const name = new TextEncoder().encode('big.npy');
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(8, 8, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(10, 8, true);
    cv.setUint32(20, payload.length, true);
    cv.setUint32(24, 10, true);
    cv.setUint16(28, name.length, true);
    central.set(name, 46);
    const end = new Uint8Array(22);
    const ev = new DataView(end.buffer);
    ev.setUint32(0, 0x06054b50, true);
    ev.setUint16(10, 1, true);
    ev.setUint32(12, central.length, true);
    ev.setUint32(16, local.length + payload.length, true);
    const archive = new Uint8Array(local.length + payload.length + central.length + end.length);
    archive.set(local);
    archive.set(payload, local.length);
    archive.set(central, local.length + payload.length);
    archive.set(end, local.length + payload.length + central.length);
    expect(refusal(archive)).toMatch(/big\.npy.*(does not inflate|inflating)/);
  });
});
