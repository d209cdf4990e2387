/**
 * The memory layout of the wasm kernels, owned by JS: a bump allocator with per-size free lists over the
 * kernels' memory. Blocks are 64-byte aligned (cache lines, and 16-byte SIMD loads never straddle them).
 *
 * Two kinds of blocks:
 * - buffers handed to the model ({@link allocFloat32}): with a shared memory these are views into it, so a
 *   layer's weights, gradients and activations are already where the kernels read them (no copies). They go
 *   back to the free list when the view is garbage-collected (FinalizationRegistry), so a view's sub-views
 *   must not outlive it. With an ordinary memory, growth would detach such views, so plain arrays are
 *   handed out instead and the kernels copy (stage) their operands;
 * - scratch blocks the kernels use internally ({@link allocBytes}/{@link releaseBytes}).
 *
 * @module
 */

import { KERNELS_WASM_MAX_PAGES } from './wasm/kernels-wasm.generated.js';
import { getWasmKernels, type WasmKernels } from './wasm-module.js';

const ALIGN = 64;
/** The first 64 KiB are not handed out: a null pointer is never a valid block, and the module keeps its
 * constants there (see the `memory.data` tables in wasm/cross-entropy.as). */
const HEAP_START = 65536;
const PAGE = 65536;

let top = HEAP_START;
const freeBySize = new Map<number, number[]>();
const knownBuffers = new WeakSet<ArrayBufferLike>();
let currentBuffer: ArrayBufferLike | undefined;
const finalizer =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry<{ offset: number; size: number }>((block) =>
        releaseBytes(block.offset, block.size),
      )
    : undefined;

function roundUp(bytes: number): number {
  return Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
}

/** Reserves `bytes` bytes of the kernels' memory (growing it if needed); returns the byte offset. */
export function allocBytes(kernels: WasmKernels, bytes: number): number {
  const size = roundUp(bytes);
  const list = freeBySize.get(size);
  if (list && list.length > 0) return list.pop()!;
  const offset = top;
  const end = offset + size;
  const have = kernels.memory.buffer.byteLength;
  // One spare line past the last block: kernels may read (never write) a vector beyond the end of a row.
  // Growing a shared memory costs a fraction of a millisecond, and a program that builds a model per run
  // asks for a few blocks more each time (freed ones return only when collected): grow by at least an
  // eighth of the memory, so growth stays rare.
  if (end + ALIGN > have) {
    const needed = Math.ceil((end + ALIGN - have) / PAGE);
    const maxPages = kernels.shared ? KERNELS_WASM_MAX_PAGES : 65536;
    const pages = Math.min(Math.max(needed, Math.ceil(have / PAGE / 8)), maxPages - have / PAGE);
    kernels.memory.grow(Math.max(pages, needed));
  }
  top = end;
  knownBuffers.add(kernels.memory.buffer);
  return offset;
}

/**
 * A thread's GEMM scratch block (`gemmWorkBytes()` bytes), with the zeros at its end cleared: a block from
 * the free list may hold old data, and the kernels read those zeros and never write them.
 */
export function allocScratch(kernels: WasmKernels): number {
  const bytes = kernels.exports.gemmWorkBytes();
  const at = allocBytes(kernels, bytes);
  const zeros = kernels.exports.zeroBytes();
  new Uint8Array(kernels.memory.buffer, at + bytes - zeros, zeros).fill(0);
  return at;
}

/** Gives a block from {@link allocBytes} back (same size as asked). */
export function releaseBytes(offset: number, bytes: number): void {
  const size = roundUp(bytes);
  let list = freeBySize.get(size);
  if (!list) {
    list = [];
    freeBySize.set(size, list);
  }
  list.push(offset);
}

/** A float32 view of `length` values at `offset` on the memory's current buffer. */
export function f32View(kernels: WasmKernels, offset: number, length: number): Float32Array {
  const buffer = kernels.memory.buffer;
  knownBuffers.add(buffer);
  return new Float32Array(buffer, offset, length);
}

/** Typed arrays quietly truncate 1.5 to 1 and NaN to 0; a buffer length that is not a count is a caller's bug. */
function checkLength(caller: string, length: number): void {
  if (!Number.isInteger(length) || length < 0 || length > MAX_BUFFER_LENGTH) {
    throw new RangeError(
      `${caller}: expected a whole number of values from 0 to ${MAX_BUFFER_LENGTH}, got ${String(length)}`,
    );
  }
}

/** 2^29 float32 values = 2 GiB, the most a wasm32 memory could hold beside the kernels' own data. */
const MAX_BUFFER_LENGTH = 2 ** 29;

/**
 * A zeroed float32 buffer of `length` values for a model's weights or activations: a view into the kernels'
 * shared memory when there is one (so the kernels use it in place), else an ordinary array.
 */
export function allocFloat32(length: number): Float32Array {
  checkLength('allocFloat32', length);
  const kernels = getWasmKernels();
  if (!kernels?.shared || !finalizer || length === 0) return new Float32Array(length);
  const bytes = length * 4;
  const offset = allocBytes(kernels, bytes);
  const view = f32View(kernels, offset, length);
  view.fill(0);
  finalizer.register(view, { offset, size: bytes });
  return view;
}

/**
 * A zeroed int32 buffer of `length` values in the kernels' memory when it is shared (batches of class
 * labels, tables of offsets that the wasm kernels read in place), else an ordinary array.
 */
export function allocInt32(length: number): Int32Array {
  checkLength('allocInt32', length);
  const kernels = getWasmKernels();
  if (!kernels?.shared || !finalizer || length === 0) return new Int32Array(length);
  const bytes = length * 4;
  const offset = allocBytes(kernels, bytes);
  knownBuffers.add(kernels.memory.buffer);
  const view = new Int32Array(kernels.memory.buffer, offset, length);
  view.fill(0);
  finalizer.register(view, { offset, size: bytes });
  return view;
}

/** The byte offset of `view` in the kernels' memory, or -1 when it lives elsewhere. */
export function residentOffset(kernels: WasmKernels, view: Float32Array | Int32Array): number {
  if (!kernels.shared) return -1;
  const buffer = view.buffer;
  // Fast path: the memory's current buffer object (the same until the memory grows).
  if (buffer === currentBuffer) return view.byteOffset;
  if (!knownBuffers.has(buffer)) return -1;
  currentBuffer = buffer;
  return view.byteOffset;
}

/** True when `view` lives in the kernels' shared memory (so the wasm kernels can use it without a copy). */
export function isResident(view: Float32Array | Int32Array): boolean {
  const kernels = getWasmKernels();
  return kernels !== null && residentOffset(kernels, view) >= 0;
}
