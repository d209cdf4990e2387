/**
 * One training step, shared by `fit` and `trainOnBatch`: forward, loss and its gradient, backward, one
 * optimizer update. Buffers are allocated once per batch capacity and reused, so a step allocates nothing.
 *
 * A non-finite batch loss stops before any weight changes; an update that makes a weight non-finite is
 * undone from a copy taken just before it. Either way the model keeps finite weights.
 *
 * @module
 */

import type { Loss } from '../core/losses/index.js';
import { copyFloat32 } from '../kernels/copy.js';
import { allFinite } from '../kernels/finite.js';
import { allocFloat32 } from '../kernels/wasm-memory.js';
import type { Layer, Param } from './layer.js';
import { countCorrect } from './metrics.js';
import type { Optimizer } from './optimizers/optimizer.js';

/** What a step reports; `failure` is set (and the weights unchanged) when the step could not be applied. */
export interface StepResult {
  /** Batch mean loss, computed with the weights before the update (float32). */
  loss: number;
  /** Rows whose argmax matches the target (computed only when `countAccuracy`). */
  correct: number;
  failure?: 'non-finite loss' | 'non-finite weights';
}

const f = Math.fround;

function allParamsFinite(params: readonly Param[]): boolean {
  for (const p of params) if (!allFinite(p.value)) return false;
  return true;
}

/** A reusable training step for one model configuration. */
export class TrainStep {
  private readonly layers: readonly Layer[];
  private readonly params: readonly Param[];
  private readonly loss: Loss;
  private readonly optimizer: Optimizer;
  private readonly units: number;
  private grad: Float32Array;
  // One backup array per weight array, made once. Each is its own kernel-memory block (not a view into a
  // shared one): blocks are recycled when the view that owns them is garbage-collected.
  private readonly backups: Float32Array[];

  constructor(
    layers: readonly Layer[],
    params: readonly Param[],
    loss: Loss,
    optimizer: Optimizer,
    units: number,
    capacity: number,
  ) {
    this.layers = layers;
    this.params = params;
    this.loss = loss;
    this.optimizer = optimizer;
    this.units = units;
    this.grad = allocFloat32(capacity * units);
    this.backups = params.map((p) => allocFloat32(p.value.length));
  }

  /** Runs one step on `rows` rows of `x` with targets `t` (labels, or one-hot rows). */
  run(x: Float32Array, t: Int32Array | Float32Array, rows: number, countAccuracy: boolean): StepResult {
    const { layers, params, units } = this;
    if (this.grad.length < rows * units) this.grad = allocFloat32(rows * units);
    let out = x;
    for (const layer of layers) out = layer.forward(out, rows);
    const correct = countAccuracy ? countCorrect(out, rows, units, t) : 0;
    const loss = f(this.loss.lossAndGradient(out, rows, units, t, this.grad, 1 / rows) / rows);
    if (!Number.isFinite(loss)) return { loss, correct, failure: 'non-finite loss' };
    let g: Float32Array | null = this.grad;
    for (let l = layers.length - 1; l >= 0 && g; l--) g = layers[l]!.backward(g, rows, l > 0);
    const backups = this.backups;
    for (let i = 0; i < params.length; i++) copyFloat32(backups[i]!, params[i]!.value);
    this.optimizer.apply(params);
    if (!allParamsFinite(params)) {
      for (let i = 0; i < params.length; i++) copyFloat32(params[i]!.value, backups[i]!);
      return { loss, correct, failure: 'non-finite weights' };
    }
    return { loss, correct };
  }
}
