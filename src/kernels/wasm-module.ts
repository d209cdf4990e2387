/**
 * Loads the WebAssembly SIMD kernels (built from `src/kernels/wasm/*.as`, inlined as base64) and owns their
 * memory. Where it can, the memory is shared (`SharedArrayBuffer`: Node, or a cross-origin isolated page), so
 * worker threads can run the same module on it and views into it never detach when it grows.
 *
 * Loading is synchronous where the platform allows it (Node, workers, small modules) and asynchronous
 * otherwise (a browser main thread may refuse to compile large modules synchronously); until it is done, or
 * where WebAssembly SIMD is missing, {@link getWasmKernels} returns `null` and callers use the plain-JS kernels.
 * The environment variable `SOFTMAX_LAB_KERNELS=js` forces the plain-JS kernels (for comparisons), and
 * `SOFTMAX_LAB_KERNELS=wasm-unshared` an ordinary memory (what a page without cross-origin isolation gets).
 *
 * @module
 */

import {
  KERNELS_WASM_MAX_PAGES,
  KERNELS_WASM_PLAIN,
  KERNELS_WASM_SHARED,
} from './wasm/kernels-wasm.generated.js';

/** The functions the wasm module exports (pointers are byte offsets into its memory). */
export interface KernelExports {
  /** C (m x n, row stride ldc) += op(A)·op(B); `work` is gemmWorkBytes() bytes of per-thread scratch. */
  sgemm(
    transA: number,
    transB: number,
    m: number,
    n: number,
    k: number,
    a: number,
    lda: number,
    b: number,
    ldb: number,
    c: number,
    ldc: number,
    work: number,
  ): void;
  /** Bytes of per-thread scratch; its last zeroBytes() bytes must be cleared once by the allocator. */
  gemmWorkBytes(): number;
  zeroBytes(): number;
  /** Packs all of an m x k A (stored k x m when transA) for {@link KernelExports.sgemmPackedA}. */
  packAll(transA: number, m: number, k: number, a: number, lda: number, dst: number): void;
  packedABytes(m: number, k: number): number;
  /** C (m x n, row stride ldc) += A·op(B) with A packed by packAll. */
  sgemmPackedA(
    transB: number,
    m: number,
    n: number,
    k: number,
    packed: number,
    b: number,
    ldb: number,
    c: number,
    ldc: number,
    work: number,
  ): void;
  adamUpdate(
    w: number,
    g: number,
    m: number,
    v: number,
    vMax: number,
    n: number,
    alpha: number,
    oneMinusBeta1: number,
    oneMinusBeta2: number,
    epsilon: number,
  ): void;
  /** Adam over the `count` arrays of a table (w, g, m, v, vMax, backup, n), each backed up first; 1 if all finite. */
  adamUpdates(
    table: number,
    count: number,
    alpha: number,
    oneMinusBeta1: number,
    oneMinusBeta2: number,
    epsilon: number,
  ): number;
  allFinite(x: number, n: number): number;
  copyBytes(dst: number, src: number, n: number): void;
  denseForward(
    rows: number,
    inDim: number,
    units: number,
    x: number,
    w: number,
    b: number,
    y: number,
    act: number,
    work: number,
  ): void;
  denseBackward(
    rows: number,
    inDim: number,
    units: number,
    x: number,
    w: number,
    y: number,
    dy: number,
    dw: number,
    db: number,
    dx: number,
    act: number,
    work: number,
  ): void;
  reluForward(y: number, n: number): void;
  reluBackward(dy: number, y: number, n: number): void;
  columnSums(a: number, rows: number, n: number, out: number): void;
  /** Σ of the rows' cross-entropies of logits z, gradient into grad (0: none); see cross-entropy.as. */
  logitsCrossEntropy(
    z: number,
    rows: number,
    cols: number,
    target: number,
    sparse: number,
    grad: number,
    scale: number,
    expScratch: number,
  ): number;
  /** mlpTrainPass on rows index[start ..) of whole training blocks, gathered first (see mlp.as). */
  mlpTrainRows(
    table: number,
    layers: number,
    rows: number,
    xAll: number,
    targetAll: number,
    targetWidth: number,
    index: number,
    start: number,
    x: number,
    target: number,
    sparse: number,
    grad: number,
    scale: number,
    expScratch: number,
    work: number,
  ): number;
  /** Forward, cross-entropy of the logits with its gradient, backward, for a layer table (see mlp.as). */
  mlpTrainPass(
    table: number,
    layers: number,
    rows: number,
    x: number,
    target: number,
    sparse: number,
    grad: number,
    scale: number,
    expScratch: number,
    work: number,
  ): number;
}

/** A loaded kernels module with its memory. */
export interface WasmKernels {
  readonly exports: KernelExports;
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  /** True when the memory is a `SharedArrayBuffer` (threads possible, views never detach). */
  readonly shared: boolean;
}

type State =
  | { kind: 'unloaded' }
  | { kind: 'loading'; promise: Promise<WasmKernels | null> }
  | { kind: 'ready'; kernels: WasmKernels }
  | { kind: 'unavailable'; reason: string };

let state: State = { kind: 'unloaded' };

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

function kernelsSetting(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.SOFTMAX_LAB_KERNELS;
}

/** Shared memory needs SharedArrayBuffer and, in a browser, cross-origin isolation. */
function sharedMemoryPossible(): boolean {
  if (typeof SharedArrayBuffer === 'undefined' || kernelsSetting() === 'wasm-unshared') return false;
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return isolated !== false;
}

function createMemory(): { memory: WebAssembly.Memory; shared: boolean } | null {
  if (sharedMemoryPossible()) {
    try {
      const memory = new WebAssembly.Memory({ initial: 16, maximum: KERNELS_WASM_MAX_PAGES, shared: true });
      if (memory.buffer instanceof SharedArrayBuffer) return { memory, shared: true };
    } catch {
      // e.g. a 32-bit platform that cannot reserve the address range: use an ordinary memory.
    }
  }
  try {
    return { memory: new WebAssembly.Memory({ initial: 16 }), shared: false };
  } catch {
    return null;
  }
}

function instantiate(module: WebAssembly.Module, memory: WebAssembly.Memory, shared: boolean): WasmKernels {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return { exports: instance.exports as unknown as KernelExports, module, memory, shared };
}

function prepare(): { bytes: Uint8Array<ArrayBuffer>; memory: WebAssembly.Memory; shared: boolean } | string {
  if (kernelsSetting() === 'js') return 'SOFTMAX_LAB_KERNELS=js';
  if (typeof WebAssembly !== 'object') return 'no WebAssembly';
  const mem = createMemory();
  if (!mem) return 'cannot create a WebAssembly memory';
  const bytes = decodeBase64(mem.shared ? KERNELS_WASM_SHARED : KERNELS_WASM_PLAIN);
  // Validation fails exactly when the engine lacks SIMD (or, for the shared variant, threads).
  if (!WebAssembly.validate(bytes)) return 'WebAssembly SIMD is not supported here';
  return { bytes, ...mem };
}

/**
 * The kernels if they are loaded (loading them synchronously if the platform allows), else `null`: the
 * caller then uses the plain-JS kernels. Never throws.
 */
export function getWasmKernels(): WasmKernels | null {
  if (state.kind === 'ready') return state.kernels;
  if (state.kind !== 'unloaded') return null;
  const prepared = prepare();
  if (typeof prepared === 'string') {
    state = { kind: 'unavailable', reason: prepared };
    return null;
  }
  try {
    const module = new WebAssembly.Module(prepared.bytes);
    const kernels = instantiate(module, prepared.memory, prepared.shared);
    state = { kind: 'ready', kernels };
    return kernels;
  } catch {
    // A browser main thread refuses synchronous compilation of larger modules: compile in the background.
    const promise = WebAssembly.compile(prepared.bytes).then(
      (module) => {
        const kernels = instantiate(module, prepared.memory, prepared.shared);
        state = { kind: 'ready', kernels };
        return kernels;
      },
      (error: unknown) => {
        state = { kind: 'unavailable', reason: String(error) };
        return null;
      },
    );
    state = { kind: 'loading', promise };
    return null;
  }
}

/** Resolves once the wasm kernels are loaded (true) or known to be unavailable (false). */
export async function wasmKernelsReady(): Promise<boolean> {
  getWasmKernels();
  const s = state as State;
  if (s.kind === 'loading') return (await s.promise) !== null;
  return s.kind === 'ready';
}

/** Why the wasm kernels are not in use (`undefined` when they are, or have not been asked for yet). */
export function wasmUnavailableReason(): string | undefined {
  return state.kind === 'unavailable' ? state.reason : undefined;
}
