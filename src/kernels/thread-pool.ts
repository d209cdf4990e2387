/**
 * Worker threads for the wasm GEMM (Node only): each worker instantiates the same kernels module on the same
 * shared memory. A product is cut into chunks (column strips of C, all reading one A packed beforehand by
 * the caller); the calling thread publishes the chunks in a small shared control block, wakes the workers with `Atomics.notify`, and then every thread, the caller
 * included, claims chunks one at a time until none is left; the caller waits for the last one to finish.
 * Claiming (a compare-and-swap on one word) balances the load by itself: a worker that the operating
 * system has not scheduled yet simply claims nothing, and the caller does the work. No messages and no
 * copies: operands already live in the shared memory.
 *
 * Workers are `unref`'d, so they never keep a process (a CLI run, a test runner) alive; {@link
 * stopKernelThreads} ends them explicitly. Browsers are not served here (their main thread may not block);
 * there the kernels run on one thread.
 *
 * Control block (Int32): CLAIM = (generation << 8) | next chunk index, GEN the generation workers wait on,
 * COUNT chunks of this generation, COMPLETED chunks finished, STOP, FAILED (a worker threw), READY flags
 * (one per worker), then the
 * chunk table: the 9 `sgemmPackedA` arguments of each chunk (each thread adds its own scratch pointer).
 *
 * @module
 */

import { allocScratch } from './wasm-memory.js';
import type { WasmKernels } from './wasm-module.js';

const CLAIM = 0;
const GEN = 1;
const COUNT = 2;
const COMPLETED = 3;
const STOP = 4;
const FAILED = 5;
const READY = 8;
const TABLE = 64;
const ARGC = 9;
/** The most chunks one product may be cut into. */
export const MAX_CHUNKS = 64;

/** The most threads a pool may have (more than the product table could ever hand work to is pointless). */
export const MAX_THREADS = 64;
const GEN_MASK = 0x7fffff;
const NOTHING = 255;

/** Spin this many polls before sleeping (the caller, waiting for the last strip). */
const SPIN = 20000;

/**
 * A worker keeps polling this long after its last strip before it sleeps. Waking a sleeping thread can take
 * hundreds of microseconds on a virtual machine (the idle virtual CPU is halted); the products of one
 * training step come a fraction of a millisecond apart, so this catches most of them, while a worker never
 * holds a core for long when the machine has other work (a spinning worker would slow the caller down).
 */
const WORKER_SPIN_MS = 0.5;

// Claims and runs chunks of generation `gen` until none is left: the body of
// `runClaims(ctl, gen, sgemm, work)`, compiled both in the workers and in the calling thread so that both
// follow exactly the same protocol.
const RUN_CLAIMS_BODY = `
for (;;) {
  const word = Atomics.load(ctl, ${CLAIM});
  if (word >>> 8 !== (gen & ${GEN_MASK})) return;
  const index = word & 255;
  if (index >= Atomics.load(ctl, ${COUNT})) return;
  if (Atomics.compareExchange(ctl, ${CLAIM}, word, word + 1) !== word) continue;
  const a = ${TABLE} + index * ${ARGC};
  sgemm(ctl[a], ctl[a + 1], ctl[a + 2], ctl[a + 3], ctl[a + 4], ctl[a + 5], ctl[a + 6], ctl[a + 7],
    ctl[a + 8], work);
  Atomics.add(ctl, ${COMPLETED}, 1);
  Atomics.notify(ctl, ${COMPLETED});
}
`;

type RunClaims = (ctl: Int32Array, gen: number, sgemm: (...args: number[]) => void, work: number) => void;

// Runs inside each worker: eval'd source, so there is no file to resolve and it works from the sources, from
// dist and from a bundle alike. Started with no exec arguments (no loaders), as CommonJS or, under
// --input-type=module, as a module: it needs neither `require` nor `import`.
const WORKER_SOURCE = `
const builtin = typeof require === 'function' ? require : (id) => process.getBuiltinModule(id);
const { workerData } = builtin('node:worker_threads');
const { module, memory, control, slot, work } = workerData;
const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports;
const ctl = new Int32Array(control);
const runClaims = new Function('ctl', 'gen', 'sgemm', 'work', ${JSON.stringify(RUN_CLAIMS_BODY)});
let seen = Atomics.load(ctl, ${GEN});
Atomics.store(ctl, ${READY} + slot, 1);
for (;;) {
  const idleSince = performance.now();
  let spins = 0;
  while (Atomics.load(ctl, ${GEN}) === seen) {
    if ((++spins & 1023) === 0 && performance.now() - idleSince > ${WORKER_SPIN_MS}) {
      Atomics.wait(ctl, ${GEN}, seen);
    }
  }
  seen = Atomics.load(ctl, ${GEN});
  if (Atomics.load(ctl, ${STOP}) !== 0) break;
  try {
    runClaims(ctl, seen, kernels.sgemmPackedA, work);
  } catch (error) {
    // Tell the waiting caller instead of leaving it waiting for a strip that will never be done.
    Atomics.store(ctl, ${FAILED}, 1);
    Atomics.notify(ctl, ${COMPLETED});
    throw error;
  }
}
`;

/** The 9 arguments of the wasm `sgemmPackedA` before its scratch pointer (see `KernelExports`). */
export type SgemmChunk = [number, number, number, number, number, number, number, number, number];

interface WorkerLike {
  unref(): void;
  terminate(): Promise<number>;
  on(event: 'error', listener: (error: unknown) => void): void;
}

interface WorkerThreadsModule {
  Worker: new (
    source: string,
    options: { eval: true; execArgv: string[]; workerData: unknown },
  ) => WorkerLike;
}

/** A running pool: `size` threads in all, counting the calling one. */
export interface ThreadPool {
  readonly size: number;
  /** True once every worker has instantiated the module. */
  ready(): boolean;
  /** Runs every chunk on all threads (the calling one with scratch `work`) and returns when all are done. */
  run(chunks: readonly SgemmChunk[], work: number): void;
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
  // An unusable value (not a whole number >= 1) is ignored rather than fatal: the variable may be set for
  // another program; a large one is capped like an explicit count.
  const fromEnv = Number(proc?.env?.SOFTMAX_LAB_THREADS);
  if (Number.isInteger(fromEnv) && fromEnv >= 1) return Math.min(fromEnv, MAX_THREADS);
  const os = proc?.getBuiltinModule?.('node:os') as { availableParallelism?: () => number } | undefined;
  return Math.max(1, Math.min(8, os?.availableParallelism?.() ?? 1));
}

function createPool(kernels: WasmKernels, threads: number, wt: WorkerThreadsModule): PoolState {
  const workerCount = threads - 1;
  const control = new Int32Array(new SharedArrayBuffer((TABLE + MAX_CHUNKS * ARGC) * 4));
  control[CLAIM] = NOTHING;
  const workers: WorkerLike[] = [];
  for (let i = 0; i < workerCount; i++) {
    const worker = new wt.Worker(WORKER_SOURCE, {
      eval: true,
      execArgv: [],
      workerData: {
        module: kernels.module,
        memory: kernels.memory,
        control: control.buffer,
        slot: i,
        work: allocScratch(kernels),
      },
    });
    worker.unref();
    // A worker that dies leaves the pool unusable: fall back to one thread rather than wait forever.
    worker.on('error', () => {
      failed = true;
      current = undefined;
    });
    workers.push(worker);
  }
  const sgemm = kernels.exports.sgemmPackedA as (...args: number[]) => void;
  const runClaims = new Function('ctl', 'gen', 'sgemm', 'work', RUN_CLAIMS_BODY) as RunClaims;
  let gen = 0;
  const pool: ThreadPool = {
    size: threads,
    ready() {
      for (let i = 0; i < workerCount; i++) if (Atomics.load(control, READY + i) !== 1) return false;
      return true;
    },
    run(chunks, work) {
      const count = Math.min(chunks.length, MAX_CHUNKS);
      gen = (gen + 1) & GEN_MASK;
      // Close the claim word to stragglers of the last generation before rewriting the table.
      Atomics.store(control, CLAIM, (gen << 8) | NOTHING);
      for (let c = 0; c < count; c++) control.set(chunks[c]!, TABLE + c * ARGC);
      Atomics.store(control, COUNT, count);
      Atomics.store(control, COMPLETED, 0);
      Atomics.store(control, CLAIM, gen << 8);
      Atomics.store(control, GEN, gen);
      Atomics.notify(control, GEN);
      runClaims(control, gen, sgemm, work);
      let spins = 0;
      for (;;) {
        const done = Atomics.load(control, COMPLETED);
        if (done >= count) break;
        if (Atomics.load(control, FAILED) !== 0) {
          failed = true;
          current = undefined;
          throw new Error('a kernel worker thread failed during a matrix product; threads are now off');
        }
        if (++spins > SPIN) Atomics.wait(control, COMPLETED, done, 1000);
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
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= MAX_THREADS)) {
    throw new RangeError(
      `startKernelThreads: expected a whole number of threads from 1 to ${MAX_THREADS}, got ${String(threads)}`,
    );
  }
  const count = threads ?? defaultThreadCount();
  if (current && current.pool.size !== count) await stopKernelThreads();
  if (count <= 1) {
    failed = true;
    return 1;
  }
  if (!current) {
    failed = false;
    const wt = workerThreadsSync();
    if (!wt || !kernels.shared) return 1;
    current = createPool(kernels, count, wt);
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
  Atomics.store(state.control, STOP, 1);
  Atomics.add(state.control, GEN, 1);
  Atomics.notify(state.control, GEN);
  await Promise.all(state.workers.map((w) => w.terminate()));
}

/** Threads the kernels use now for these kernels' products (1 when no pool is ready). */
export function activeThreadCount(kernels: WasmKernels): number {
  return current && current.kernels === kernels && current.pool.ready() ? current.pool.size : 1;
}

/** Allows the pool to start again on demand after {@link stopKernelThreads} (used by tests). */
export function allowKernelThreads(): void {
  failed = false;
}
