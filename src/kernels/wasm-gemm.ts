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

import { getThreadPool, MAX_CHUNKS, type SgemmChunk } from './thread-pool.js';
import { allocBytes, f32View, releaseBytes, residentOffset } from './wasm-memory.js';
import type { WasmKernels } from './wasm-module.js';

/** Products with fewer multiply-adds than this run on one thread. */
export const PARALLEL_MIN_MACS = 1 << 20;

/** Products with at least this many multiply-adds are cut into more strips than threads. */
const LARGE_MACS = 1 << 26;

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

/**
 * Cuts C into strips along its longer side, in whole micro-tiles (8 columns or 4 rows) so no tile is shared:
 * one strip per thread for mid-sized products (each strip re-packs the other operand, so fewer is cheaper),
 * four per thread for large ones (finer balance when a thread is slowed down by other processes).
 */
function chunksOf(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: number,
  lda: number,
  b: number,
  ldb: number,
  c: number,
  threads: number,
): SgemmChunk[] {
  const byColumns = n >= m;
  const total = byColumns ? n : m;
  const unit = byColumns ? NR : MR;
  const perThread = m * n * k >= LARGE_MACS ? 4 : 1;
  const units = Math.ceil(total / unit);
  const parts = Math.min(units, threads * perThread, MAX_CHUNKS);
  const ta = transA ? 1 : 0;
  const tb = transB ? 1 : 0;
  const chunks: SgemmChunk[] = [];
  let lo = 0;
  for (let t = 1; t <= parts; t++) {
    const hi = Math.min(total, Math.round((units * t) / parts) * unit);
    const size = hi - lo;
    if (size <= 0) continue;
    if (byColumns) {
      // Columns lo.. of B and C: B(p, j) moves by 1 (stored k x n) or by a row (stored n x k).
      const bAt = b + (transB ? lo * ldb : lo) * 4;
      chunks.push([ta, tb, m, size, k, a, lda, bAt, ldb, c + lo * 4, n]);
    } else {
      // Rows lo.. of A and C: A(i, p) moves by a row (stored m x k) or by 1 (stored k x m).
      const aAt = a + (transA ? lo : lo * lda) * 4;
      chunks.push([ta, tb, size, n, k, aAt, lda, b, ldb, c + lo * n * 4, n]);
    }
    lo = hi;
  }
  return chunks;
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
    pool.run(chunksOf(transA, transB, m, n, k, pa.offset, lda, pb.offset, ldb, pc.offset, pool.size), work);
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
