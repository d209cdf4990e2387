/**
 * A fast "is every value finite?" over float32 arrays, for the check after each optimizer update.
 *
 * @module
 */

import { residentOffset } from './wasm-memory.js';
import { getWasmKernels } from './wasm-module.js';

/**
 * True when no value of `x` is NaN or ±Infinity. Uses x − x, which is 0 for finite x and NaN otherwise,
 * so one sum answers for the whole array without a branch per value.
 *
 * @example
 * allFinite(Float32Array.of(1, 2)); // true
 * allFinite(Float32Array.of(1, NaN)); // false
 */
export function allFinite(x: Float32Array): boolean {
  // Arrays in the kernels' memory are checked in wasm: one call beats a JS loop over a shared array.
  const kernels = getWasmKernels();
  if (kernels) {
    const at = residentOffset(kernels, x);
    if (at >= 0) return kernels.exports.allFinite(at, x.length) === 1;
  }
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! - x[i]!;
  return s === 0;
}
