/**
 * The wasm SIMD GEMM behind `gemmNN` / `gemmNT` / `gemmTN`: resolves where the operands live in the kernels'
 * memory (copying, "staging", those that live elsewhere), splits large products between the worker threads,
 * and copies a staged C back.
 *
 * A threaded product packs A once, then cuts C into column strips (whole 8-column micro-tiles, so no tile is
 * shared) that the threads claim one by one; each packs its columns of B in its own scratch. Products below
 * {@link PARALLEL_MIN_MACS} multiply-adds stay on the calling thread: waking a worker costs more than it saves.
 * Above it, whether threads are used is decided by measurement (see {@link chooseThreads}).
 *
 * @module
 */

import { getThreadPool, MAX_CHUNKS, type SgemmChunk } from './thread-pool.js';
import { allocBytes, allocScratch, f32View, releaseBytes, residentOffset } from './wasm-memory.js';
import type { WasmKernels } from './wasm-module.js';

/** Products with fewer multiply-adds than this run on one thread. */
export const PARALLEL_MIN_MACS = 1 << 20;

/** Columns of the micro-kernel's tile (strips are cut at multiples of it). */
const NR = 8;

let mainScratch = -1;
let mainScratchOwner: WasmKernels | undefined;

/** The calling thread's GEMM scratch block. */
export function scratchFor(kernels: WasmKernels): number {
  if (mainScratchOwner !== kernels) {
    mainScratch = allocScratch(kernels);
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
 * Cuts C into column strips of whole 8-column panels, two per thread so that a thread slowed down
 * by other processes (or woken late) costs little: the others claim its share. Each strip packs only its
 * own columns of B; A is packed once, beforehand, and shared.
 */
function columnChunks(
  transB: boolean,
  m: number,
  n: number,
  k: number,
  packedA: number,
  b: number,
  ldb: number,
  c: number,
  threads: number,
): SgemmChunk[] {
  const units = Math.ceil(n / NR);
  const parts = Math.min(units, threads * 2, MAX_CHUNKS);
  const tb = transB ? 1 : 0;
  const chunks: SgemmChunk[] = [];
  let lo = 0;
  for (let t = 1; t <= parts; t++) {
    const hi = Math.min(n, Math.round((units * t) / parts) * NR);
    if (hi <= lo) continue;
    // Columns lo.. of B and C: B(p, j) moves by 1 (stored k x n) or by a row (stored n x k).
    const bAt = b + (transB ? lo * ldb : lo) * 4;
    chunks.push([tb, m, hi - lo, k, packedA, bAt, ldb, c + lo * 4, n]);
    lo = hi;
  }
  return chunks;
}

/**
 * Threads pay off only when the other cores are free. On a shared machine they may not be (another process
 * keeps them busy, and then a threaded product waits for its slowest strip), so the choice is measured:
 * a running average of milliseconds per multiply-add for each mode, the faster one used, the other one
 * retried every {@link EXPLORE_EVERY} products to notice when the machine changes.
 */
const EXPLORE_EVERY = 16;
const timing = { threaded: 0, single: 0, threadedRuns: 0, singleRuns: 0, products: 0 };

let policy: 'measure' | 'always' = 'measure';

/** `always` skips the measurement and threads every large product (tests of the threaded path). */
export function setThreadPolicy(value: 'measure' | 'always'): void {
  policy = value;
}

function chooseThreads(): boolean {
  const t = timing;
  t.products++;
  if (policy === 'always') return true;
  if (t.threadedRuns < 3) return true;
  if (t.singleRuns < 3) return false;
  const threadsFaster = t.threaded <= t.single;
  return t.products % EXPLORE_EVERY === 0 ? !threadsFaster : threadsFaster;
}

function record(threaded: boolean, msPerMac: number): void {
  const t = timing;
  // The first runs set the average; later ones move it by a fifth (recent load matters most).
  if (threaded) {
    t.threaded = t.threadedRuns === 0 ? msPerMac : t.threaded + (msPerMac - t.threaded) * 0.2;
    t.threadedRuns++;
  } else {
    t.single = t.singleRuns === 0 ? msPerMac : t.single + (msPerMac - t.single) * 0.2;
    t.singleRuns++;
  }
}

let packedBlock = -1;
let packedBlockBytes = 0;
let packedOwner: WasmKernels | undefined;

/** The caller's block for a packed A of `bytes` bytes (kept and grown across products). */
function packedAFor(kernels: WasmKernels, bytes: number): number {
  if (packedOwner !== kernels || packedBlockBytes < bytes) {
    if (packedOwner === kernels && packedBlock >= 0) releaseBytes(packedBlock, packedBlockBytes);
    packedBlock = allocBytes(kernels, bytes);
    packedBlockBytes = bytes;
    packedOwner = kernels;
  }
  return packedBlock;
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
  const macs = m * n * k;
  const pool = macs >= PARALLEL_MIN_MACS ? getThreadPool(kernels) : null;
  if (pool && pool.size > 1) {
    const useThreads = chooseThreads();
    const started = performance.now();
    if (useThreads) {
      const packed = packedAFor(kernels, kernels.exports.packedABytes(m, k));
      kernels.exports.packAll(ta, m, k, pa.offset, lda, packed);
      pool.run(columnChunks(transB, m, n, k, packed, pb.offset, ldb, pc.offset, pool.size), work);
    } else {
      kernels.exports.sgemm(ta, tb, m, n, k, pa.offset, lda, pb.offset, ldb, pc.offset, n, work);
    }
    record(useThreads, (performance.now() - started) / macs);
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
