/**
 * RMSprop, Keras 3 `RMSprop.update_step`, float32 (ε sits inside the square root, unlike Adam):
 *
 *   v ← ρ·v + (1 − ρ)·g²
 *   centered:  ḡ ← ρ·ḡ + (1 − ρ)·g;  d = v − ḡ² + ε,  else d = v + ε
 *   inc = lr·g / sqrt(d)
 *   momentum μ > 0:  s ← μ·s + inc;  w ← w − s,  else w ← w − inc
 *
 * @module
 */

import { booleanOption } from '../../core/options.js';
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

/** Options of {@link RMSprop} (Keras defaults: lr 0.001, rho 0.9, momentum 0, epsilon 1e-7, not centered). */
export interface RMSpropOptions {
  learningRate?: number;
  rho?: number;
  momentum?: number;
  epsilon?: number;
  centered?: boolean;
}

const f = Math.fround;

/** @example new RMSprop({ learningRate: 0.001, rho: 0.9 }) */
export class RMSprop implements Optimizer {
  readonly name = 'rmsprop';
  learningRate: number;
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;
  private steps = 0;
  private velocity: Float32Array[] | undefined;
  private averageGradient: Float32Array[] | undefined;
  private momentumSlots: Float32Array[] | undefined;

  /** `new RMSprop(0.001)` or `new RMSprop({ learningRate, rho, momentum, epsilon, centered })`. */
  constructor(options?: number | RMSpropOptions) {
    const o = optionsOf(options, 'RMSprop', ['learningRate', 'rho', 'momentum', 'epsilon', 'centered']);
    this.learningRate = positive(o.learningRate ?? 0.001, 'RMSprop.learningRate');
    this.rho = unitInterval(o.rho ?? 0.9, 'RMSprop.rho');
    this.momentum = unitInterval(o.momentum ?? 0, 'RMSprop.momentum');
    this.epsilon = nonNegative(o.epsilon ?? 1e-7, 'RMSprop.epsilon');
    this.centered = booleanOption(o.centered, 'RMSprop.centered', false);
  }

  get iterations(): number {
    return this.steps;
  }

  /**
   * `rms` (the mean square), `momentum` and, centered, `mg` (the mean gradient): TF.js' order. TF.js keeps the
   * momentum slot even at momentum 0, so it is saved as zeros then, and ignored when read back.
   */
  get slotNames(): readonly string[] {
    return this.centered ? ['rms', 'momentum', 'mg'] : ['rms', 'momentum'];
  }

  getState(params: readonly Param[]): OptimizerState {
    const slots: Record<string, Float32Array[]> = {
      rms: copySlots(params, this.velocity),
      momentum: copySlots(params, this.momentumSlots),
    };
    if (this.centered) slots.mg = copySlots(params, this.averageGradient);
    return { iterations: this.steps, slots };
  }

  setState(state: OptimizerState, params: readonly Param[]): void {
    const { iterations, slots } = restoreSlots(this, state, params);
    this.velocity = slots.rms;
    this.momentumSlots = this.momentum > 0 ? slots.momentum : undefined;
    this.averageGradient = slots.mg;
    this.steps = iterations;
  }

  apply(params: readonly Param[]): void {
    this.velocity = slotsFor(params, this.velocity);
    if (this.centered) this.averageGradient = slotsFor(params, this.averageGradient);
    if (this.momentum > 0) this.momentumSlots = slotsFor(params, this.momentumSlots);
    const lr = f(this.learningRate);
    const rho = f(this.rho);
    const oneMinusRho = f(1 - this.rho);
    const mu = f(this.momentum);
    const eps = f(this.epsilon);
    for (let p = 0; p < params.length; p++) {
      const { value: w, grad: g } = params[p]!;
      const v = this.velocity[p]!;
      const avg = this.centered ? this.averageGradient![p]! : undefined;
      const mom = this.momentum > 0 ? this.momentumSlots![p]! : undefined;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i]!;
        const vi = f(f(rho * v[i]!) + f(oneMinusRho * f(gi * gi)));
        v[i] = vi;
        let den: number;
        if (avg) {
          const ai = f(f(rho * avg[i]!) + f(oneMinusRho * gi));
          avg[i] = ai;
          den = f(f(vi - f(ai * ai)) + eps);
        } else {
          den = f(vi + eps);
        }
        const inc = f(f(lr * gi) / f(Math.sqrt(den)));
        if (mom) {
          const si = f(f(mu * mom[i]!) + inc);
          mom[i] = si;
          w[i] = f(w[i]! - si);
        } else {
          w[i] = f(w[i]! - inc);
        }
      }
    }
    this.steps++;
  }

  getConfig(): Record<string, number | boolean | string> {
    return {
      name: this.name,
      learning_rate: this.learningRate,
      rho: this.rho,
      momentum: this.momentum,
      epsilon: this.epsilon,
      centered: this.centered,
    };
  }
}
