/**
 * The Adam kernel: the wasm (f32x4) path and the JS path give the same bits, both following the float32
 * formula step by step; amsgrad keeps the running maximum. A step's updates batched into one call
 * (AdamStepBatch) give the same bits, with each array backed up before its update and one finiteness check.
 */
import { describe, expect, it } from 'vitest';
import { AdamStepBatch, adamUpdate } from '../../src/kernels/adam-update.js';
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

describe('AdamStepBatch', () => {
  /** Three weight arrays of odd lengths, with their slots, in the kernels' memory or not. */
  function model(inKernels: boolean, seed: number, amsgrad: boolean) {
    const arrays = [7, 25, 4].map((n, i) => state(n, seed + 10 * i, inKernels));
    const backups = arrays.map((a) => (inKernels ? allocFloat32(a.w.length) : new Float32Array(a.w.length)));
    const batch = new AdamStepBatch(
      arrays.map((a) => a.w),
      backups,
    );
    const apply = () => {
      for (const a of arrays) adamUpdate(a.w, a.g, a.m, a.v, amsgrad ? a.vMax : null, scalars);
    };
    return { arrays, backups, batch, apply };
  }

  for (const inKernels of [true, false]) {
    it(`runs the recorded updates with the same bits as one call each, backing each array up first (${inKernels ? 'one wasm call' : 'plain arrays'})`, () => {
      for (const amsgrad of [false, true]) {
        const batched = model(inKernels, 3, amsgrad);
        const direct = model(false, 3, amsgrad);
        const before = batched.arrays.map((a) => Array.from(a.w));
        batched.batch.begin();
        batched.apply();
        batched.batch.stop();
        // Recording only: nothing has changed yet.
        expect(batched.arrays.map((a) => Array.from(a.w))).toEqual(before);
        expect(batched.batch.end()).toBe(true);
        direct.apply();
        batched.arrays.forEach((a, i) => {
          const d = direct.arrays[i]!;
          expect(Array.from(a.w)).toEqual(Array.from(d.w));
          expect(Array.from(a.m)).toEqual(Array.from(d.m));
          expect(Array.from(a.v)).toEqual(Array.from(d.v));
          if (amsgrad) expect(Array.from(a.vMax)).toEqual(Array.from(d.vMax));
          expect(Array.from(batched.backups[i]!)).toEqual(before[i]);
        });
      }
    });

    it(`reports a non-finite weight after the update (${inKernels ? 'wasm' : 'plain arrays'})`, () => {
      const { arrays, batch, apply } = model(inKernels, 5, false);
      arrays[1]!.g[3] = Number.NaN;
      batch.begin();
      apply();
      batch.stop();
      expect(batch.end()).toBe(false);
      expect(Number.isNaN(arrays[1]!.w[3]!)).toBe(true);
    });
  }

  it('leaves adamUpdate running immediately once stopped, even if the optimizer threw', () => {
    const { arrays, batch } = model(true, 7, false);
    batch.begin();
    try {
      throw new Error('optimizer failed');
    } catch {
      batch.stop();
    }
    const before = Array.from(arrays[0]!.w);
    const a = arrays[0]!;
    adamUpdate(a.w, a.g, a.m, a.v, null, scalars);
    expect(Array.from(a.w)).not.toEqual(before);
  });
});
