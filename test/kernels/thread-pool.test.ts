/**
 * The worker-thread pool: starts and stops on demand, splits large products with results identical to one
 * thread (each element is computed by the same kernel in the same order), and never keeps a process alive.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gemmNN, gemmNT, gemmTN } from '../../src/kernels/gemm.js';
import { kernelInfo, startKernelThreads, stopKernelThreads } from '../../src/kernels/index.js';
import { setThreadPolicy } from '../../src/kernels/wasm-gemm.js';
import { allocFloat32 } from '../../src/kernels/wasm-memory.js';
import { expectClose } from '../helpers/close.js';
import { randomFloats, referenceProduct } from './gemm-reference.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

beforeAll(() => {
  setThreadPolicy('always');
});

afterAll(async () => {
  setThreadPolicy('measure');
  await stopKernelThreads();
});

function resident(values: Float32Array): Float32Array {
  const view = allocFloat32(values.length);
  view.set(values);
  return view;
}

describe('the kernel thread pool', () => {
  it('refuses a thread count that is not a whole number from 1 to 64', async () => {
    for (const bad of [0, -1, 1.5, Number.NaN, 65, 1000]) {
      await expect(startKernelThreads(bad)).rejects.toThrow(
        new RegExp(`expected a whole number of threads from 1 to 64, got ${bad}`),
      );
    }
  });

  it('starts with two threads, computes threaded products exactly like one thread, and stops', async () => {
    const threads = await startKernelThreads(2);
    expect(threads).toBe(2);
    expect(kernelInfo().threads).toBe(2);
    // Large enough to be split (>= 2^20 multiply-adds), with ragged edges in both directions.
    for (const [name, f, transA, transB, m, n, k] of [
      ['NN', gemmNN, false, false, 129, 97, 131],
      ['NT', gemmNT, false, true, 61, 257, 129],
      ['TN', gemmTN, true, false, 784, 17, 129],
    ] as const) {
      const a = resident(randomFloats(m * k, 1));
      const b = resident(randomFloats(k * n, 2));
      const threaded = resident(randomFloats(m * n, 3));
      const single = threaded.slice();
      const { expected, atol } = referenceProduct({ transA, transB, m, n, k }, a, b, threaded.slice());
      f(m, n, k, a, b, threaded);
      await stopKernelThreads();
      expect(kernelInfo().threads).toBe(1);
      f(m, n, k, a, b, single);
      expectClose(threaded, expected, { atol }, name);
      expect(Array.from(threaded), name).toEqual(Array.from(single));
      expect(await startKernelThreads(2)).toBe(2);
    }
  });

  it('keeps using the faster mode when measuring (results identical either way)', async () => {
    setThreadPolicy('measure');
    expect(await startKernelThreads(2)).toBe(2);
    const n = 160;
    const a = resident(randomFloats(n * n, 4));
    const first = allocFloat32(n * n);
    gemmNN(n, n, n, a, a, first);
    for (let r = 0; r < 40; r++) {
      const c = allocFloat32(n * n);
      gemmNN(n, n, n, a, a, c);
      expect(Array.from(c)).toEqual(Array.from(first));
    }
    setThreadPolicy('always');
  });

  it('reports one thread when asked for one', async () => {
    expect(await startKernelThreads(1)).toBe(1);
    expect(kernelInfo().threads).toBe(1);
  });

  it.runIf(availableParallelism() >= 2)(
    'lets a process exit promptly while its workers are idle (they are unref’d)',
    () => {
      const script = [
        "import { startKernelThreads, gemmNN, allocFloat32 } from './src/kernels/index.ts';",
        'const n = 256; const a = allocFloat32(n * n); const c = allocFloat32(n * n);',
        'console.log(await startKernelThreads(2));',
        'gemmNN(n, n, n, a, a, c);',
      ].join('\n');
      const started = Date.now();
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: root,
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout.trim()).toBe('2');
      expect(Date.now() - started).toBeLessThan(20_000);
    },
  );
});
