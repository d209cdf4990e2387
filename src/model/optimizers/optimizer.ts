/**
 * The optimizer protocol and the checks its constructors share. An optimizer is a small stateful object: it owns
 * one slot array per weight (created on the first step) and an `iterations` counter that, as in Keras, counts
 * applied steps and is incremented after all weights of a step are updated.
 *
 * Float32 faithfulness (Keras 3 on TensorFlow): hyper-parameters are rounded to float32, `1 - β` is computed in
 * float64 from the given β and then rounded, and every intermediate of the update is rounded with `Math.fround`.
 *
 * @module
 */

import { DataError, describeValue } from '../../core/errors.js';
import { checkOptions } from '../../core/options.js';
import { allocFloat32 } from '../../kernels/wasm-memory.js';
import type { Param } from '../layer.js';

/** What `Sequential.fit` needs from an optimizer. */
export interface Optimizer {
  /** Keras name: `adam`, `sgd`, `rmsprop`. */
  readonly name: string;
  /** Step size (may be changed between epochs, e.g. by a schedule callback). */
  learningRate: number;
  /** Number of steps applied so far. */
  readonly iterations: number;
  /** Updates every trainable weight in place from its gradient: one training step. */
  apply(params: readonly Param[]): void;
  /** Hyper-parameters in Keras' config form (snake_case keys). */
  getConfig(): Record<string, number | boolean | string>;
}

/** Validates a positive finite hyper-parameter. */
export function positive(value: unknown, subject: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new DataError({ subject, expected: 'a finite number > 0', got: describeValue(value) });
  }
  return value;
}

/** Validates a hyper-parameter in [0, 1) (decay rates, momentum). */
export function unitInterval(value: unknown, subject: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value >= 1) {
    throw new DataError({ subject, expected: 'a number in [0, 1)', got: describeValue(value) });
  }
  return value;
}

/** Validates a non-negative finite hyper-parameter (epsilon). */
export function nonNegative(value: unknown, subject: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new DataError({ subject, expected: 'a finite number >= 0', got: describeValue(value) });
  }
  return value;
}

/** Normalises `new X(0.01)` and `new X({ ... })` into an options object; rejects unknown keys. */
export function optionsOf<T extends object>(
  arg: number | T | undefined,
  className: string,
  known: readonly string[],
): Partial<T> & { learningRate?: number } {
  if (arg === undefined) return {};
  if (typeof arg === 'number') return { learningRate: arg } as Partial<T> & { learningRate?: number };
  if (typeof arg !== 'object' || arg === null) {
    throw new DataError({
      subject: `${className} options`,
      expected: 'a learning rate or an options object',
      got: describeValue(arg),
    });
  }
  return checkOptions(arg, `${className} options`, known) as Partial<T> & { learningRate?: number };
}

/** Allocates (once) one zeroed slot array per trainable parameter, matching their lengths. */
export function slotsFor(params: readonly Param[], existing: Float32Array[] | undefined): Float32Array[] {
  if (existing && existing.length === params.length) {
    let same = true;
    for (let i = 0; i < params.length && same; i++) same = existing[i]!.length === params[i]!.value.length;
    if (same) return existing;
  }
  // Slots live next to the weights (in the kernels' memory when it is shared) so the update runs in wasm.
  return params.map((p) => allocFloat32(p.value.length));
}
