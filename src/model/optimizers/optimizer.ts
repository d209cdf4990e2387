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
  /**
   * The kinds of slot this optimizer keeps per weight, in the order TF.js' own optimizer lists them
   * (Adam `m`, `v`; momentum SGD `momentum`; RMSprop `rms`, `momentum`, `mg`), which is the order they are saved in.
   */
  readonly slotNames: readonly string[];
  /** A copy of the training state for `params` (the trainable weights, as `apply` receives them). */
  getState(params: readonly Param[]): OptimizerState;
  /** Restores a state from {@link getState} (e.g. read back from a saved model), so training resumes exactly. */
  setState(state: OptimizerState, params: readonly Param[]): void;
}

/**
 * An optimizer's training state: the number of steps applied and, for each slot kind in
 * {@link Optimizer.slotNames}, one float32 array per trainable weight (zeros before the first step).
 */
export interface OptimizerState {
  iterations: number;
  slots: Record<string, Float32Array[]>;
}

/** Copies of `existing` slots, or zeros shaped like `params` when there are none yet. */
export function copySlots(params: readonly Param[], existing: Float32Array[] | undefined): Float32Array[] {
  return params.map((p, i) => {
    const slot = existing?.[i];
    return slot && slot.length === p.value.length ? slot.slice() : new Float32Array(p.value.length);
  });
}

/**
 * Checks a saved state against this optimizer and `params`, and returns the step count and the slot arrays
 * copied next to the weights (in the kernels' memory, like the slots `apply` allocates).
 *
 * @throws {DataError} a step count that is not a whole number >= 0, a missing slot kind, or a slot whose
 *   length differs from its weight's
 */
export function restoreSlots(
  optimizer: Optimizer,
  state: OptimizerState,
  params: readonly Param[],
): { iterations: number; slots: Record<string, Float32Array[]> } {
  const subject = `${optimizer.name} state`;
  if (!Number.isInteger(state.iterations) || state.iterations < 0) {
    throw new DataError({
      subject,
      expected: 'iterations, a whole number >= 0',
      got: describeValue(state.iterations),
    });
  }
  const slots: Record<string, Float32Array[]> = {};
  for (const kind of optimizer.slotNames) {
    const arrays = state.slots[kind];
    if (!arrays || arrays.length !== params.length) {
      throw new DataError({
        subject,
        expected: `${params.length} "${kind}" slots (one per trainable weight)`,
        got: arrays ? `${arrays.length}` : 'none',
      });
    }
    slots[kind] = params.map((p, i) => {
      const source = arrays[i]!;
      if (source.length !== p.value.length) {
        throw new DataError({
          subject,
          expected: `a "${kind}" slot of ${p.value.length} values for ${p.name}`,
          got: `${source.length} values`,
          where: `weight ${i}`,
        });
      }
      const slot = allocFloat32(source.length);
      slot.set(source);
      return slot;
    });
  }
  return { iterations: state.iterations, slots };
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
