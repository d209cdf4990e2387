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
import { nonNegative, type Optimizer, optionsOf, positive, slotsFor, unitInterval } from './optimizer.js';

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
