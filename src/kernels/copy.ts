/**
 * Copying float32 arrays, in wasm when both live in the kernels' memory (`TypedArray.prototype.set` on
 * shared arrays costs a few hundred nanoseconds per call, which adds up over the small weight arrays of a
 * training step).
 *
 * @module
 */

import { residentOffset } from './wasm-memory.js';
import { getWasmKernels } from './wasm-module.js';

/**
 * Copies `src` into the start of `dst` (`dst.length >= src.length`).
 *
 * @example
 * copyFloat32(backup, weights); // backup[0 .. weights.length) = weights
 */
export function copyFloat32(dst: Float32Array, src: Float32Array): void {
  const kernels = getWasmKernels();
  if (kernels) {
    const to = residentOffset(kernels, dst);
    const from = residentOffset(kernels, src);
    if (to >= 0 && from >= 0) {
      kernels.exports.copyBytes(to, from, src.length * 4);
      return;
    }
  }
  dst.set(src);
}
