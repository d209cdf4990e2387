/**
 * A minimal PNG encoder for 8-bit RGBA images (colour type 6, no interlace, filter 0 on every row),
 * compressed with `node:zlib`. Enough for the decision-region images we embed in SVG as data URLs.
 *
 * @module
 */

import * as zlib from 'node:zlib';
import { ShapeError } from '../core/errors.js';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO 3309, polynomial 0xEDB88320) by the classic byte table; the fallback when zlib has none. */
export function crc32Table(bytes: Uint8Array): number {
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// zlib.crc32 exists from Node 20.15 / 22.2; the package allows any Node 20, so keep a fallback.
const zlibCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** CRC-32 of `bytes` as PNG chunks need it. */
export function crc32(bytes: Uint8Array): number {
  return zlibCrc32 ? zlibCrc32(bytes) >>> 0 : crc32Table(bytes);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * Encodes `width × height` RGBA pixels (row-major from the top-left, 4 bytes per pixel) as a PNG file.
 *
 * @example
 * const red = encodePng(1, 1, Uint8Array.of(255, 0, 0, 255));
 */
export function encodePng(width: number, height: number, rgba: Uint8Array): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new ShapeError({
      subject: 'PNG size',
      expected: 'positive integer width and height',
      got: `${width} x ${height}`,
    });
  }
  if (rgba.length !== width * height * 4) {
    throw new ShapeError({
      subject: 'PNG pixels',
      expected: `${width * height * 4} bytes (${width} x ${height} x RGBA)`,
      got: `${rgba.length} bytes`,
    });
  }
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, RGBA, deflate, filter method 0, no interlace
  const rowBytes = width * 4;
  const raw = new Uint8Array(height * (rowBytes + 1));
  for (let r = 0; r < height; r++)
    raw.set(rgba.subarray(r * rowBytes, (r + 1) * rowBytes), r * (rowBytes + 1) + 1);
  const compressed = zlib.deflateSync(raw, { level: 9 });
  const parts = [
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', new Uint8Array(compressed.buffer, compressed.byteOffset, compressed.byteLength)),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** A PNG as a `data:` URL for `<image href>`. */
export function pngDataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
}
