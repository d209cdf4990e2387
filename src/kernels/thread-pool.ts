/**
 * Worker threads for the wasm GEMM (Node only): each worker instantiates the same kernels module on the same
 * shared memory and waits on a slot of a small shared control block. The calling thread writes a job's
 * arguments into a worker's slot, bumps the slot's sequence number and wakes it with `Atomics.notify`, does its
 * own share of the work, then waits (`Atomics.wait`) for the worker's "done" number to catch up. No messages
 * and no copies: operands already live in the shared memory.
 *
 * Workers are `unref`'d, so they never keep a process (a CLI run, a test runner) alive; {@link
 * stopKernelThreads} ends them explicitly. Browsers are not served here (their main thread may not block);
 * there the kernels run on one thread.
 *
 * Slot layout (Int32, 16 per worker): 0 sequence, 1 done, 2 operation (0 stop, 1 sgemm), 3..14 the 12 sgemm
 * arguments, 15 ready flag.
 *
 * @module
 */

import { allocBytes } from './wasm-memory.js';
import type { WasmKernels } from './wasm-module.js';

const SLOT = 16;
const SEQ = 0;
const DONE = 1;
const OP = 2;
const ARGS = 3;
const READY = 15;
const OP_STOP = 0;
const OP_SGEMM = 1;

/** Spin this many polls before sleeping: a worker woken from sleep costs tens of microseconds. */
const SPIN = 20000;

// Runs inside each worker (CommonJS, eval'd: no file to resolve, works from sources and from dist alike).
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, slot } = workerData;
const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports;
const ctl = new Int32Array(control);
const base = slot * ${SLOT};
let seen = Atomics.load(ctl, base + ${SEQ});
Atomics.store(ctl, base + ${READY}, 1);
for (;;) {
  let spins = 0;
  while (Atomics.load(ctl, base + ${SEQ}) === seen) {
    if (++spins > ${SPIN}) Atomics.wait(ctl, base + ${SEQ}, seen);
  }
  seen = Atomics.load(ctl, base + ${SEQ});
  const op = ctl[base + ${OP}];
  if (op === ${OP_STOP}) break;
  const a = base + ${ARGS};
  kernels.sgemm(ctl[a], ctl[a + 1], ctl[a + 2], ctl[a + 3], ctl[a + 4], ctl[a + 5], ctl[a + 6], ctl[a + 7],
    ctl[a + 8], ctl[a + 9], ctl[a + 10], ctl[a + 11]);
  Atomics.store(ctl, base + ${DONE}, seen);
  Atomics.notify(ctl, base + ${DONE});
}
`;

/** The 12 arguments of the wasm `sgemm` (see `KernelExports.sgemm`). */
export type SgemmArgs = [
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
  number,
];

interface WorkerLike {
  unref(): void;
  terminate(): Promise<number>;
  on(event: 'error', listener: (error: unknown) => void): void;
}

interface WorkerThreadsModule {
  Worker: new (source: string, options: { eval: true; workerData: unknown }) => WorkerLike;
}

/** A running pool: `size` threads in all, counting the calling one. */
export interface ThreadPool {
  readonly size: number;
  /** A per-thread GEMM scratch block (byte offset) for each worker, index 0 being the first worker. */
  readonly workerScratch: readonly number[];
  /** True once every worker has instantiated the module. */
  ready(): boolean;
  /** Starts `jobs[i]` on worker i (jobs.length <= size − 1), without waiting. */
  dispatch(jobs: readonly SgemmArgs[]): void;
  /** Waits until the workers given jobs by the last {@link dispatch} are done. */
  join(count: number): void;
}

interface PoolState {
  pool: ThreadPool;
  workers: WorkerLike[];
  control: Int32Array;
  kernels: WasmKernels;
}

let current: PoolState | undefined;
let failed = false;

function workerThreadsSync(): WorkerThreadsModule | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof proc?.getBuiltinModule !== 'function') return undefined;
  return proc.getBuiltinModule('node:worker_threads') as WorkerThreadsModule | undefined;
}

function defaultThreadCount(): number {
  const proc = (
    globalThis as {
      process?: { env?: Record<string, string | undefined>; getBuiltinModule?: (id: string) => unknown };
    }
  ).process;
  const fromEnv = Number(proc?.env?.SOFTMAX_LAB_THREADS);
  if (Number.isInteger(fromEnv) && fromEnv >= 1) return fromEnv;
  const os = proc?.getBuiltinModule?.('node:os') as { availableParallelism?: () => number } | undefined;
  return Math.max(1, Math.min(8, os?.availableParallelism?.() ?? 1));
}

function createPool(kernels: WasmKernels, threads: number, wt: WorkerThreadsModule): PoolState {
  const workerCount = threads - 1;
  const control = new Int32Array(new SharedArrayBuffer(Math.max(1, workerCount) * SLOT * 4));
  const workers: WorkerLike[] = [];
  const workBytes = kernels.exports.gemmWorkBytes();
  const workerScratch: number[] = [];
  for (let i = 0; i < workerCount; i++) {
    workerScratch.push(allocBytes(kernels, workBytes));
    const worker = new wt.Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module: kernels.module, memory: kernels.memory, control: control.buffer, slot: i },
    });
    worker.unref();
    // A worker that dies leaves the pool unusable: fall back to one thread rather than wait forever.
    worker.on('error', () => {
      failed = true;
      current = undefined;
    });
    workers.push(worker);
  }
  const pool: ThreadPool = {
    size: threads,
    workerScratch,
    ready() {
      for (let i = 0; i < workerCount; i++) if (Atomics.load(control, i * SLOT + READY) !== 1) return false;
      return true;
    },
    dispatch(jobs) {
      for (let i = 0; i < jobs.length; i++) {
        const base = i * SLOT;
        control[base + OP] = OP_SGEMM;
        control.set(jobs[i]!, base + ARGS);
        Atomics.add(control, base + SEQ, 1);
        Atomics.notify(control, base + SEQ);
      }
    },
    join(count) {
      for (let i = 0; i < count; i++) {
        const base = i * SLOT;
        const target = Atomics.load(control, base + SEQ);
        let spins = 0;
        for (;;) {
          const done = Atomics.load(control, base + DONE);
          if (done === target) break;
          if (++spins > SPIN) Atomics.wait(control, base + DONE, done, 1000);
        }
      }
    },
  };
  return { pool, workers, control, kernels };
}

/**
 * The running pool for these kernels, or `null` (one thread). The first call starts the workers (Node with a
 * shared memory and more than one core); they become usable a few tens of milliseconds later, and calls made
 * until then get `null`.
 */
export function getThreadPool(kernels: WasmKernels): ThreadPool | null {
  if (current) return current.kernels === kernels && current.pool.ready() ? current.pool : null;
  if (failed || !kernels.shared) return null;
  const threads = defaultThreadCount();
  const wt = threads > 1 ? workerThreadsSync() : undefined;
  if (!wt) {
    failed = true;
    return null;
  }
  try {
    current = createPool(kernels, threads, wt);
  } catch {
    failed = true;
  }
  return null;
}

/**
 * Starts the pool now (instead of on the first large product) with `threads` threads in all (default: the
 * `SOFTMAX_LAB_THREADS` environment variable, else the number of cores, at most 8) and waits until the
 * workers are ready. Resolves to the number of threads the kernels will use (1 when threads are unavailable).
 */
export async function startKernelThreads(kernels: WasmKernels, threads?: number): Promise<number> {
  if (threads !== undefined && current && current.pool.size !== threads) await stopKernelThreads();
  if (threads !== undefined && threads <= 1) {
    failed = true;
    return 1;
  }
  if (!current) {
    failed = false;
    const wt = workerThreadsSync();
    if (!wt || !kernels.shared) return 1;
    current = createPool(kernels, threads ?? defaultThreadCount(), wt);
  }
  const started = Date.now();
  while (current && !current.pool.ready()) {
    if (Date.now() - started > 10_000) throw new Error('kernel worker threads did not start within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return current ? current.pool.size : 1;
}

/** Stops the workers (the kernels then run on the calling thread until threads are started again). */
export async function stopKernelThreads(): Promise<void> {
  const state = current;
  current = undefined;
  failed = true;
  if (!state) return;
  for (let i = 0; i < state.workers.length; i++) {
    const base = i * SLOT;
    state.control[base + OP] = OP_STOP;
    Atomics.add(state.control, base + SEQ, 1);
    Atomics.notify(state.control, base + SEQ);
  }
  await Promise.all(state.workers.map((w) => w.terminate()));
}

/** Allows the pool to start again on demand after {@link stopKernelThreads} (used by tests). */
export function allowKernelThreads(): void {
  failed = false;
}
