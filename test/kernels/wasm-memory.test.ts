/** The kernels' memory: zeroed resident buffers, offsets, block reuse, and the plain-JS switch. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  allocBytes,
  allocFloat32,
  allocInt32,
  isResident,
  releaseBytes,
  residentOffset,
} from '../../src/kernels/wasm-memory.js';
import { getWasmKernels } from '../../src/kernels/wasm-module.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('allocFloat32', () => {
  it('hands out zeroed, 64-byte aligned views into the shared kernel memory', () => {
    const kernels = getWasmKernels()!;
    expect(kernels.shared).toBe(true);
    const a = allocFloat32(3);
    const b = allocFloat32(1000);
    expect(Array.from(a)).toEqual([0, 0, 0]);
    expect(isResident(a) && isResident(b)).toBe(true);
    expect(residentOffset(kernels, b) % 64).toBe(0);
    expect(residentOffset(kernels, new Float32Array(8))).toBe(-1);
  });

  it('refuses a length that is not a count of values, naming what came', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 40]) {
      expect(() => allocFloat32(bad)).toThrow(
        new RegExp(`allocFloat32: expected a whole number .* got ${bad}`),
      );
      expect(() => allocInt32(bad)).toThrow(/allocInt32: expected a whole number/);
    }
    expect(allocFloat32(0).length).toBe(0);
  });

  it('keeps earlier views valid when the memory grows', () => {
    const early = allocFloat32(16);
    early.fill(2.5);
    const before = getWasmKernels()!.memory.buffer.byteLength;
    const big = allocFloat32(8 * 1024 * 1024); // 32 MiB: forces growth
    expect(getWasmKernels()!.memory.buffer.byteLength).toBeGreaterThan(before);
    expect(isResident(big) && isResident(early)).toBe(true);
    expect(Array.from(early)).toEqual(new Array(16).fill(2.5));
  });

  it('reuses a released block of the same size', () => {
    const kernels = getWasmKernels()!;
    const at = allocBytes(kernels, 1000);
    releaseBytes(at, 1000);
    expect(allocBytes(kernels, 1000)).toBe(at);
  });
});

describe('SOFTMAX_LAB_KERNELS=js', () => {
  it('switches to the plain-JS kernels, which still compute the right products', () => {
    const script = [
      "import { kernelInfo, gemmNT, allocFloat32, isResident } from './src/kernels/index.ts';",
      'const c = new Float32Array(4);',
      'gemmNT(2, 2, 3, Float32Array.of(1, 2, 3, 4, 5, 6), Float32Array.of(1, 0, 0, 0, 1, 1), c);',
      'console.log(JSON.stringify([kernelInfo().backend, isResident(allocFloat32(4)), Array.from(c)]));',
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, SOFTMAX_LAB_KERNELS: 'js' },
      timeout: 30_000,
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(['js', false, [1, 5, 4, 11]]);
  });
});

describe('SOFTMAX_LAB_KERNELS=wasm-unshared (a page without cross-origin isolation)', () => {
  it('runs the wasm kernels on an ordinary memory, copying operands in and out', () => {
    const script = [
      "import { kernelInfo, gemmNN, gemmTN, allocFloat32, isResident } from './src/kernels/index.ts';",
      'const n = 300; const a = new Float32Array(n * n).fill(0.5); const c = new Float32Array(n * n);',
      'gemmNN(n, n, n, a, a, c); gemmTN(n, n, n, a, a, c);',
      'const info = kernelInfo();',
      'console.log(JSON.stringify([info.backend, info.sharedMemory, isResident(allocFloat32(4)), c[0], c[n * n - 1]]));',
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, SOFTMAX_LAB_KERNELS: 'wasm-unshared' },
      timeout: 30_000,
    });
    expect(run.stderr).toBe('');
    // Each product adds 300 · 0.25 = 75 to every element.
    expect(JSON.parse(run.stdout)).toEqual(['wasm-simd', false, false, 150, 150]);
  });
});
