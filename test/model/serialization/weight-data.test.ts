import { describe, expect, it } from 'vitest';
import { decodeWeightData, manifestByteLength } from '../../../src/model/serialization/weight-data.js';

describe('decodeWeightData', () => {
  it('concatenates shards split mid-weight and decodes float32, int32 and float16 (1.0 = 0x3c00)', () => {
    const bytes = new Uint8Array(4 * 3 + 4 + 2 * 2);
    const view = new DataView(bytes.buffer);
    for (const [i, v] of [1.5, -2, 3.25].entries()) view.setFloat32(i * 4, v, true);
    view.setInt32(12, -7, true);
    view.setUint16(16, 0x3c00, true);
    view.setUint16(18, 0xc000, true);
    const entries = [
      { name: 'a', shape: [3], dtype: 'float32' },
      { name: 'b', shape: [1], dtype: 'int32' },
      { name: 'c', shape: [2], dtype: 'float16' },
    ];
    const shards = [bytes.slice(0, 6).buffer, bytes.slice(6, 17).buffer, bytes.slice(17).buffer];
    const [a, b, c] = decodeWeightData(entries, shards, 's');
    expect(Array.from(a!)).toEqual([1.5, -2, 3.25]);
    expect(Array.from(b!)).toEqual([-7]);
    expect(Array.from(c!)).toEqual([1, -2]);
  });

  it('dequantizes uint8 and uint16 as q·scale + min', () => {
    const entries = [
      { name: 'q8', shape: [2], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.5, min: -1 } },
      { name: 'q16', shape: [1], dtype: 'float32', quantization: { dtype: 'uint16', scale: 0.25, min: 2 } },
    ];
    const bytes = new Uint8Array([0, 4, 8, 0]);
    const [q8, q16] = decodeWeightData(entries, bytes.buffer, 's');
    expect(Array.from(q8!)).toEqual([-1, 1]);
    expect(Array.from(q16!)).toEqual([4]);
    expect(manifestByteLength(entries, 's')).toBe(4);
  });

  it('refuses dtypes it cannot store as floats', () => {
    expect(() =>
      decodeWeightData([{ name: 's', shape: [1], dtype: 'string' }], new ArrayBuffer(4), 'f'),
    ).toThrow(/f: weight "s": expected dtype float32, float16 or int32, got "string"/);
  });
});
