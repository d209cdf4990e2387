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

import { describeValue, ModelFormatError } from '../../core/errors.js';
import { preview, quoted } from '../../core/printable.js';
import type { WeightsManifestEntry } from './artifacts.js';

/** Largest element count of one weight we accept (what a Float32Array can index comfortably). */
const MAX_ELEMENTS = 2 ** 31 - 1;

const STORED_BYTES: Record<string, number> = { float32: 4, int32: 4, float16: 2, uint8: 1, uint16: 2 };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks that every manifest entry has the fields decoding reads, with the right types: a manifest from a
 * file or a handler is untrusted JSON (an entry may be `null`, a name a number, a scale a string).
 *
 * @throws {ModelFormatError} the first entry that is not `{name: string, shape: number[], dtype: string}`
 *   with an optional `quantization: {dtype: string, scale?: number, min?: number}`
 */
export function checkManifestEntries(entries: readonly unknown[], source: string): void {
  entries.forEach((entry, index) => {
    const q = isObject(entry) ? entry.quantization : undefined;
    const finiteOrAbsent = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v));
    if (
      !isObject(entry) ||
      typeof entry.name !== 'string' ||
      !Array.isArray(entry.shape) ||
      typeof entry.dtype !== 'string' ||
      !(
        q === undefined ||
        (isObject(q) && typeof q.dtype === 'string' && finiteOrAbsent(q.scale) && finiteOrAbsent(q.min))
      )
    ) {
      throw new ModelFormatError({
        subject: `${source}: weights manifest entry ${index}`,
        expected:
          '{"name": string, "shape": [...], "dtype": string} (and an optional quantization {dtype, scale, min})',
        got: preview(entry),
      });
    }
  });
}

/** How one entry is stored: bytes per element and the stored type. */
function storageOf(entry: WeightsManifestEntry, source: string): { type: string; bytes: number } {
  const type = entry.quantization ? entry.quantization.dtype : entry.dtype;
  const bytes = Object.hasOwn(STORED_BYTES, type) ? STORED_BYTES[type] : undefined;
  const allowed = entry.quantization ? ['uint8', 'uint16', 'float16'] : ['float32', 'float16', 'int32'];
  if (bytes === undefined || !allowed.includes(type)) {
    throw new ModelFormatError({
      subject: `${source}: weight ${quoted(entry.name)}`,
      expected: entry.quantization
        ? 'quantization dtype uint8, uint16 or float16'
        : 'dtype float32, float16 or int32',
      got: preview(type),
    });
  }
  return { type, bytes };
}

/** The number of values of a manifest entry, checked. */
export function elementCount(entry: WeightsManifestEntry, source: string): number {
  const shape = entry.shape;
  if (!Array.isArray(shape) || shape.some((d) => !Number.isSafeInteger(d) || d < 0)) {
    throw new ModelFormatError({
      subject: `${source}: weight ${quoted(entry.name)}`,
      expected: 'a shape made of non-negative integers',
      got: preview(shape),
    });
  }
  let n = 1;
  for (const d of shape) {
    n *= d;
    if (n > MAX_ELEMENTS) {
      throw new ModelFormatError({
        subject: `${source}: weight ${quoted(entry.name)}`,
        expected: `at most ${MAX_ELEMENTS} values`,
        got: `shape ${preview(shape)}`,
      });
    }
  }
  return n;
}

/** Bytes the manifest entries describe, in total (after {@link checkManifestEntries}). */
export function manifestByteLength(entries: readonly WeightsManifestEntry[], source: string): number {
  checkManifestEntries(entries, source);
  let total = 0;
  for (const e of entries) total += elementCount(e, source) * storageOf(e, source).bytes;
  return total;
}

/** The bytes of one buffer of weight data: an ArrayBuffer, or a view (a Node Buffer, a Float32Array). */
function bytesOf(b: unknown): Uint8Array | undefined {
  if (b instanceof ArrayBuffer || Object.prototype.toString.call(b) === '[object ArrayBuffer]') {
    return new Uint8Array(b as ArrayBuffer);
  }
  if (ArrayBuffer.isView(b)) return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return undefined;
}

/**
 * The weight data as one byte array. Anything that is not an ArrayBuffer (or a view), or a list of them, is
 * refused before any allocation: `new Uint8Array(x)` would allocate a gigabyte for `x = 1e9` and throw a
 * RangeError for `x = -1`.
 */
function concatenate(data: unknown, source: string): Uint8Array {
  const parts = Array.isArray(data) ? data.map(bytesOf) : [bytesOf(data)];
  if (parts.some((p) => p === undefined)) {
    throw new ModelFormatError({
      subject: `${source}: weightData`,
      expected: 'an ArrayBuffer, or a list of ArrayBuffers (one per weights file)',
      got: Array.isArray(data)
        ? `a list holding ${describeValue(data[parts.indexOf(undefined)])}`
        : describeValue(data),
    });
  }
  const buffers = parts as Uint8Array[];
  if (buffers.length === 1) return buffers[0]!;
  const out = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let offset = 0;
  for (const b of buffers) {
    out.set(b, offset);
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
  const bytes = data === undefined ? new Uint8Array(0) : concatenate(data, source);
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
      // Checked after rounding to float32: a dequantised q·scale + min like 1e300 is a finite double but
      // becomes Infinity in the model's float32 storage.
      out[i] = v;
      if (!Number.isFinite(out[i]!)) {
        throw new ModelFormatError({
          subject: `${source}: weight ${quoted(entry.name)}`,
          expected: 'finite values',
          got: Number.isFinite(v) ? `${v} (beyond the float32 range)` : String(v),
          where: `index ${i}`,
        });
      }
    }
    return out;
  });
}
