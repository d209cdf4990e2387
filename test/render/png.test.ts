import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../src/core/errors.js';
import { crc32, crc32Table, encodePng, pngDataUrl } from '../../src/render/png.js';
import { decodePng, pngFromDataUrl } from '../helpers/png-decode.js';

describe('encodePng', () => {
  it('writes a PNG that decodes back to the same RGBA pixels', () => {
    const width = 3;
    const height = 2;
    const rgba = Uint8Array.from({ length: width * height * 4 }, (_, i) => (i * 37) % 256);
    const png = decodePng(encodePng(width, height, rgba));
    expect(png).toMatchObject({ width: 3, height: 2, bitDepth: 8, colorType: 6 });
    expect(png.chunkTypes).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(Array.from(png.rgba)).toEqual(Array.from(rgba));
  });

  it('is deterministic', () => {
    const rgba = new Uint8Array(16 * 16 * 4).fill(200);
    expect(encodePng(16, 16, rgba)).toEqual(encodePng(16, 16, rgba));
  });

  it('refuses pixel data of the wrong size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(ShapeError);
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(
      /expected 16 bytes \(2 x 2 x RGBA\), got 15 bytes/,
    );
    expect(() => encodePng(0, 2, new Uint8Array(0))).toThrow(ShapeError);
  });

  it('makes a data URL that holds the same bytes', () => {
    const png = encodePng(1, 1, Uint8Array.of(1, 2, 3, 4));
    expect(pngFromDataUrl(pngDataUrl(png))).toEqual(png);
  });
});

describe('crc32', () => {
  it('gives the standard check value', () => {
    // python3 -c 'import zlib; print(hex(zlib.crc32(b"123456789")))' → 0xcbf43926
    const bytes = new TextEncoder().encode('123456789');
    expect(crc32(bytes)).toBe(0xcbf43926);
    expect(crc32Table(bytes)).toBe(0xcbf43926);
  });

  it('the table fallback agrees with node:zlib (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => crc32Table(bytes) === zlib.crc32(bytes)),
    );
  });
});
