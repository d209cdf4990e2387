/**
 * The layer protocol `Sequential` loops over: build once from the input width, then forward and backward on
 * row-major float32 batches. Buffers belong to the layer and are reused from batch to batch.
 *
 * @module
 */

import type { RandomState } from '../core/random/random-state.js';

/** A weight of a layer with its gradient (same length), in Keras' shape (kernel: [in, out], bias: [out]). */
export interface Param {
  /** `kernel` or `bias` (Keras weight names). */
  readonly name: string;
  readonly shape: readonly number[];
  readonly value: Float32Array;
  readonly grad: Float32Array;
  readonly trainable: boolean;
  /** The smallest value the weight may hold (a variance: 0); unset when any finite value will do. */
  readonly minimum?: number;
}

/** One layer of a {@link Sequential} model. */
export interface Layer {
  /** Unique name, e.g. `dense_1`. */
  readonly name: string;
  /** Keras class name, e.g. `Dense`. */
  readonly className: string;
  /** Input width once built (or when declared with `inputDim`). */
  readonly inputDim: number | undefined;
  /** Output width. */
  readonly outputDim: number;
  readonly built: boolean;
  /** Creates the weights for `inputDim` inputs, drawing from `rs`. */
  build(inputDim: number, rs: RandomState): void;
  /**
   * How many weights {@link build} would create for `inputDim` inputs, so a model can refuse one that is too
   * large before allocating anything. Optional: layers without it are not counted.
   */
  weightCountFor?(inputDim: number): number;
  /**
   * Forward pass on `rows` x `inputDim` values; returns the layer's own `rows` x `outputDim` output buffer
   * (valid until the next call). Keeps what backward needs.
   */
  forward(input: Float32Array, rows: number): Float32Array;
  /**
   * Backward pass: given dL/d(output) for the last forward batch (may be overwritten), sets the weight
   * gradients and returns dL/d(input), or `null` when `needInputGradient` is false (first layer).
   */
  backward(outputGradient: Float32Array, rows: number, needInputGradient: boolean): Float32Array | null;
  /** Weights in Keras order (kernel, bias); empty before build. */
  params(): Param[];
  /** Serialisable configuration (Keras `get_config` keys). */
  getConfig(): Record<string, unknown>;
}
