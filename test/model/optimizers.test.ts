/**
 * Optimizers against float64 scalar re-statements of Keras 3's update rules (keras/src/optimizers/*.py), over
 * several steps on random weights and gradients. The float32 implementation must stay within float32 rounding.
 * The three main configurations are also checked step by step by the reference traces (train-traces.test.ts);
 * this covers the options the traces do not: Nesterov, centered RMSprop, RMSprop momentum, amsgrad.
 */
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/core/errors.js';
import { RandomState } from '../../src/core/random/random-state.js';
import type { Param } from '../../src/model/layer.js';
import { Adam } from '../../src/model/optimizers/adam.js';
import { getOptimizer } from '../../src/model/optimizers/index.js';
import type { Optimizer } from '../../src/model/optimizers/optimizer.js';
import { RMSprop } from '../../src/model/optimizers/rmsprop.js';
import { SGD } from '../../src/model/optimizers/sgd.js';
import { expectClose } from '../helpers/close.js';

type Rule = (w: number[], grads: number[][]) => number[];

function sgdRef(lr: number, mu: number, nesterov: boolean): Rule {
  return (w0, grads) => {
    const w = [...w0];
    const m = w.map(() => 0);
    for (const g of grads) {
      for (let i = 0; i < w.length; i++) {
        m[i] = mu * m[i]! - lr * g[i]!;
        w[i]! += nesterov ? mu * m[i]! - lr * g[i]! : m[i]!;
      }
    }
    return w;
  };
}

function rmspropRef(lr: number, rho: number, mu: number, eps: number, centered: boolean): Rule {
  return (w0, grads) => {
    const w = [...w0];
    const v = w.map(() => 0);
    const a = w.map(() => 0);
    const s = w.map(() => 0);
    for (const g of grads) {
      for (let i = 0; i < w.length; i++) {
        v[i] = rho * v[i]! + (1 - rho) * g[i]! ** 2;
        let den = v[i]! + eps;
        if (centered) {
          a[i] = rho * a[i]! + (1 - rho) * g[i]!;
          den = v[i]! - a[i]! ** 2 + eps;
        }
        const inc = (lr * g[i]!) / Math.sqrt(den);
        if (mu > 0) {
          s[i] = mu * s[i]! + inc;
          w[i]! -= s[i]!;
        } else w[i]! -= inc;
      }
    }
    return w;
  };
}

function adamRef(lr: number, b1: number, b2: number, eps: number, amsgrad: boolean): Rule {
  return (w0, grads) => {
    const w = [...w0];
    const m = w.map(() => 0);
    const v = w.map(() => 0);
    const vmax = w.map(() => 0);
    grads.forEach((g, k) => {
      const t = k + 1;
      const alpha = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
      for (let i = 0; i < w.length; i++) {
        m[i]! += (g[i]! - m[i]!) * (1 - b1);
        v[i]! += (g[i]! ** 2 - v[i]!) * (1 - b2);
        vmax[i] = Math.max(vmax[i]!, v[i]!);
        w[i]! -= (m[i]! * alpha) / (Math.sqrt(amsgrad ? vmax[i]! : v[i]!) + eps);
      }
    });
    return w;
  };
}

function run(opt: Optimizer, w0: number[], grads: number[][]): number[] {
  const value = Float32Array.from(w0);
  const grad = new Float32Array(w0.length);
  const param: Param = { name: 'kernel', shape: [w0.length], value, grad, trainable: true };
  for (const g of grads) {
    grad.set(g);
    opt.apply([param]);
  }
  expect(opt.iterations).toBe(grads.length);
  return Array.from(value);
}

const rs = new RandomState(11);
const w0 = Array.from(rs.uniform(-1, 1, 20) as Float64Array, Math.fround);
const grads = Array.from({ length: 8 }, () => Array.from(rs.normal(0, 0.5, 20) as Float64Array, Math.fround));

describe.each([
  ['SGD plain', new SGD(0.1), sgdRef(0.1, 0, false)],
  ['SGD momentum', new SGD({ learningRate: 0.05, momentum: 0.9 }), sgdRef(0.05, 0.9, false)],
  ['SGD Nesterov', new SGD({ learningRate: 0.05, momentum: 0.9, nesterov: true }), sgdRef(0.05, 0.9, true)],
  ['RMSprop', new RMSprop(0.01), rmspropRef(0.01, 0.9, 0, 1e-7, false)],
  [
    'RMSprop centered',
    new RMSprop({ learningRate: 0.01, centered: true }),
    rmspropRef(0.01, 0.9, 0, 1e-7, true),
  ],
  [
    'RMSprop momentum',
    new RMSprop({ learningRate: 0.01, momentum: 0.5 }),
    rmspropRef(0.01, 0.9, 0.5, 1e-7, false),
  ],
  ['Adam', new Adam(0.01), adamRef(0.01, 0.9, 0.999, 1e-7, false)],
  ['Adam amsgrad', new Adam({ learningRate: 0.01, amsgrad: true }), adamRef(0.01, 0.9, 0.999, 1e-7, true)],
] as const)('%s', (_name, optimizer, reference) => {
  it('follows the Keras update rule within float32 rounding over 8 steps', () => {
    expectClose(run(optimizer, w0, grads), reference(w0, grads), { rtol: 2e-5, atol: 2e-6 });
  });
});

describe('optimizer options', () => {
  it('have Keras defaults', () => {
    expect(new Adam().getConfig()).toEqual({
      name: 'adam',
      learning_rate: 0.001,
      beta_1: 0.9,
      beta_2: 0.999,
      epsilon: 1e-7,
      amsgrad: false,
    });
    expect(new SGD().getConfig()).toEqual({ name: 'sgd', learning_rate: 0.01, momentum: 0, nesterov: false });
    expect(new RMSprop().getConfig()).toMatchObject({
      learning_rate: 0.001,
      rho: 0.9,
      momentum: 0,
      epsilon: 1e-7,
      centered: false,
    });
    expect(getOptimizer('ADAM')).toBeInstanceOf(Adam);
  });

  it('refuse bad values with what was expected', () => {
    expect(() => new Adam(0)).toThrow('Adam.learningRate: expected a finite number > 0, got 0');
    expect(() => new Adam(-1)).toThrow(DataError);
    expect(() => new Adam(Number.NaN)).toThrow(/got NaN/);
    expect(() => new Adam({ beta1: 1 })).toThrow('Adam.beta1: expected a number in [0, 1), got 1');
    expect(() => new SGD({ momentum: -0.1 })).toThrow(/SGD.momentum/);
    expect(() => new RMSprop({ epsilon: -1 })).toThrow(/RMSprop.epsilon: expected a finite number >= 0/);
    expect(() => new Adam({ lr: 0.1 } as unknown as number)).toThrow(/unknown option "lr"/);
  });
});
