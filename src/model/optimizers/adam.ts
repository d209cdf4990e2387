/**
 * Adam with Keras' formulas (Keras 3 `Adam.update_step`), float32 throughout:
 *
 *   t = iterations + 1
 *   α = lr · sqrt(1 − β2^t) / (1 − β1^t)          (β^t from the float32 β, in float32)
 *   m ← m + (g − m)(1 − β1)
 *   v ← v + (g² − v)(1 − β2)
 *   w ← w − α·m / (sqrt(v) + ε)
 *
 * ε is Keras' "epsilon hat" (default 1e-7), added after the bias correction is folded into α; PyTorch and
 * TF.js add it to sqrt(v̂) instead, so their steps differ slightly early on. `amsgrad` keeps max(v) instead of v.
 *
 * @module
 */

import { booleanOption } from '../../core/options.js';
import { adamUpdate } from '../../kernels/adam-update.js';
import type { Param } from '../layer.js';
import {
  copySlots,
  nonNegative,
  type Optimizer,
  type OptimizerState,
  optionsOf,
  positive,
  restoreSlots,
  slotsFor,
  unitInterval,
} from './optimizer.js';

/** Options of {@link Adam} (Keras defaults). */
export interface AdamOptions {
  learningRate?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  amsgrad?: boolean;
}

const f = Math.fround;

/**
 * @example
 * model.compile({ optimizer: new Adam(0.001), loss: 'sparse_categorical_crossentropy' });
 */
export class Adam implements Optimizer {
  readonly name = 'adam';
  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;
  private steps = 0;
  private m: Float32Array[] | undefined;
  private v: Float32Array[] | undefined;
  private vMax: Float32Array[] | undefined;

  /** `new Adam(0.001)` or `new Adam({ learningRate, beta1, beta2, epsilon, amsgrad })`. */
  constructor(options?: number | AdamOptions) {
    const o = optionsOf(options, 'Adam', ['learningRate', 'beta1', 'beta2', 'epsilon', 'amsgrad']);
    this.learningRate = positive(o.learningRate ?? 0.001, 'Adam.learningRate');
    this.beta1 = unitInterval(o.beta1 ?? 0.9, 'Adam.beta1');
    this.beta2 = unitInterval(o.beta2 ?? 0.999, 'Adam.beta2');
    this.epsilon = nonNegative(o.epsilon ?? 1e-7, 'Adam.epsilon');
    this.amsgrad = booleanOption(o.amsgrad, 'Adam.amsgrad', false);
  }

  get iterations(): number {
    return this.steps;
  }

  /** `m`, `v` (TF.js' order), then `vhat` (max of v) with amsgrad. */
  get slotNames(): readonly string[] {
    return this.amsgrad ? ['m', 'v', 'vhat'] : ['m', 'v'];
  }

  getState(params: readonly Param[]): OptimizerState {
    const slots: Record<string, Float32Array[]> = {
      m: copySlots(params, this.m),
      v: copySlots(params, this.v),
    };
    if (this.amsgrad) slots.vhat = copySlots(params, this.vMax);
    return { iterations: this.steps, slots };
  }

  setState(state: OptimizerState, params: readonly Param[]): void {
    const { iterations, slots } = restoreSlots(this, state, params);
    this.m = slots.m;
    this.v = slots.v;
    this.vMax = slots.vhat;
    this.steps = iterations;
  }

  apply(params: readonly Param[]): void {
    this.m = slotsFor(params, this.m);
    this.v = slotsFor(params, this.v);
    if (this.amsgrad) this.vMax = slotsFor(params, this.vMax);
    const t = this.steps + 1;
    const lr = f(this.learningRate);
    const b1 = f(this.beta1);
    const b2 = f(this.beta2);
    const b1t = f(b1 ** t);
    const b2t = f(b2 ** t);
    const alpha = f(f(lr * f(Math.sqrt(f(1 - b2t)))) / f(1 - b1t));
    const scalars = {
      alpha,
      oneMinusBeta1: f(1 - this.beta1),
      oneMinusBeta2: f(1 - this.beta2),
      epsilon: f(this.epsilon),
    };
    for (let p = 0; p < params.length; p++) {
      const { value: w, grad: g } = params[p]!;
      adamUpdate(w, g, this.m[p]!, this.v[p]!, this.amsgrad ? this.vMax![p]! : null, scalars);
    }
    this.steps = t;
  }

  getConfig(): Record<string, number | boolean | string> {
    return {
      name: this.name,
      learning_rate: this.learningRate,
      beta_1: this.beta1,
      beta_2: this.beta2,
      epsilon: this.epsilon,
      amsgrad: this.amsgrad,
    };
  }
}
