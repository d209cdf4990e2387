/**
 * The GEMM entry points (wasm SIMD with the JS fallback for tiny products) against a naive float64
 * reference, on odd shapes and every transpose, with operands inside and outside the kernels' memory.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gemmNN, gemmNT, gemmTN } from '../../src/kernels/gemm.js';
import { allocFloat32 } from '../../src/kernels/wasm-memory.js';
import { getWasmKernels } from '../../src/kernels/wasm-module.js';
import { expectClose } from '../helpers/close.js';
import { type Product, randomFloats, referenceProduct } from './gemm-reference.js';

const entry = (p: Product) => (p.transA ? gemmTN : p.transB ? gemmNT : gemmNN);
const layouts = [
  { transA: false, transB: false, name: 'NN' },
  { transA: false, transB: true, name: 'NT' },
  { transA: true, transB: false, name: 'TN' },
];
const sizes = [1, 3, 17, 129, 784];

function check(p: Product, resident: boolean, seed: number): void {
  const { m, n, k } = p;
  const make = (len: number, s: number) => {
    const values = randomFloats(len, s);
    if (!resident) return values;
    const view = allocFloat32(len);
    view.set(values);
    return view;
  };
  const a = make(m * k, seed);
  const b = make(k * n, seed + 1);
  const c = make(m * n, seed + 2);
  const { expected, atol } = referenceProduct(p, a, b, c.slice());
  entry(p)(m, n, k, a, b, c);
  expectClose(c, expected, { atol }, `${m}x${n}x${k}`);
}

describe('the wasm kernels', () => {
  it('are in use under Node (WebAssembly SIMD available)', () => {
    expect(getWasmKernels()).not.toBeNull();
  });
});

describe.each(layouts)('gemm $name', (layout) => {
  it('matches the naive product on every combination of the sizes 1, 3, 17, 129 (and 784 as depth)', () => {
    let seed = 1;
    for (const m of sizes.slice(0, 4)) {
      for (const n of sizes.slice(0, 4)) {
        for (const k of sizes) check({ ...layout, m, n, k }, (seed & 1) === 0, seed++ * 7);
      }
    }
  });

  it('matches the naive product with 784 rows or columns, in and out of the kernels memory', () => {
    check({ ...layout, m: 784, n: 17, k: 129 }, true, 11);
    check({ ...layout, m: 17, n: 784, k: 3 }, false, 12);
  });

  it('accumulates into c and reads only the leading part of longer arrays', () => {
    const p = { ...layout, m: 5, n: 9, k: 13 };
    const a = randomFloats(p.m * p.k + 7, 3);
    const b = randomFloats(p.k * p.n + 7, 4);
    const c = randomFloats(p.m * p.n + 7, 5);
    const tail = c.slice(p.m * p.n);
    const { expected, atol } = referenceProduct(p, a, b, c.slice(0, p.m * p.n));
    entry(p)(p.m, p.n, p.k, a, b, c);
    expectClose(c.subarray(0, p.m * p.n), expected, { atol });
    expect(Array.from(c.subarray(p.m * p.n))).toEqual(Array.from(tail));
  });

  it('matches the naive product on random shapes (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 300 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1e6 }),
        (m, n, k, resident, seed) => check({ ...layout, m, n, k }, resident, seed),
      ),
      { numRuns: 60 },
    );
  });
});

/**
 * The float32 sum the kernels promise for products without packing (the lab's layers): each element is
 * accumulated from +0 over q in order, each product and sum rounded to float32, then added to C.
 */
function orderedProduct(p: Product, a: Float32Array, b: Float32Array, c0: Float32Array): Float32Array {
  const f = Math.fround;
  const out = new Float32Array(p.m * p.n);
  for (let i = 0; i < p.m; i++) {
    for (let j = 0; j < p.n; j++) {
      let acc = 0;
      for (let q = 0; q < p.k; q++) {
        const av = p.transA ? a[q * p.m + i]! : a[i * p.k + q]!;
        const bv = p.transB ? b[j * p.k + q]! : b[q * p.n + j]!;
        acc = f(acc + f(av * bv));
      }
      out[i * p.n + j] = f(c0[i * p.n + j]! + acc);
    }
  }
  return out;
}

describe.each(layouts)('small products, $name', (layout) => {
  it('give exactly the float32 sum in order of the inner index, whatever the register block', () => {
    const dims = [1, 2, 3, 4, 5, 8, 9, 12, 13, 15, 16, 17, 24, 25, 31, 33];
    let seed = 1;
    for (const m of [1, 2, 3, 7, 8, 9, 16, 25, 32, 33]) {
      for (const n of dims) {
        for (const k of [1, 2, 4, 7, 8, 15, 32]) {
          if (m * n * k <= 64) continue; // products this small run in plain JS
          const p = { ...layout, m, n, k };
          const a = allocFloat32(m * k);
          a.set(randomFloats(m * k, seed++));
          const b = allocFloat32(k * n);
          b.set(randomFloats(k * n, seed++));
          const c = allocFloat32(m * n);
          c.set(randomFloats(m * n, seed++));
          const want = orderedProduct(p, a, b, c);
          entry(p)(m, n, k, a, b, c);
          expect(Array.from(c), `${m}x${n}x${k}`).toEqual(Array.from(want));
        }
      }
    }
  });
});
