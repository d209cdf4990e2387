/** copyFloat32 between arrays in and out of the kernels' memory, including sub-views. */
import { describe, expect, it } from 'vitest';
import { copyFloat32 } from '../../src/kernels/copy.js';
import { allocFloat32 } from '../../src/kernels/wasm-memory.js';
import { randomFloats } from './gemm-reference.js';

describe('copyFloat32', () => {
  it('copies into the start of the destination, whatever memory each side lives in', () => {
    const values = randomFloats(37, 5);
    for (const [srcResident, dstResident] of [
      [true, true],
      [true, false],
      [false, true],
      [false, false],
    ]) {
      const src = srcResident ? allocFloat32(37) : new Float32Array(37);
      src.set(values);
      const block = dstResident ? allocFloat32(50) : new Float32Array(50);
      block.fill(7);
      const dst = block.subarray(5, 45);
      copyFloat32(dst, src);
      expect(Array.from(block.subarray(5, 42))).toEqual(Array.from(values));
      expect(Array.from(block.subarray(0, 5))).toEqual([7, 7, 7, 7, 7]);
      expect(Array.from(block.subarray(42))).toEqual(new Array(8).fill(7));
    }
  });
});
