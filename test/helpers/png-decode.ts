/**
 * Reads back the PNGs our encoder writes (8-bit RGBA, filter 0): checks the signature and every chunk's
 * CRC with node:zlib's own crc32, inflates the image data and returns the pixels.
 */
import * as zlib from 'node:zlib';

export interface DecodedPng {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  chunkTypes: string[];
  rgba: Uint8Array;
}

export function decodePng(png: Uint8Array): DecodedPng {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  signature.forEach((b, i) => {
    if (png[i] !== b) throw new Error(`bad PNG signature byte ${i}`);
  });
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunkTypes: string[] = [];
  const idat: Uint8Array[] = [];
  let width = 0;
  let height = 0;
  let bitDepth = 0;
  let colorType = 0;
  let offset = 8;
  while (offset < png.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const data = png.subarray(offset + 8, offset + 8 + length);
    const crc = view.getUint32(offset + 8 + length);
    if (zlib.crc32(png.subarray(offset + 4, offset + 8 + length)) !== crc)
      throw new Error(`bad CRC in ${type}`);
    chunkTypes.push(type);
    if (type === 'IHDR') {
      const h = new DataView(data.buffer, data.byteOffset, data.byteLength);
      width = h.getUint32(0);
      height = h.getUint32(4);
      bitDepth = data[8]!;
      colorType = data[9]!;
    } else if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * 4 + 1;
  if (raw.length !== height * stride)
    throw new Error(`inflated ${raw.length} bytes, expected ${height * stride}`);
  const rgba = new Uint8Array(width * height * 4);
  for (let r = 0; r < height; r++) {
    if (raw[r * stride] !== 0) throw new Error(`row ${r} uses filter ${raw[r * stride]}`);
    rgba.set(raw.subarray(r * stride + 1, (r + 1) * stride), r * width * 4);
  }
  return { width, height, bitDepth, colorType, chunkTypes, rgba };
}

/** The PNG inside a `data:image/png;base64,…` URL. */
export function pngFromDataUrl(url: string): Uint8Array {
  const prefix = 'data:image/png;base64,';
  if (!url.startsWith(prefix)) throw new Error('not a PNG data URL');
  return new Uint8Array(Buffer.from(url.slice(prefix.length), 'base64'));
}
