/**
 * The training steps of one epoch, as `fit` runs them: batch i takes rows `order[i·B .. i·B + B)` of the
 * training set (or rows `i·B ..` in order when there is no shuffling; the last batch may be shorter), copies
 * them into buffers in the kernels' memory, runs one {@link TrainStep} and adds the batch mean loss, weighted
 * by its rows, to the epoch's float32 `Mean`.
 *
 * The steps run in a plain (not async) loop: `fit` hands it all of an epoch's steps when nothing needs
 * per-batch logs, one step at a time otherwise. When the whole model trains in one wasm call per step, a
 * small training set is copied once into the kernels' memory and each batch is gathered there in the same
 * call: no per-row work is left in JS, which matters while the engine has not optimized the step yet (the
 * first fits of a program).
 *
 * @module
 */

import type { ResidentRows } from '../kernels/mlp-kernels.js';
import { allocFloat32, allocInt32, isResident } from '../kernels/wasm-memory.js';
import type { MeanMetric } from './metrics.js';
import type { StepFailure, TrainStep } from './train-step.js';

/** Targets in kernel form: labels, or one-hot rows. */
type Targets = Int32Array | Float32Array;

/**
 * Training sets up to this many values (16 MiB of float32) get a copy in the kernels' memory, so a model
 * trained in one wasm call per step also gathers its batches there; larger ones are gathered in JS (rows
 * of a large set are wide, and copied one block per row).
 */
const RESIDENT_COPY_MAX_VALUES = 1 << 22;

/** Rows at least this wide are copied one block per row (and gathered outside the kernels' memory). */
const WIDE_ROW = 16;

/** Copies rows `index[start .. start+n)` of a row-major block into `into` (no allocation). */
function gatherRows(
  src: Float32Array | Int32Array,
  width: number,
  index: Int32Array,
  start: number,
  n: number,
  into: Float32Array | Int32Array,
): void {
  if (width === 1) {
    for (let r = 0; r < n; r++) into[r] = src[index[start + r]!]!;
  } else if (width === 2) {
    for (let r = 0; r < n; r++) {
      const from = index[start + r]! * 2;
      into[2 * r] = src[from]!;
      into[2 * r + 1] = src[from + 1]!;
    }
  } else if (width < WIDE_ROW) {
    for (let r = 0; r < n; r++) {
      const from = index[start + r]! * width;
      const to = r * width;
      for (let j = 0; j < width; j++) into[to + j] = src[from + j]!;
    }
  } else {
    // Wide rows: one block copy (memcpy) per row beats the element loop by far.
    for (let r = 0; r < n; r++) {
      const from = index[start + r]! * width;
      into.set(src.subarray(from, from + width), r * width);
    }
  }
}

/** What the steps of an epoch read: the training rows and how they are cut into batches. */
export interface EpochData {
  /** Training rows (the first `rows` rows of X), row-major float32. */
  x: Float32Array;
  cols: number;
  targets: Targets;
  /** Values per target row: 1 for labels, the output width for one-hot rows. */
  targetWidth: number;
  rows: number;
  batchSize: number;
  /** Rows per batch buffer: min(batchSize, rows). */
  capacity: number;
}

/** Runs the steps of one epoch after another; see the module notes. */
export class EpochSteps {
  /** Rows counted correct so far this epoch (when accuracy is counted). */
  correct: number;
  /** Rows trained on so far this epoch. */
  seen: number;
  /** The step that failed, the loss it reported and why (`failure` undefined while all went well). */
  failedStep: number;
  failedLoss: number;
  failure: StepFailure | undefined;
  private readonly step: TrainStep;
  private readonly data: EpochData;
  private readonly lossMean: MeanMetric;
  private readonly countAccuracy: boolean;
  private readonly batchX: Float32Array;
  private readonly batchT: Targets;
  private order: Int32Array;
  private shuffled: boolean;
  // The training blocks in the kernels' memory, with the batch order (null: gathered in JS).
  private readonly resident: ResidentRows | null;
  private readonly residentOrder: Int32Array;

  constructor(step: TrainStep, data: EpochData, lossMean: MeanMetric, countAccuracy: boolean) {
    this.correct = 0;
    this.seen = 0;
    this.failedStep = -1;
    this.failedLoss = 0;
    this.failure = undefined;
    this.step = step;
    this.data = data;
    this.lossMean = lossMean;
    this.countAccuracy = countAccuracy;
    // Narrow rows are gathered into the kernels' memory, where the first layer reads them. Wide rows are
    // gathered into an ordinary array and copied in by the first layer in one block: copying row by row
    // into a shared memory costs more (its `set` is slower than between ordinary arrays).
    this.batchX =
      data.cols < WIDE_ROW
        ? allocFloat32(data.capacity * data.cols)
        : new Float32Array(data.capacity * data.cols);
    this.batchT =
      data.targets instanceof Int32Array
        ? allocInt32(data.capacity)
        : allocFloat32(data.capacity * data.targetWidth);
    this.order = new Int32Array(0);
    this.shuffled = false;
    const values = data.rows * (data.cols + data.targetWidth);
    const copy = step.fusedFor(data.capacity) && values <= RESIDENT_COPY_MAX_VALUES;
    this.residentOrder = copy ? allocInt32(data.rows) : new Int32Array(0);
    this.resident = copy ? residentRows(data, this.residentOrder) : null;
  }

  /** Starts an epoch: batches follow `order` (a permutation of the rows) when given, else row order. */
  begin(order: Int32Array | undefined): void {
    this.order = order ?? new Int32Array(0);
    this.shuffled = order !== undefined;
    if (this.resident !== null) {
      if (order) this.residentOrder.set(order);
      else for (let i = 0; i < this.residentOrder.length; i++) this.residentOrder[i] = i;
    }
    this.correct = 0;
    this.seen = 0;
    this.lossMean.reset();
  }

  /**
   * Runs steps `from .. to − 1`. Returns false, with {@link failedStep}, {@link failedLoss} and
   * {@link failure} set, at the first step that could not be applied (the steps before it count).
   */
  run(from: number, to: number): boolean {
    const { step, data } = this;
    const { batchSize, cols, targetWidth } = data;
    for (let s = from; s < to; s++) {
      const start = s * batchSize;
      const rows = Math.min(batchSize, data.rows - start);
      if (this.resident !== null && step.fusedFor(rows)) {
        const loss = step.runRows(this.resident, start, rows, this.countAccuracy);
        if (!this.account(s, loss, rows)) return false;
        continue;
      }
      let x: Float32Array;
      let t: Targets;
      if (this.shuffled) {
        gatherRows(data.x, cols, this.order, start, rows, this.batchX);
        gatherRows(data.targets, targetWidth, this.order, start, rows, this.batchT);
        x = this.batchX;
        t = this.batchT;
      } else {
        x = data.x.subarray(start * cols, (start + rows) * cols);
        t = data.targets.subarray(start * targetWidth, (start + rows) * targetWidth);
      }
      if (!this.account(s, step.run(x, t, rows, this.countAccuracy), rows)) return false;
    }
    return true;
  }

  /** Adds step `s`'s results to the epoch's; false (and the failure noted) when the step failed. */
  private account(s: number, loss: number, rows: number): boolean {
    const step = this.step;
    if (step.failure !== undefined) {
      this.failedStep = s;
      this.failedLoss = loss;
      this.failure = step.failure;
      return false;
    }
    this.correct += step.correct;
    this.lossMean.update(loss, rows);
    this.seen += rows;
    return true;
  }
}

/** Copies the training blocks into the kernels' memory (null when it is not shared). */
function residentRows(data: EpochData, order: Int32Array): ResidentRows | null {
  const x = allocFloat32(data.rows * data.cols);
  const targetValues = data.rows * data.targetWidth;
  const targets = data.targets instanceof Int32Array ? allocInt32(targetValues) : allocFloat32(targetValues);
  if (!isResident(x) || !isResident(targets) || !isResident(order)) return null;
  x.set(data.x.subarray(0, data.rows * data.cols));
  targets.set(data.targets.subarray(0, targetValues));
  return {
    xAt: x.byteOffset,
    targetAt: targets.byteOffset,
    targetWidth: data.targetWidth,
    orderAt: order.byteOffset,
    views: [x, targets, order],
  };
}
