/**
 * The numbers behind the softmax explorer and the cross-entropy section, all from the library: the softmax
 * input u = (z + c) / T in float32 (the precision Keras computes in, and the one where the naive form's
 * overflow shows first, at u ≈ 88.7), its stable softmax and its naive softmax.
 *
 * @module
 */

import { naiveSoftmax, softmax } from '../../core/softmax.js';
import type { LabState } from '../state/lab-state.js';

/** What the explorer shows for one state. */
export interface ExplorerValues {
  /** u_i = (z_i + c) / T, rounded to float32. */
  inputs: Float32Array;
  /** softmax(u) with the max subtracted (never overflows). */
  stable: Float32Array;
  /** exp(u_i) / Σ exp(u_k) in float32 (NaN once an exp overflows). */
  naive: Float32Array;
  /** The one the page shows: naive or stable, by the state's switch. */
  shown: Float32Array;
}

/** Computes {@link ExplorerValues} for the explorer's logits, shift, temperature and naive switch. */
export function explorerValues(s: Pick<LabState, 'z' | 'shift' | 'temperature' | 'naive'>): ExplorerValues {
  const inputs = Float32Array.from(s.z, (z) => (z + s.shift) / s.temperature);
  const stable = softmax(inputs);
  const naive = naiveSoftmax(inputs);
  return { inputs, stable, naive, shown: s.naive ? naive : stable };
}

/** The largest entry of a vector (NaN-free input assumed; −Infinity for an empty one). */
export function maxOf(v: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < v.length; i++) m = Math.max(m, v[i]!);
  return m;
}
