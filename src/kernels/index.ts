/**
 * The compute kernels' public face: which kernels run (WebAssembly SIMD or plain JS, how many threads), the
 * matrix products, and buffers that the kernels use without copying.
 *
 * @example
 * await kernelsReady();
 * kernelInfo(); // { backend: 'wasm-simd', sharedMemory: true, threads: 1 }
 * await startKernelThreads(); // 2 on a 2-core machine
 *
 * @module
 */

import * as pool from './thread-pool.js';
import { getWasmKernels, wasmKernelsReady, wasmUnavailableReason } from './wasm-module.js';

export { gemmNN, gemmNT, gemmTN } from './gemm.js';
export { allocFloat32, isResident } from './wasm-memory.js';

/** What the kernels run on. */
export interface KernelInfo {
  /** `wasm-simd`: the WebAssembly SIMD kernels; `js`: the plain-JS fallback. */
  backend: 'wasm-simd' | 'js';
  /** True when the kernels' memory is shared (zero-copy buffers, worker threads possible). */
  sharedMemory: boolean;
  /** Threads the large products use now (1 until the pool has started). */
  threads: number;
  /** Why the plain-JS kernels are in use, when they are. */
  reason?: string;
}

/** The kernels in use right now (loads the wasm kernels if they are not loaded yet and can be). */
export function kernelInfo(): KernelInfo {
  const kernels = getWasmKernels();
  if (!kernels) {
    const reason = wasmUnavailableReason() ?? 'the WebAssembly kernels are still loading';
    return { backend: 'js', sharedMemory: false, threads: 1, reason };
  }
  return { backend: 'wasm-simd', sharedMemory: kernels.shared, threads: pool.activeThreadCount(kernels) };
}

/** Resolves when the wasm kernels are loaded, or known to be unavailable, with {@link kernelInfo}. */
export async function kernelsReady(): Promise<KernelInfo> {
  await wasmKernelsReady();
  return kernelInfo();
}

/**
 * Starts the worker threads that large matrix products use (Node with shared memory; they also start by
 * themselves on the first large product). `threads` counts the calling thread; the default is the
 * `SOFTMAX_LAB_THREADS` environment variable, else the number of cores (at most 8). Resolves to the number
 * of threads in use: 1 where threads are unavailable (browsers, the plain-JS kernels). The workers never keep
 * a process alive. A `threads` that is not a whole number from 1 to 64 is a `RangeError`; an unusable
 * `SOFTMAX_LAB_THREADS` is ignored and a larger one capped at 64.
 */
export async function startKernelThreads(threads?: number): Promise<number> {
  await wasmKernelsReady();
  const kernels = getWasmKernels();
  if (!kernels) return 1;
  pool.allowKernelThreads();
  return pool.startKernelThreads(kernels, threads);
}

/** Stops the worker threads; products then run on the calling thread until threads are started again. */
export async function stopKernelThreads(): Promise<void> {
  await pool.stopKernelThreads();
}
