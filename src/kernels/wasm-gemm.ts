/**
 * The wasm SIMD GEMM behind `gemmNN` / `gemmNT` / `gemmTN`: resolves where the operands live in the kernels'
 * memory (copying, "staging", those that live elsewhere), splits large products between the worker threads,
 * and copies a staged C back.
 *
 * A product is split along its longer side of C into one strip per thread (in whole 8-column or 4-row
 * micro-tiles, so no tile is shared); each thread packs its own panels in its own scratch. Products below
 * {@link PARALLEL_MIN_MACS} multiply-adds stay on the calling thread: waking a worker costs more than it saves.
 *
 * @module
 */

import { getThreadPool, type SgemmArgs } from './thread-pool.js';
import { allocBytes, f32View, releaseBytes, residentOffset } from './wasm-memory.js';
import type { WasmKernels } from './wasm-module.js';

/** Products with fewer multiply-adds than this run on one thread. */
export const PARALLEL_MIN_MACS = 1 << 20;

const MR = 4;
const NR = 8;

let mainScratch = -1;
let mainScratchOwner: WasmKernels | undefined;

/** The calling thread's GEMM scratch block. */
export function scratchFor(kernels: WasmKernels): number {
  if (mainScratchOwner !== kernels) {
    mainScratch = allocBytes(kernels, kernels.exports.gemmWorkBytes());
    mainScratchOwner = kernels;
  }
  return mainScratch;
}

/** Where an operand of `length` floats sits in the kernels' memory; copies it in unless `resident`. */
interface Placed {
  offset: number;
  staged: boolean;
}

function place(kernels: WasmKernels, view: Float32Array, length: number): Placed {
  const at = residentOffset(kernels, view);
  if (at >= 0) return { offset: at, staged: false };
  const offset = allocBytes(kernels, length * 4);
  f32View(kernels, offset, length).set(view.subarray(0, length));
  return { offset, staged: true };
}

/** Splits [0, total) into `parts` strips whose boundaries are multiples of `unit`. */
function strips(total: number, parts: number, unit: number): number[] {
  const units = Math.ceil(total / unit);
  const bounds = [0];
  for (let t = 1; t < parts; t++) bounds.push(Math.min(total, Math.round((units * t) / parts) * unit));
  bounds.push(total);
  return bounds;
}

/**
 * `c (m x n) += op(a) · op(b)` with the wasm kernels; `transA`: a stored k x m, `transB`: b stored n x k.
 * Arrays may be longer than needed; only their leading elements are read (and written, for c).
 */
export function wasmGemm(
  kernels: WasmKernels,
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
): void {
  if (m === 0 || n === 0 || k === 0) return;
  const pa = place(kernels, a, m * k);
  const pb = place(kernels, b, k * n);
  const pc = place(kernels, c, m * n);
  const lda = transA ? m : k;
  const ldb = transB ? k : n;
  const ta = transA ? 1 : 0;
  const tb = transB ? 1 : 0;
  const work = scratchFor(kernels);
  const pool = m * n * k >= PARALLEL_MIN_MACS ? getThreadPool(kernels) : null;
  if (pool && pool.size > 1) {
    const jobs: SgemmArgs[] = [];
    const byColumns = n >= m;
    const bounds = byColumns ? strips(n, pool.size, NR) : strips(m, pool.size, MR);
    for (let t = 0; t < pool.size; t++) {
      const lo = bounds[t]!;
      const size = bounds[t + 1]! - lo;
      if (size <= 0) continue;
      let args: SgemmArgs;
      if (byColumns) {
        // Columns lo.. of B and C: B(p, j) moves by 1 (stored k x n) or by a row (stored n x k).
        const bOff = pb.offset + (transB ? lo * ldb : lo) * 4;
        args = [ta, tb, m, size, k, pa.offset, lda, bOff, ldb, pc.offset + lo * 4, n, 0];
      } else {
        // Rows lo.. of A and C: A(i, p) moves by a row (stored m x k) or by 1 (stored k x m).
        const aOff = pa.offset + (transA ? lo : lo * lda) * 4;
        args = [ta, tb, size, n, k, aOff, lda, pb.offset, ldb, pc.offset + lo * n * 4, n, 0];
      }
      jobs.push(args);
    }
    const mine = jobs.shift()!;
    for (let i = 0; i < jobs.length; i++) jobs[i]![11] = pool.workerScratch[i]!;
    pool.dispatch(jobs);
    kernels.exports.sgemm(
      ...(mine.slice(0, 11) as [
        number,
        number,
        number,
        number,
        number,
        number,
        number,
        number,
        number,
        number,
        number,
      ]),
      work,
    );
    pool.join(jobs.length);
  } else {
    kernels.exports.sgemm(ta, tb, m, n, k, pa.offset, lda, pb.offset, ldb, pc.offset, n, work);
  }
  if (pc.staged) {
    c.set(f32View(kernels, pc.offset, m * n));
    releaseBytes(pc.offset, m * n * 4);
  }
  if (pa.staged) releaseBytes(pa.offset, m * k * 4);
  if (pb.staged) releaseBytes(pb.offset, k * n * 4);
}
