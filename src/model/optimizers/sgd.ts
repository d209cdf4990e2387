/**
 * Stochastic gradient descent with optional (Nesterov) momentum, Keras 3 `SGD.update_step`, float32:
 *
 *   momentum = 0:  w ← w − lr·g
 *   momentum μ:    m ← μ·m − lr·g;  w ← w + m               (m starts at 0)
 *   nesterov:      m ← μ·m − lr·g;  w ← w + μ·m − lr·g      (with the updated m)
 *
 * @module
 */

import { booleanOption } from '../../core/options.js';
import type { Param } from '../layer.js';
import {
  copySlots,
  type Optimizer,
  type OptimizerState,
  optionsOf,
  positive,
  restoreSlots,
  slotsFor,
  unitInterval,
} from './optimizer.js';

/** Options of {@link SGD} (Keras defaults: learningRate 0.01, momentum 0, nesterov false). */
export interface SGDOptions {
  learningRate?: number;
  momentum?: number;
  nesterov?: boolean;
}

const f = Math.fround;

/** @example new SGD({ learningRate: 0.01, momentum: 0.9, nesterov: true }) */
export class SGD implements Optimizer {
  readonly name = 'sgd';
  learningRate: number;
  readonly momentum: number;
  readonly nesterov: boolean;
  private steps = 0;
  private velocity: Float32Array[] | undefined;

  /** `new SGD(0.01)` or `new SGD({ learningRate, momentum, nesterov })`. */
  constructor(options?: number | SGDOptions) {
    const o = optionsOf(options, 'SGD', ['learningRate', 'momentum', 'nesterov']);
    this.learningRate = positive(o.learningRate ?? 0.01, 'SGD.learningRate');
    this.momentum = unitInterval(o.momentum ?? 0, 'SGD.momentum');
    this.nesterov = booleanOption(o.nesterov, 'SGD.nesterov', false);
  }

  get iterations(): number {
    return this.steps;
  }

  /** `momentum` (Keras' m = μ·m − lr·g) when momentum is on; plain SGD keeps no slots. */
  get slotNames(): readonly string[] {
    return this.momentum > 0 ? ['momentum'] : [];
  }

  getState(params: readonly Param[]): OptimizerState {
    const slots: Record<string, Float32Array[]> = {};
    if (this.momentum > 0) slots.momentum = copySlots(params, this.velocity);
    return { iterations: this.steps, slots };
  }

  setState(state: OptimizerState, params: readonly Param[]): void {
    const { iterations, slots } = restoreSlots(this, state, params);
    this.velocity = slots.momentum;
    this.steps = iterations;
  }

  apply(params: readonly Param[]): void {
    const lr = f(this.learningRate);
    const mu = f(this.momentum);
    if (this.momentum > 0) this.velocity = slotsFor(params, this.velocity);
    for (let p = 0; p < params.length; p++) {
      const { value: w, grad: g } = params[p]!;
      if (this.momentum === 0) {
        for (let i = 0; i < w.length; i++) w[i] = f(w[i]! - f(lr * g[i]!));
        continue;
      }
      const m = this.velocity![p]!;
      for (let i = 0; i < w.length; i++) {
        const step = f(-g[i]! * lr);
        const mi = f(step + f(m[i]! * mu));
        m[i] = mi;
        w[i] = this.nesterov ? f(w[i]! + f(step + f(mi * mu))) : f(w[i]! + mi);
      }
    }
    this.steps++;
  }

  getConfig(): Record<string, number | boolean | string> {
    return {
      name: this.name,
      learning_rate: this.learningRate,
      momentum: this.momentum,
      nesterov: this.nesterov,
    };
  }
}
