/**
 * The matrix products training needs, on row-major float32 blocks; each picks the fastest kernel available:
 * the WebAssembly SIMD GEMM (threaded for large products, see `wasm-gemm.ts`), or the plain-JS loops of
 * `gemm-js.ts` where WebAssembly SIMD is missing and for the tiniest products. All accumulate into `c`
 * (`c += a·b`), so a caller initialises `c` (to zero, or to the bias rows for Dense's forward pass).
 * Dimensions are not checked here; arrays may be longer than the block they hold.
 *
 * Shapes: `a` m x k, `b` k x n, `c` m x n (NN); `b` given as n x k (NT); `a` given as k x m (TN).
 * Results agree with the plain-JS kernels up to float32 rounding (the summation order differs).
 *
 * @module
 */

import * as js from './gemm-js.js';
import { wasmGemm } from './wasm-gemm.js';
import { getWasmKernels } from './wasm-module.js';

export { broadcastRows, columnSums } from './gemm-js.js';

/** Below this many multiply-adds the JS loops win (no call, no packing). */
const JS_MAX_MACS = 64;

/**
 * `c[m x n] += a[m x k] · b[k x n]` (forward pass: X·W).
 *
 * @example
 * const c = new Float32Array(2 * 2);
 * gemmNN(2, 2, 1, Float32Array.of(1, 2), Float32Array.of(3, 4), c); // c = [3, 4, 6, 8]
 */
export function gemmNN(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
): void {
  const kernels = m * n * k > JS_MAX_MACS ? getWasmKernels() : null;
  if (kernels) wasmGemm(kernels, false, false, m, n, k, a, b, c);
  else js.gemmNN(m, n, k, a, b, c);
}

/** `c[m x n] += a[m x k] · bᵀ` with `b` stored as n x k (backward pass: dX = dZ·Wᵀ, W being in x out). */
export function gemmNT(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
): void {
  const kernels = m * n * k > JS_MAX_MACS ? getWasmKernels() : null;
  if (kernels) wasmGemm(kernels, false, true, m, n, k, a, b, c);
  else js.gemmNT(m, n, k, a, b, c);
}

/** `c[m x n] += aᵀ · b` with `a` stored as k x m (backward pass: dW = Xᵀ·dZ, summed over the batch of k rows). */
export function gemmTN(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
): void {
  const kernels = m * n * k > JS_MAX_MACS ? getWasmKernels() : null;
  if (kernels) wasmGemm(kernels, true, false, m, n, k, a, b, c);
  else js.gemmTN(m, n, k, a, b, c);
}
