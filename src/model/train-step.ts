/**
 * One training step, shared by `fit` and `trainOnBatch`: forward, loss and its gradient, backward, one
 * optimizer update. Buffers are allocated once per batch capacity and reused, so a step allocates nothing.
 *
 * A non-finite batch loss stops before any weight changes; an update that makes a weight non-finite is
 * undone from a copy taken just before it. Either way the model keeps finite weights.
 *
 * Two shortcuts give the same bits as the plain sequence of calls, with fewer crossings between JS and the
 * wasm kernels (at the lab's sizes those crossings, not the arithmetic, are most of a step):
 * - a model made only of relu/linear `Dense` layers trained with a cross-entropy from logits runs forward,
 *   loss and backward in one wasm call (`MlpTrainingPass`);
 * - Adam's updates of every weight array, the backups and the finiteness check run in one more
 *   (`AdamStepBatch`).
 *
 * @module
 */

import { CategoricalCrossentropy } from '../core/losses/categorical-crossentropy.js';
import type { Loss } from '../core/losses/index.js';
import { SparseCategoricalCrossentropy } from '../core/losses/sparse-categorical-crossentropy.js';
import { AdamStepBatch } from '../kernels/adam-update.js';
import { copyFloat32 } from '../kernels/copy.js';
import { allFinite } from '../kernels/finite.js';
import { logitsCrossEntropy } from '../kernels/logits-loss.js';
import { type DenseArrays, MlpTrainingPass, type ResidentRows } from '../kernels/mlp-kernels.js';
import { allocFloat32 } from '../kernels/wasm-memory.js';
import { Dense } from './dense.js';
import type { Layer, Param } from './layer.js';
import { countCorrect } from './metrics.js';
import { Adam } from './optimizers/adam.js';
import type { Optimizer } from './optimizers/optimizer.js';

/** Why a step could not be applied (the weights are then unchanged). */
export type StepFailure = 'non-finite loss' | 'non-finite weights';

const f = Math.fround;

/** The cross-entropies from logits, which the training kernels compute themselves. */
function logitsCrossEntropyKind(loss: Loss): 'sparse' | 'dense' | undefined {
  if (!loss.fromLogits) return undefined;
  if (loss instanceof SparseCategoricalCrossentropy) return 'sparse';
  if (loss instanceof CategoricalCrossentropy) return 'dense';
  return undefined;
}

/** A reusable training step for one model configuration. */
export class TrainStep {
  /** Rows whose argmax matched the target in the last step (counted only when asked). */
  correct: number;
  /** Set when the last step could not be applied. */
  failure: StepFailure | undefined;
  private readonly layers: readonly Layer[];
  private readonly params: readonly Param[];
  private readonly loss: Loss;
  private readonly crossEntropy: 'sparse' | 'dense' | undefined;
  private readonly optimizer: Optimizer;
  private readonly units: number;
  private grad: Float32Array;
  // One backup array per weight array, made once. Each is its own kernel-memory block (not a view into a
  // shared one): blocks are recycled when the view that owns them is garbage-collected.
  private readonly backups: Float32Array[];
  private readonly adamBatch: AdamStepBatch | undefined;
  // The fused pass (null: the model does not qualify) and the layer arrays' versions it was built for.
  private pass: MlpTrainingPass | null;
  private passVersions: number[];

  constructor(
    layers: readonly Layer[],
    params: readonly Param[],
    loss: Loss,
    optimizer: Optimizer,
    units: number,
    capacity: number,
  ) {
    this.correct = 0;
    this.failure = undefined;
    this.layers = layers;
    this.params = params;
    this.loss = loss;
    this.crossEntropy = logitsCrossEntropyKind(loss);
    this.optimizer = optimizer;
    this.units = units;
    this.grad = allocFloat32(capacity * units);
    this.backups = params.map((p) => allocFloat32(p.value.length));
    // Adam's own class only: a subclass might update the weights outside adamUpdate.
    this.adamBatch =
      optimizer.constructor === Adam
        ? new AdamStepBatch(
            params.map((p) => p.value),
            this.backups,
          )
        : undefined;
    this.passVersions = [];
    this.pass = this.buildPass(capacity);
  }

  /** The fused pass for batches of up to `capacity` rows, when every layer and the loss allow it. */
  private buildPass(capacity: number): MlpTrainingPass | null {
    if (this.crossEntropy === undefined) return null;
    const arrays: DenseArrays[] = [];
    const versions: number[] = [];
    for (let l = 0; l < this.layers.length; l++) {
      const layer = this.layers[l];
      if (!(layer instanceof Dense)) return null;
      const a = layer.fusedTrainingArrays(capacity, l > 0);
      if (!a) return null;
      arrays.push(a);
      versions.push(layer.fusedArraysVersion);
    }
    if (this.grad.length < capacity * this.units) this.grad = allocFloat32(capacity * this.units);
    this.passVersions = versions;
    return MlpTrainingPass.create(arrays, capacity, this.crossEntropy === 'sparse', this.grad);
  }

  /** The fused pass if it still describes the layers' arrays for `rows` rows (rebuilt if they changed). */
  private currentPass(rows: number): MlpTrainingPass | null {
    const pass = this.pass;
    if (pass === null) return null;
    let same = rows <= pass.maxRows;
    for (let l = 0; l < this.layers.length && same; l++) {
      same = (this.layers[l] as Dense).fusedArraysVersion === this.passVersions[l];
    }
    if (!same) this.pass = this.buildPass(Math.max(rows, pass.maxRows));
    return this.pass;
  }

  /**
   * Runs one step on `rows` rows of `x` with targets `t` (labels, or one-hot rows). Returns the batch mean
   * loss computed with the weights before the update (float32); sets {@link failure} (the weights then
   * unchanged) and, when `countAccuracy`, {@link correct}.
   */
  run(x: Float32Array, t: Int32Array | Float32Array, rows: number, countAccuracy: boolean): number {
    this.failure = undefined;
    const pass = this.currentPass(rows);
    let loss: number;
    if (pass !== null) {
      loss = f(pass.run(x, rows, t, 1 / rows) / rows);
      this.correct = countAccuracy ? countCorrect(pass.logits, rows, this.units, t) : 0;
    } else {
      loss = this.forwardAndBackward(x, t, rows, countAccuracy);
    }
    if (!Number.isFinite(loss)) this.failure = 'non-finite loss';
    else if (!this.update()) this.failure = 'non-finite weights';
    return loss;
  }

  /** True when the whole model trains in one wasm call for batches of `rows` rows (see {@link runRows}). */
  fusedFor(rows: number): boolean {
    return this.currentPass(rows) !== null;
  }

  /**
   * {@link run} on rows `order[start .. start + rows)` of whole training blocks in the kernels' memory,
   * gathered in wasm. Only when {@link fusedFor} said so for these rows.
   */
  runRows(source: ResidentRows, start: number, rows: number, countAccuracy: boolean): number {
    this.failure = undefined;
    const pass = this.pass!;
    const loss = f(pass.runRows(source, start, rows, 1 / rows) / rows);
    this.correct = countAccuracy ? countCorrect(pass.logits, rows, this.units, pass.gatheredTargets) : 0;
    if (!Number.isFinite(loss)) this.failure = 'non-finite loss';
    else if (!this.update()) this.failure = 'non-finite weights';
    return loss;
  }

  /** Layer by layer: forward, loss and gradient, and (when the loss is finite) backward. Returns the loss. */
  private forwardAndBackward(
    x: Float32Array,
    t: Int32Array | Float32Array,
    rows: number,
    countAccuracy: boolean,
  ): number {
    const layers = this.layers;
    const units = this.units;
    if (this.grad.length < rows * units) this.grad = allocFloat32(rows * units);
    let out = x;
    for (const layer of layers) out = layer.forward(out, rows);
    this.correct = countAccuracy ? countCorrect(out, rows, units, t) : 0;
    const sum =
      this.crossEntropy === undefined
        ? this.loss.lossAndGradient(out, rows, units, t, this.grad, 1 / rows)
        : logitsCrossEntropy(out, rows, units, t, this.crossEntropy === 'sparse', this.grad, 1 / rows);
    const loss = f(sum / rows);
    if (!Number.isFinite(loss)) return loss;
    let g: Float32Array | null = this.grad;
    for (let l = layers.length - 1; l >= 0 && g; l--) g = layers[l]!.backward(g, rows, l > 0);
    return loss;
  }

  /** The optimizer's update, undone when it leaves a non-finite weight; false then. */
  private update(): boolean {
    const { params, backups, adamBatch } = this;
    let finite: boolean;
    if (adamBatch) {
      adamBatch.begin();
      try {
        this.optimizer.apply(params);
      } finally {
        adamBatch.stop();
      }
      finite = adamBatch.end();
    } else {
      for (let i = 0; i < params.length; i++) copyFloat32(backups[i]!, params[i]!.value);
      this.optimizer.apply(params);
      finite = true;
      for (let i = 0; i < params.length && finite; i++) finite = allFinite(params[i]!.value);
    }
    if (!finite) for (let i = 0; i < params.length; i++) copyFloat32(params[i]!.value, backups[i]!);
    return finite;
  }
}
