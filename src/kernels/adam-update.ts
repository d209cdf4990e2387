/**
 * The Adam update of one weight array, Keras 3 formulas in float32 (see `src/model/optimizers/adam.ts`):
 *
 *   m ← m + (g − m)·(1 − β1);   v ← v + (g² − v)·(1 − β2);   w ← w − α·m / (sqrt(v̂) + ε)
 *
 * with v̂ = v, or with amsgrad v̂ = vMax ← max(vMax, v). α already holds the bias correction.
 * The wasm kernel (f32x4) and the JS loop (every step rounded with Math.fround) give identical bits, since
 * each is a sequence of correctly rounded float32 operations; the wasm one runs when all arrays live in the
 * kernels' memory.
 *
 * @module
 */

import { residentOffset } from './wasm-memory.js';
import { getWasmKernels } from './wasm-module.js';

const f = Math.fround;

/** Float32 scalars of one Adam step (all already rounded to float32 by the caller). */
export interface AdamScalars {
  alpha: number;
  oneMinusBeta1: number;
  oneMinusBeta2: number;
  epsilon: number;
}

/**
 * Updates `w`, `m`, `v` (and `vMax` when given) in place from the gradient `g`; all of one length.
 *
 * @example
 * adamUpdate(w, g, m, v, null, { alpha, oneMinusBeta1: f(1 - 0.9), oneMinusBeta2: f(1 - 0.999), epsilon: f(1e-7) });
 */
export function adamUpdate(
  w: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  vMax: Float32Array | null,
  s: AdamScalars,
): void {
  const kernels = getWasmKernels();
  if (kernels) {
    const ow = residentOffset(kernels, w);
    const og = residentOffset(kernels, g);
    const om = residentOffset(kernels, m);
    const ov = residentOffset(kernels, v);
    const ox = vMax ? residentOffset(kernels, vMax) : 0;
    if (ow >= 0 && og >= 0 && om >= 0 && ov >= 0 && ox >= 0) {
      kernels.exports.adamUpdate(
        ow,
        og,
        om,
        ov,
        ox,
        w.length,
        s.alpha,
        s.oneMinusBeta1,
        s.oneMinusBeta2,
        s.epsilon,
      );
      return;
    }
  }
  const { alpha, oneMinusBeta1, oneMinusBeta2, epsilon } = s;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i]!;
    const mi = f(m[i]! + f(f(gi - m[i]!) * oneMinusBeta1));
    const vi = f(v[i]! + f(f(f(gi * gi) - v[i]!) * oneMinusBeta2));
    m[i] = mi;
    v[i] = vi;
    let used = vi;
    if (vMax) {
      used = Math.max(vi, vMax[i]!);
      vMax[i] = used;
    }
    w[i] = f(w[i]! - f(f(mi * alpha) / f(f(Math.sqrt(used)) + epsilon)));
  }
}
