/**
 * Decoding the `weightData` bytes of a layers model against its manifest entries, as TF.js'
 * `io.decodeWeights` does: entries are consecutive, little-endian, unpadded; shards are concatenated first
 * (a shard may end in the middle of a weight).
 *
 * Stored dtypes: float32, float16, int32, and the converter's quantisations (uint8/uint16 with
 * value = q · scale + min, or float16). Everything is returned as float32, the model's storage.
 *
 * Sizes are checked before anything is allocated: the manifest must describe exactly as many bytes as the
 * data holds, so a corrupt shape in a header cannot make us allocate more than the file's own size.
 *
 * @module
 */

import { ModelFormatError } from '../../core/errors.js';
import type { WeightsManifestEntry } from './artifacts.js';

/** Largest element count of one weight we accept (what a Float32Array can index comfortably). */
const MAX_ELEMENTS = 2 ** 31 - 1;

const STORED_BYTES: Record<string, number> = { float32: 4, int32: 4, float16: 2, uint8: 1, uint16: 2 };

/** How one entry is stored: bytes per element and the stored type. */
function storageOf(entry: WeightsManifestEntry, source: string): { type: string; bytes: number } {
  const type = entry.quantization ? entry.quantization.dtype : entry.dtype;
  const bytes = STORED_BYTES[type];
  const allowed = entry.quantization ? ['uint8', 'uint16', 'float16'] : ['float32', 'float16', 'int32'];
  if (bytes === undefined || !allowed.includes(type)) {
    throw new ModelFormatError({
      subject: `${source}: weight "${entry.name}"`,
      expected: entry.quantization
        ? 'quantization dtype uint8, uint16 or float16'
        : 'dtype float32, float16 or int32',
      got: JSON.stringify(type),
    });
  }
  return { type, bytes };
}

/** The number of values of a manifest entry, checked. */
export function elementCount(entry: WeightsManifestEntry, source: string): number {
  const shape = entry.shape;
  if (!Array.isArray(shape) || shape.some((d) => !Number.isSafeInteger(d) || d < 0)) {
    throw new ModelFormatError({
      subject: `${source}: weight "${entry.name}"`,
      expected: 'a shape made of non-negative integers',
      got: JSON.stringify(shape),
    });
  }
  let n = 1;
  for (const d of shape) {
    n *= d;
    if (n > MAX_ELEMENTS) {
      throw new ModelFormatError({
        subject: `${source}: weight "${entry.name}"`,
        expected: `at most ${MAX_ELEMENTS} values`,
        got: `shape ${JSON.stringify(shape)}`,
      });
    }
  }
  return n;
}

/** Bytes the manifest entries describe, in total. */
export function manifestByteLength(entries: readonly WeightsManifestEntry[], source: string): number {
  let total = 0;
  for (const e of entries) total += elementCount(e, source) * storageOf(e, source).bytes;
  return total;
}

function concatenate(data: ArrayBuffer | ArrayBuffer[]): Uint8Array {
  if (!Array.isArray(data)) return new Uint8Array(data);
  if (data.length === 1) return new Uint8Array(data[0]!);
  const out = new Uint8Array(data.reduce((n, b) => n + b.byteLength, 0));
  let offset = 0;
  for (const b of data) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out;
}

/** IEEE 754 half precision to a number. */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/**
 * Decodes every entry of the manifest, in order, to float32.
 *
 * @throws {ModelFormatError} an unsupported dtype, a bad shape, a byte count that differs from the manifest's,
 *   or a value that is not finite (each names `source` and the weight)
 */
export function decodeWeightData(
  entries: readonly WeightsManifestEntry[],
  data: ArrayBuffer | ArrayBuffer[] | undefined,
  source: string,
): Float32Array[] {
  const expected = manifestByteLength(entries, source);
  const bytes = data === undefined ? new Uint8Array(0) : concatenate(data);
  if (bytes.length !== expected) {
    throw new ModelFormatError({
      subject: `${source}: weight data`,
      expected: `${expected} bytes (what the ${entries.length} weights of the manifest take)`,
      got: `${bytes.length} bytes`,
      hint: bytes.length < expected ? 'A weights file is truncated or missing.' : undefined,
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  return entries.map((entry) => {
    const n = elementCount(entry, source);
    const { type, bytes: size } = storageOf(entry, source);
    const scale = entry.quantization?.scale ?? 1;
    const min = entry.quantization?.min ?? 0;
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++, offset += size) {
      let v: number;
      if (type === 'float32') v = view.getFloat32(offset, true);
      else if (type === 'int32') v = view.getInt32(offset, true);
      else if (type === 'float16') v = halfToFloat(view.getUint16(offset, true));
      else if (type === 'uint16') v = view.getUint16(offset, true) * scale + min;
      else v = view.getUint8(offset) * scale + min;
      if (!Number.isFinite(v)) {
        throw new ModelFormatError({
          subject: `${source}: weight "${entry.name}"`,
          expected: 'finite values',
          got: String(v),
          where: `index ${i}`,
        });
      }
      out[i] = v;
    }
    return out;
  });
}
