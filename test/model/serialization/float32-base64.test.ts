import { describe, expect, it } from 'vitest';
import { ModelFormatError } from '../../../src/core/errors.js';
import { base64ToFloat32, float32ToBase64 } from '../../../src/model/serialization/float32-base64.js';

describe('float32 base64', () => {
  it('encodes little-endian bytes (1.0 is 00 00 80 3f) and round-trips every bit pattern', () => {
    expect(float32ToBase64(new Float32Array([1]))).toBe(btoa(String.fromCharCode(0, 0, 0x80, 0x3f)));
    const values = new Float32Array(new Uint32Array(70000).map((_, i) => (i * 2654435761) >>> 0).buffer);
    const back = base64ToFloat32(float32ToBase64(values), values.length, 's');
    expect(new Uint32Array(back.buffer)).toEqual(new Uint32Array(values.buffer));
  });

  it('refuses a wrong length or text that is not base64', () => {
    expect(() => base64ToFloat32(float32ToBase64(new Float32Array(3)), 4, 'mean')).toThrow(ModelFormatError);
    expect(() => base64ToFloat32(float32ToBase64(new Float32Array(3)), 4, 'mean')).toThrow(
      /mean: expected base64 of 4 float32 values/,
    );
    expect(() => base64ToFloat32('!!!!!!', 1, 'm')).toThrow(/valid base64/);
    expect(() => base64ToFloat32(42, 1, 'm')).toThrow(/a base64 string/);
  });
});
