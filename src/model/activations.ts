/**
 * Activations, each a small object next to its derivative. They work in place on row-major float32 blocks:
 * `forward` maps pre-activations `z` to outputs `y`; `backward` turns dL/dy into dL/dz using `y` (and `z`),
 * so no extra buffer is needed. `rows`/`cols` matter only for softmax, which couples a row's outputs.
 *
 * @module
 */

import { DataError } from '../core/errors.js';

/** The activation names Dense accepts (Keras spellings). */
export type ActivationName = 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax';

/** An activation and its derivative. */
export interface Activation {
  readonly name: ActivationName;
  /** `y = f(z)` for `rows` x `cols` values; `y` may be `z` (in place). */
  forward(z: Float32Array, y: Float32Array, rows: number, cols: number): void;
  /** `dz = dy · f'(z)`, given y = f(z); `dz` may be `dy` (in place). */
  backward(
    z: Float32Array,
    y: Float32Array,
    dy: Float32Array,
    dz: Float32Array,
    rows: number,
    cols: number,
  ): void;
}

/** Identity: f(z) = z, f' = 1. */
const linear: Activation = {
  name: 'linear',
  forward(z, y, rows, cols) {
    if (y !== z) y.set(z.subarray(0, rows * cols));
  },
  backward(_z, _y, dy, dz, rows, cols) {
    if (dz !== dy) dz.set(dy.subarray(0, rows * cols));
  },
};

/** max(z, 0); NaN propagates as in TensorFlow's kernel. Gradient 1 where z > 0 and 0 at exactly 0, as TF's ReluGrad. */
const relu: Activation = {
  name: 'relu',
  forward(z, y, rows, cols) {
    const n = rows * cols;
    for (let i = 0; i < n; i++) {
      const v = z[i]!;
      y[i] = Math.max(v, 0);
    }
  },
  backward(z, _y, dy, dz, rows, cols) {
    const n = rows * cols;
    for (let i = 0; i < n; i++) dz[i] = z[i]! > 0 ? dy[i]! : 0;
  },
};

/** 1 / (1 + e^-z), written so that neither branch overflows: for z < 0 it is e^z / (1 + e^z). f' = y(1 - y). */
const sigmoid: Activation = {
  name: 'sigmoid',
  forward(z, y, rows, cols) {
    const n = rows * cols;
    for (let i = 0; i < n; i++) {
      const v = z[i]!;
      if (v >= 0) y[i] = 1 / (1 + Math.exp(-v));
      else {
        const e = Math.exp(v);
        y[i] = e / (1 + e);
      }
    }
  },
  backward(_z, y, dy, dz, rows, cols) {
    const n = rows * cols;
    for (let i = 0; i < n; i++) {
      const s = y[i]!;
      dz[i] = dy[i]! * s * (1 - s);
    }
  },
};

/** tanh(z); f' = 1 - y². */
const tanh: Activation = {
  name: 'tanh',
  forward(z, y, rows, cols) {
    const n = rows * cols;
    for (let i = 0; i < n; i++) y[i] = Math.tanh(z[i]!);
  },
  backward(_z, y, dy, dz, rows, cols) {
    const n = rows * cols;
    for (let i = 0; i < n; i++) {
      const t = y[i]!;
      dz[i] = dy[i]! * (1 - t * t);
    }
  },
};

/**
 * Row-wise softmax with the row max subtracted (so exp never overflows), as TensorFlow's kernel does:
 * y_j = exp(z_j - m) · (1 / Σ_k exp(z_k - m)).
 * Backward through the Jacobian diag(y) - y yᵀ: dz_j = y_j · (dy_j - Σ_k dy_k y_k).
 */
const softmax: Activation = {
  name: 'softmax',
  forward(z, y, rows, cols) {
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      let max = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < cols; j++) if (z[o + j]! > max) max = z[o + j]!;
      let sum = 0;
      for (let j = 0; j < cols; j++) {
        const e = Math.exp(z[o + j]! - max);
        y[o + j] = e;
        sum += Math.fround(e);
      }
      const inv = 1 / sum;
      for (let j = 0; j < cols; j++) y[o + j] = y[o + j]! * inv;
    }
  },
  backward(_z, y, dy, dz, rows, cols) {
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      let dot = 0;
      for (let j = 0; j < cols; j++) dot += dy[o + j]! * y[o + j]!;
      for (let j = 0; j < cols; j++) dz[o + j] = y[o + j]! * (dy[o + j]! - dot);
    }
  },
};

const registry: Record<ActivationName, Activation> = { linear, relu, sigmoid, tanh, softmax };

/** Looks an activation up by its Keras name (`undefined`/`null` mean linear, as in Keras). */
export function getActivation(name: string | null | undefined): Activation {
  if (name === undefined || name === null) return linear;
  const a = (registry as Record<string, Activation | undefined>)[name];
  if (!a || !Object.hasOwn(registry, name)) {
    throw new DataError({
      subject: 'activation',
      expected: `one of ${Object.keys(registry).join(', ')}`,
      got: JSON.stringify(name),
    });
  }
  return a;
}

/** The activation names `Dense` accepts (`activation: 'relu'`, ...). */
export const activationNames: readonly ActivationName[] = Object.keys(registry) as ActivationName[];
