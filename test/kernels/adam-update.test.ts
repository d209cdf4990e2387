/**
 * The Adam kernel: the wasm (f32x4) path and the JS path give the same bits, both following the float32
 * formula step by step; amsgrad keeps the running maximum.
 */
import { describe, expect, it } from 'vitest';
import { adamUpdate } from '../../src/kernels/adam-update.js';
import { allocFloat32, isResident } from '../../src/kernels/wasm-memory.js';
import { randomFloats } from './gemm-reference.js';

const f = Math.fround;
const scalars = {
  alpha: f(0.00123),
  oneMinusBeta1: f(1 - 0.9),
  oneMinusBeta2: f(1 - 0.999),
  epsilon: f(1e-7),
};

/** The formula written out once more, one element at a time, for comparison. */
function expectedStep(w: number, g: number, m: number, v: number, vMax: number | null) {
  const mi = f(m + f(f(g - m) * scalars.oneMinusBeta1));
  const vi = f(v + f(f(f(g * g) - v) * scalars.oneMinusBeta2));
  const used = vMax === null ? vi : Math.max(vi, vMax);
  const wi = f(w - f(f(mi * scalars.alpha) / f(f(Math.sqrt(used)) + scalars.epsilon)));
  return { w: wi, m: mi, v: vi, vMax: used };
}

function state(length: number, seed: number, inKernels: boolean) {
  const make = (s: number, scale: number) => {
    const values = randomFloats(length, s).map((x) => x * scale);
    if (!inKernels) return values;
    const view = allocFloat32(length);
    view.set(values);
    return view;
  };
  return {
    w: make(seed, 2),
    g: make(seed + 1, 0.1),
    m: make(seed + 2, 0.01),
    v: make(seed + 3, 0.001).map(Math.abs),
    vMax: make(seed + 4, 0.001).map(Math.abs),
  };
}

describe('adamUpdate', () => {
  for (const amsgrad of [false, true]) {
    it(`gives the float32 formula's bits in wasm and in JS (amsgrad ${amsgrad}, 103 values)`, () => {
      const inWasm = state(103, 9, true);
      const inJs = state(103, 9, false);
      expect(isResident(inWasm.w)).toBe(true);
      expect(isResident(inJs.w)).toBe(false);
      const want = Array.from(inJs.w, (w, i) =>
        expectedStep(w, inJs.g[i]!, inJs.m[i]!, inJs.v[i]!, amsgrad ? inJs.vMax[i]! : null),
      );
      adamUpdate(inWasm.w, inWasm.g, inWasm.m, inWasm.v, amsgrad ? inWasm.vMax : null, scalars);
      adamUpdate(inJs.w, inJs.g, inJs.m, inJs.v, amsgrad ? inJs.vMax : null, scalars);
      for (const s of [inWasm, inJs]) {
        expect(Array.from(s.w)).toEqual(want.map((x) => x.w));
        expect(Array.from(s.m)).toEqual(want.map((x) => x.m));
        expect(Array.from(s.v)).toEqual(want.map((x) => x.v));
        if (amsgrad) expect(Array.from(s.vMax)).toEqual(want.map((x) => x.vMax));
      }
    });
  }
});
