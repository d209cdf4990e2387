/**
 * Loading the kernels: synchronously under Node, and in the background where synchronous compilation is
 * refused (a browser main thread refuses modules over 4 KB), with the plain-JS kernels meanwhile.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kernelInfo, kernelsReady } from '../../src/kernels/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the kernels module', () => {
  it('loads synchronously under Node, on a shared memory', async () => {
    expect(kernelInfo()).toMatchObject({ backend: 'wasm-simd', sharedMemory: true });
    expect((await kernelsReady()).backend).toBe('wasm-simd');
  });

  it('compiles in the background when synchronous compilation is refused, computing in JS meanwhile', () => {
    const script = [
      // What a browser main thread does with a module over 4 KB.
      'WebAssembly.Module = function () { throw new RangeError("WebAssembly.Module is disallowed on the main thread"); };',
      "const k = await import('./src/kernels/index.ts');",
      'const c = new Float32Array(4);',
      'k.gemmNN(2, 2, 40, new Float32Array(80).fill(1), new Float32Array(80).fill(0.5), c);',
      'const before = k.kernelInfo().backend;',
      'const after = (await k.kernelsReady()).backend;',
      'k.gemmNN(2, 2, 40, new Float32Array(80).fill(1), new Float32Array(80).fill(0.5), c);',
      'console.log(JSON.stringify([before, after, Array.from(c)]));',
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(['js', 'wasm-simd', [40, 40, 40, 40]]);
  });
});
