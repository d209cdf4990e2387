/**
 * A stack of relu/linear Dense layers trained on one batch in a single wasm call: every forward pass, the
 * cross-entropy of the logits with its gradient, every backward pass (`mlpTrainPass` in wasm/mlp.as). The
 * layers run the same kernels as their own calls would (`denseForward` / `denseBackward`) and the loss the
 * same formulas as `logitsCrossEntropy`, so the results are the same bits as the layer-by-layer path.
 *
 * Used when every array lives in the kernels' shared memory and no layer is large enough for the worker
 * threads (there the products dominate and the calls do not matter).
 *
 * @module
 */

import type { FusedActivation } from './dense-kernels.js';
import type { LogitsTargets } from './logits-loss.js';
import { PARALLEL_MIN_MACS, scratchFor } from './wasm-gemm.js';
import { allocBytes, allocFloat32, allocInt32, residentOffset } from './wasm-memory.js';
import { getWasmKernels, type WasmKernels } from './wasm-module.js';

/** The arrays of one Dense layer, as the fused pass uses them (x is the previous layer's y). */
export interface DenseArrays {
  inDim: number;
  units: number;
  activation: FusedActivation;
  /** inDim x units. */
  kernel: Float32Array;
  bias: Float32Array | null;
  /** Output, at least capacity x units. */
  y: Float32Array;
  kernelGrad: Float32Array;
  biasGrad: Float32Array | null;
  /** dL/dx, at least capacity x inDim; null for the first layer. */
  dx: Float32Array | null;
}

/**
 * Whole training blocks in the kernels' memory, by byte offset: X (inDim values per row), the targets
 * (`targetWidth` values per row: 1 for labels) and an order of rows (int32) that batches follow.
 */
export interface ResidentRows {
  xAt: number;
  targetAt: number;
  targetWidth: number;
  orderAt: number;
  /** The views that own these blocks: holding them keeps the blocks allocated. */
  views: readonly (Float32Array | Int32Array)[];
}

/** int32 per layer in the table (see wasm/mlp.as). */
const LAYER_INTS = 9;

/**
 * The fused training pass of one model for batches of up to `capacity` rows.
 *
 * @example
 * const pass = MlpTrainingPass.create(layers, 32, true, grad);
 * const lossSum = pass?.run(x, rows, labels, 1 / rows);
 */
export class MlpTrainingPass {
  private readonly kernels: WasmKernels;
  // The layer table (its byte offset is its address in the kernels' memory).
  private readonly table: Int32Array;
  // Held so that no array the table points to is collected (and its block reused) while the pass lives.
  private readonly layers: readonly DenseArrays[];
  private readonly layerCount: number;
  private readonly capacity: number;
  private readonly inDim: number;
  private readonly units: number;
  private readonly sparse: boolean;
  private readonly work: number;
  private readonly expScratch: number;
  // Copies of a batch or targets that live outside the kernels' memory.
  private readonly xStage: Float32Array;
  private readonly xStageAt: number;
  private readonly targetStage: LogitsTargets;
  private readonly targetStageAt: number;
  private readonly gradAt: number;
  // The last batch and targets seen, with their offsets (-1: they live elsewhere and are copied in).
  private lastX: Float32Array;
  private lastXAt: number;
  private lastTarget: LogitsTargets;
  private lastTargetAt: number;

  private constructor(
    kernels: WasmKernels,
    table: Int32Array,
    layers: readonly DenseArrays[],
    capacity: number,
    sparse: boolean,
    gradAt: number,
  ) {
    this.kernels = kernels;
    this.gradAt = gradAt;
    this.table = table;
    this.layers = layers;
    this.layerCount = layers.length;
    this.capacity = capacity;
    this.inDim = layers[0]!.inDim;
    this.units = layers[layers.length - 1]!.units;
    this.sparse = sparse;
    this.work = scratchFor(kernels);
    this.expScratch = allocBytes(kernels, this.units * 32);
    this.xStage = allocFloat32(capacity * this.inDim);
    this.xStageAt = residentOffset(kernels, this.xStage);
    this.targetStage = sparse ? allocInt32(capacity) : allocFloat32(capacity * this.units);
    this.targetStageAt = residentOffset(kernels, this.targetStage);
    this.lastX = this.xStage;
    this.lastXAt = this.xStageAt;
    this.lastTarget = this.targetStage;
    this.lastTargetAt = this.targetStageAt;
  }

  /**
   * The pass for `layers` (in order, each reading the previous one's y) and batches of up to `capacity`
   * rows, writing the loss gradient into `grad` (at least capacity x units), or null when the fused pass
   * cannot run them: the wasm kernels or shared memory are missing, an array lives elsewhere, or a layer is
   * large enough for the worker threads.
   */
  static create(
    layers: readonly DenseArrays[],
    capacity: number,
    sparse: boolean,
    grad: Float32Array,
  ): MlpTrainingPass | null {
    const kernels = getWasmKernels();
    if (!kernels?.shared || layers.length === 0) return null;
    const gradAt = residentOffset(kernels, grad);
    if (gradAt < 0 || grad.length < capacity * layers[layers.length - 1]!.units) return null;
    const table = allocInt32(layers.length * LAYER_INTS);
    if (residentOffset(kernels, table) < 0) return null;
    for (let l = 0; l < layers.length; l++) {
      const a = layers[l]!;
      if (capacity * a.inDim * a.units >= PARALLEL_MIN_MACS) return null;
      if (l > 0 && a.inDim !== layers[l - 1]!.units) return null;
      if (a.y.length < capacity * a.units || (a.dx && a.dx.length < capacity * a.inDim)) return null;
      const at = (view: Float32Array | null) => (view ? residentOffset(kernels, view) : 0);
      const entry = [
        a.inDim,
        a.units,
        a.activation === 'relu' ? 1 : 0,
        at(a.kernel),
        at(a.bias),
        at(a.y),
        at(a.kernelGrad),
        at(a.biasGrad),
        l === 0 ? 0 : at(a.dx),
      ];
      if (entry.some((o) => o < 0) || (l > 0 && entry[8] === 0)) return null;
      table.set(entry, l * LAYER_INTS);
    }
    return new MlpTrainingPass(kernels, table, layers, capacity, sparse, gradAt);
  }

  /**
   * Trains on `rows` (≤ capacity) rows of x against `target` (labels, or target rows): forward, then the
   * cross-entropy sum of the logits with `scale`·gradient into the gradient buffer, then — when the float32
   * batch mean is finite — backward, which leaves every layer's weight gradients set. Returns the sum.
   */
  run(x: Float32Array, rows: number, target: LogitsTargets, scale: number): number {
    const kernels = this.kernels;
    return kernels.exports.mlpTrainPass(
      this.table.byteOffset,
      this.layerCount,
      rows,
      this.placeX(x, rows),
      this.placeTarget(target, rows),
      this.sparse ? 1 : 0,
      this.gradAt,
      scale,
      this.expScratch,
      this.work,
    );
  }

  /**
   * {@link run} on rows `order[start .. start + rows)` of the whole training blocks: the batch is gathered in
   * wasm (no per-row work in JS). `source` gives the blocks' offsets in the kernels' memory.
   */
  runRows(source: ResidentRows, start: number, rows: number, scale: number): number {
    return this.kernels.exports.mlpTrainRows(
      this.table.byteOffset,
      this.layerCount,
      rows,
      source.xAt,
      source.targetAt,
      source.targetWidth,
      source.orderAt,
      start,
      this.xStageAt,
      this.targetStageAt,
      this.sparse ? 1 : 0,
      this.gradAt,
      scale,
      this.expScratch,
      this.work,
    );
  }

  /** The targets of the last batch of {@link runRows} (labels, or target rows). */
  get gatheredTargets(): LogitsTargets {
    return this.targetStage;
  }

  /** The most rows {@link run} takes. */
  get maxRows(): number {
    return this.capacity;
  }

  /** The last layer's output buffer (the logits of the last batch after {@link run}). */
  get logits(): Float32Array {
    return this.layers[this.layerCount - 1]!.y;
  }

  private placeX(x: Float32Array, rows: number): number {
    if (x !== this.lastX) {
      this.lastX = x;
      this.lastXAt = residentOffset(this.kernels, x);
    }
    if (this.lastXAt >= 0) return this.lastXAt;
    const n = rows * this.inDim;
    this.xStage.set(n === x.length ? x : x.subarray(0, n));
    return this.xStageAt;
  }

  private placeTarget(target: LogitsTargets, rows: number): number {
    if (target !== this.lastTarget) {
      this.lastTarget = target;
      this.lastTargetAt =
        target instanceof Int32Array === this.sparse ? residentOffset(this.kernels, target) : -1;
    }
    if (this.lastTargetAt >= 0) return this.lastTargetAt;
    const n = this.sparse ? rows : rows * this.units;
    const stage = this.targetStage;
    if (stage instanceof Int32Array) stage.set(target.subarray(0, n));
    else stage.set(target.subarray(0, n));
    return this.targetStageAt;
  }
}
