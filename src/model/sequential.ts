/**
 * `Sequential`: a stack of layers trained like Keras. The model owns one numpy-compatible `RandomState(seed)`;
 * building draws the initial weights from it layer by layer, and each training epoch draws its shuffle
 * permutation from it, so one seed reproduces a whole run (and numpy can reproduce our initial weights).
 *
 * @example
 * const model = new Sequential([
 *   new Dense({ units: 25, activation: 'relu' }),
 *   new Dense({ units: 15, activation: 'relu' }),
 *   new Dense({ units: 4, activation: 'linear' }),
 * ], { seed: 1234 });
 * model.compile({ loss: new SparseCategoricalCrossentropy({ fromLogits: true }), optimizer: new Adam(0.001) });
 * const history = await model.fit(X, y, { epochs: 10 });
 * const logits = model.predict(X);
 *
 * @module
 */

import { DataError, describeValue, ShapeError } from '../core/errors.js';
import type { LabelsLike } from '../core/labels.js';
import { getLoss, type Loss } from '../core/losses/index.js';
import { assertFinite, Matrix, type MatrixLike, toMatrix } from '../core/matrix.js';
import { booleanOption, checkOptions, sinkOption } from '../core/options.js';
import { RandomState } from '../core/random/random-state.js';
import { formatSummary } from '../format/summary-table.js';
import type { Callback, Logs } from './callbacks.js';
import { evaluateLoop, type FitOptions, fitLoop, trainOnBatchLoop } from './fit.js';
import type { History } from './history.js';
import { allocatePredictions, Float32Batches } from './input-batches.js';
import type { Layer, Param } from './layer.js';
import { checkBatchValues, checkWeightCount, MAX_BATCH_VALUES } from './memory-limits.js';
import { checkMetricNames } from './metrics.js';
import { uniqueName } from './naming.js';
import { getOptimizer, type Optimizer } from './optimizers/index.js';
import type { IOHandler, SaveResult } from './serialization/artifacts.js';
import type { InferenceGraphOptions, OnnxExportHandler } from './serialization/inference-graph.js';
import { toInferenceGraph } from './serialization/inference-graph.js';
import { resolveOnnxExportHandler, resolveSaveHandler } from './serialization/registry.js';
import { modelToArtifacts, type SaveOptions } from './serialization/to-artifacts.js';
import { getWeightsOf, setWeightsOf, type WeightArray, type WeightInput } from './weights.js';

/** Options of the {@link Sequential} constructor. */
export interface SequentialOptions {
  /** Seed of the model's RandomState (0 ≤ seed ≤ 2^32 − 1). Without one, runs are not reproducible. */
  seed?: number;
  /** Model name (default `sequential`, `sequential_1`, ...). */
  name?: string;
}

/** Arguments of {@link Sequential.compile} (Keras names). */
export interface CompileOptions {
  /** An optimizer object or `'adam'`, `'sgd'`, `'rmsprop'` (Keras defaults). */
  optimizer: Optimizer | string;
  /** A loss object or `'sparse_categorical_crossentropy'` / `'categorical_crossentropy'` (from probabilities). */
  loss: Loss | string;
  /** Metric names to track, e.g. `['accuracy']`. */
  metrics?: string[];
}

/** Where console output goes (default `process.stdout`). */
export interface OutputSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Options of {@link Sequential.predict}. */
export interface PredictOptions {
  /**
   * Rows per forward pass (default 1024; fewer when a batch of that size would exceed the activation budget
   * `MAX_BATCH_VALUES`). Each output row depends only on its input row, so this changes memory use and
   * speed, never the values.
   */
  batchSize?: number;
}

/** Options of {@link Sequential.evaluate}. */
export interface EvaluateOptions {
  /** Rows per batch (default 32, as Keras). The loss is the batch-size-weighted mean of batch means. */
  batchSize?: number;
  /** 0 (default) silent, 1 a progress bar. */
  verbose?: 0 | 1;
  /** Return `{ loss, accuracy, ... }` instead of a number or a list. */
  returnDict?: boolean;
  /** Where the progress bar goes. */
  output?: OutputSink;
}

/** The compiled training configuration. */
export interface Compiled {
  optimizer: Optimizer;
  loss: Loss;
  metrics: string[];
}

/** Checks an optional positive integer option. */
export function positiveIntegerOption(value: unknown, subject: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new DataError({ subject, expected: 'an integer >= 1', got: describeValue(value) });
  }
  return value;
}

/** A linear stack of layers. */
export class Sequential {
  readonly name: string;
  /** The model's random stream (initial weights, then one shuffle permutation per epoch). */
  readonly randomState: RandomState;
  /** Set by a callback (e.g. EarlyStopping) to end `fit` after the current epoch. */
  stopTraining = false;
  /**
   * The epoch index `fit` reached: one more than the last epoch it completed (0 before any). Saved with the
   * training state, so `fit(X, y, { initialEpoch: model.completedEpochs, epochs: model.completedEpochs + n })`
   * continues a loaded model with Keras' epoch numbers.
   */
  completedEpochs = 0;
  private readonly layerList: Layer[] = [];
  private compiled: Compiled | undefined;
  private paramCache: Param[] | undefined;

  constructor(layers: Layer[] = [], options: SequentialOptions = {}) {
    if (!Array.isArray(layers)) {
      throw new DataError({
        subject: 'Sequential layers',
        expected: 'an array of layers',
        got: describeValue(layers),
      });
    }
    checkOptions(options, 'Sequential options', ['seed', 'name']);
    const { seed } = options;
    if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed <= 4294967295)) {
      throw new DataError({
        subject: 'Sequential seed',
        expected: 'an integer from 0 to 2^32 - 1 (4294967295)',
        got: describeValue(seed),
      });
    }
    if (options.name !== undefined && (typeof options.name !== 'string' || options.name === '')) {
      throw new DataError({
        subject: 'Sequential name',
        expected: 'a non-empty string',
        got: describeValue(options.name),
      });
    }
    this.randomState = new RandomState(options.seed);
    this.name = options.name ?? uniqueName('sequential');
    for (const layer of layers) this.add(layer);
  }

  /** The layers, in order. */
  get layers(): readonly Layer[] {
    return this.layerList;
  }

  /** True once every layer has weights. */
  get built(): boolean {
    return this.layerList.length > 0 && this.layerList.every((l) => l.built);
  }

  /** Width of the input, once known. */
  get inputDim(): number | undefined {
    return this.layerList[0]?.inputDim;
  }

  /** Width of the output (units of the last layer). */
  get outputDim(): number {
    const last = this.layerList[this.layerList.length - 1];
    if (!last)
      throw new ShapeError({ subject: 'Sequential', expected: 'at least one layer', got: 'no layers' });
    return last.outputDim;
  }

  /** The compiled optimizer, loss and metrics (undefined before `compile`). */
  get compileConfig(): Compiled | undefined {
    return this.compiled;
  }

  /** Appends a layer (before the model is built). */
  add(layer: Layer): void {
    if (typeof layer !== 'object' || layer === null || typeof (layer as Layer).forward !== 'function') {
      throw new DataError({
        subject: 'Sequential.add',
        expected: 'a layer (e.g. new Dense(...))',
        got: describeValue(layer),
      });
    }
    if (this.built) {
      throw new ShapeError({
        subject: 'Sequential.add',
        expected: 'a model that is not built yet',
        got: 'a built model',
        hint: 'Add all layers before calling fit, predict or build.',
      });
    }
    if (this.layerList.includes(layer)) {
      throw new DataError({
        subject: 'Sequential.add',
        expected: 'a layer not already in the model',
        got: layer.name,
      });
    }
    this.layerList.push(layer);
    this.paramCache = undefined;
  }

  /**
   * Creates the weights for `inputDim` input features (Keras builds lazily on the first batch; call this to
   * build earlier). Layers are built in order, each drawing its initial weights from the model's RandomState.
   */
  build(inputDim?: number): void {
    const declared = this.layerList[0]?.inputDim;
    const dim = inputDim ?? declared;
    if (this.layerList.length === 0) {
      throw new ShapeError({ subject: 'Sequential.build', expected: 'at least one layer', got: 'no layers' });
    }
    if (dim === undefined || !Number.isSafeInteger(dim) || dim < 1) {
      throw new DataError({
        subject: 'Sequential.build inputDim',
        expected: 'a positive integer',
        got: describeValue(dim),
      });
    }
    if (this.built) {
      if (dim !== this.inputDim) {
        throw new ShapeError({
          subject: 'Sequential.build',
          expected: `${this.inputDim} input features (already built)`,
          got: String(dim),
        });
      }
      return;
    }
    if (declared !== undefined && declared !== dim) {
      throw new ShapeError({
        subject: 'X',
        expected: `${declared} features (the first layer was declared with inputDim ${declared})`,
        got: `${dim} columns`,
      });
    }
    this.checkModelSize(dim);
    let width = dim;
    for (const layer of this.layerList) {
      layer.build(width, this.randomState);
      width = layer.outputDim;
    }
    this.paramCache = undefined;
  }

  /** Refuses, before any layer allocates, a model whose weights would exceed `MAX_MODEL_WEIGHTS`. */
  private checkModelSize(inputDim: number): void {
    let width = inputDim;
    let total = 0;
    const parts: string[] = [];
    for (const layer of this.layerList) {
      const count = layer.weightCountFor?.(width) ?? 0;
      total += count;
      parts.push(`${layer.name}: ${count}`);
      // An unbuilt width-preserving layer (Normalization) reports 0 until it knows its width.
      width = layer.outputDim || width;
    }
    checkWeightCount(total, `Sequential ${this.name}`, parts.join(', '));
  }

  /**
   * Refuses a batch of `rows` rows whose activations would exceed `MAX_BATCH_VALUES` (the model must be
   * built): rows x (input width + every layer's output width).
   */
  checkBatchMemory(rows: number, subject: string): void {
    const widthSum = this.layerList.reduce((sum, l) => sum + l.outputDim, this.inputDim ?? 0);
    checkBatchValues(rows, widthSum, subject);
  }

  /** Configures training (Keras `compile`). */
  compile(options: CompileOptions): void {
    if (typeof options !== 'object' || options === null) {
      throw new DataError({
        subject: 'compile',
        expected: '{ optimizer, loss, metrics? }',
        got: describeValue(options),
      });
    }
    checkOptions(options, 'compile options', ['optimizer', 'loss', 'metrics']);
    if (options.loss === undefined) {
      throw new DataError({
        subject: 'compile',
        expected: 'a loss',
        got: 'no loss',
        hint: "Pass loss: 'sparse_categorical_crossentropy' or a loss object.",
      });
    }
    if (options.optimizer === undefined) {
      throw new DataError({
        subject: 'compile',
        expected: 'an optimizer',
        got: 'no optimizer',
        hint: "Pass optimizer: 'adam' or new Adam(0.001).",
      });
    }
    const metrics = options.metrics === undefined ? [] : options.metrics;
    if (!Array.isArray(metrics)) {
      throw new DataError({
        subject: 'compile metrics',
        expected: 'an array of names',
        got: describeValue(metrics),
      });
    }
    const loss = getLoss(options.loss);
    const last = this.layerList[this.layerList.length - 1];
    if (loss.fromLogits && last && (last.getConfig().activation as string | undefined) === 'softmax') {
      console.warn(
        `softmax-lab: the loss has fromLogits: true but the last layer (${last.name}) applies softmax, so the loss ` +
          'will see probabilities as logits. Use a linear last layer with fromLogits: true (preferred), or fromLogits: false.',
      );
    }
    this.compiled = { optimizer: getOptimizer(options.optimizer), loss, metrics: checkMetricNames(metrics) };
  }

  /** Every weight with its gradient buffer, in Keras order (per layer: kernel, bias). */
  params(): Param[] {
    if (!this.paramCache) this.paramCache = this.layerList.flatMap((l) => l.params());
    return this.paramCache;
  }

  /** Total number of weights. */
  countParams(): number {
    return this.params().reduce((n, p) => n + p.value.length, 0);
  }

  /**
   * Converts X to float32 (as Keras does), checks it is finite and has the right width, and builds the
   * model from its width if needed.
   */
  prepareInput(X: MatrixLike, subject = 'X'): Matrix<Float32Array> {
    const m = toMatrix(X, subject, 'float32') as Matrix<Float32Array>;
    assertFinite(m, subject);
    this.acceptInputWidth(m.cols, subject);
    return m;
  }

  /** Builds the model for `cols` input features, or checks that it was built for that many. */
  private acceptInputWidth(cols: number, subject: string): void {
    if (!this.built) this.build(cols);
    else if (cols !== this.inputDim) {
      throw new ShapeError({
        subject,
        expected: `${this.inputDim} features per row (the model was built for ${this.inputDim} inputs)`,
        got: `${cols} columns`,
      });
    }
  }

  /**
   * Forward pass on `rows` rows of a float32 buffer; returns the last layer's output buffer (reused by the
   * next call).
   */
  forward(input: Float32Array, rows: number): Float32Array {
    let x = input;
    for (const layer of this.layerList) x = layer.forward(x, rows);
    return x;
  }

  /**
   * Outputs for every row of X: probabilities for a softmax head, logits for a linear one (apply `softmax`
   * to turn logits into probabilities). Returns a float32 `Matrix` of shape (rows, outputDim).
   *
   * X is converted to float32 one batch at a time (a float32 `Matrix` is read in place), so memory is the
   * input, the output and O(batchSize x features).
   *
   * @throws {ShapeError} X is not 2-D, is empty or ragged, or has the wrong width
   * @throws {DataError} a non-number or non-finite entry (names row and column), or more than
   *   `MAX_PREDICT_VALUES` outputs (refused before allocating)
   */
  predict(X: MatrixLike, options: PredictOptions = {}): Matrix<Float32Array> {
    checkOptions(options, 'predict options', ['batchSize']);
    const batchSize = positiveIntegerOption(options.batchSize, 'predict batchSize', 1024);
    const input = new Float32Batches(X, 'X');
    this.acceptInputWidth(input.cols, 'X');
    const units = this.outputDim;
    const out = allocatePredictions(input.rows, units);
    // Rows are independent, so a smaller batch changes nothing but memory: keep activations within budget.
    const widthSum = this.layerList.reduce((sum, l) => sum + l.outputDim, input.cols);
    const rowsPerPass = Math.max(1, Math.min(batchSize, Math.floor(MAX_BATCH_VALUES / widthSum)));
    for (let start = 0; start < input.rows; start += rowsPerPass) {
      const end = Math.min(start + rowsPerPass, input.rows);
      const y = this.forward(input.batch(start, end), end - start);
      out.set(y.subarray(0, (end - start) * units), start * units);
    }
    return new Matrix(input.rows, units, out);
  }

  /**
   * Loss (and metrics) on a data set, computed like Keras: batches of `batchSize`, float32 means weighted by
   * batch size. Returns the loss, or `[loss, ...metrics]` with metrics, or a dict with `returnDict`.
   */
  evaluate(X: MatrixLike, y: LabelsLike | MatrixLike, options: EvaluateOptions & { returnDict: true }): Logs;
  evaluate(X: MatrixLike, y: LabelsLike | MatrixLike, options?: EvaluateOptions): number | number[];
  evaluate(
    X: MatrixLike,
    y: LabelsLike | MatrixLike,
    options: EvaluateOptions = {},
  ): number | number[] | Logs {
    checkOptions(options, 'evaluate options', ['batchSize', 'verbose', 'returnDict', 'output']);
    booleanOption(options.returnDict, 'evaluate returnDict', false);
    const logs = evaluateLoop(this, X, y, options);
    if (options.returnDict) return logs;
    const values = Object.values(logs);
    return values.length === 1 ? values[0]! : values;
  }

  /**
   * Trains the model (Keras `fit`): `epochs` passes over the data in batches of `batchSize` (default 32,
   * the last batch partial), shuffled each epoch from the model's RandomState unless `shuffle: false`.
   * Resolves to a {@link History}. See {@link FitOptions}.
   *
   * @throws {TrainingDivergedError} the loss became NaN or infinite (the weights from before that step are kept)
   */
  fit(X: MatrixLike, y: LabelsLike | MatrixLike, options: FitOptions = {}): Promise<History> {
    return fitLoop(this, X, y, options);
  }

  /**
   * One training step on exactly these rows (Keras `train_on_batch`): returns the loss of the batch computed
   * before the update (and metrics), as a number, or a dict with `returnDict`.
   */
  trainOnBatch(X: MatrixLike, y: LabelsLike | MatrixLike, options: { returnDict: true }): Logs;
  trainOnBatch(
    X: MatrixLike,
    y: LabelsLike | MatrixLike,
    options?: { returnDict?: boolean },
  ): number | number[];
  trainOnBatch(
    X: MatrixLike,
    y: LabelsLike | MatrixLike,
    options: { returnDict?: boolean } = {},
  ): number | number[] | Logs {
    checkOptions(options, 'trainOnBatch options', ['returnDict']);
    booleanOption(options.returnDict, 'trainOnBatch returnDict', false);
    const logs = trainOnBatchLoop(this, X, y);
    if (options.returnDict) return logs;
    const values = Object.values(logs);
    return values.length === 1 ? values[0]! : values;
  }

  /** The compiled configuration, or a clear error when `compile` was not called. */
  requireCompiled(action: string): Compiled {
    if (!this.compiled) {
      throw new DataError({
        subject: action,
        expected: 'a compiled model',
        got: 'a model without compile()',
        hint: "Call model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy' }) first.",
      });
    }
    return this.compiled;
  }

  /**
   * The Keras 2 summary table (also printed to `output`, default stdout, unless `print` is false).
   * Before the model is built, shapes show `?` like Keras 3.
   */
  summary(options: { print?: boolean; output?: OutputSink } = {}): string {
    checkOptions(options, 'summary options', ['print', 'output']);
    const print = booleanOption(options.print, 'summary print', true);
    const output = sinkOption(options.output, 'summary output');
    const layers = this.layerList.map((l) => ({
      name: l.name,
      className: l.className,
      outputShape: l.built ? [null, l.outputDim] : null,
      params: l.built ? l.params().reduce((n, p) => n + p.value.length, 0) : null,
    }));
    const trainable = this.params()
      .filter((p) => p.trainable)
      .reduce((n, p) => n + p.value.length, 0);
    const text = formatSummary({
      modelName: this.name,
      layers,
      trainableParams: trainable,
      nonTrainableParams: this.countParams() - trainable,
    });
    if (print) (output ?? process.stdout).write(text.endsWith('\n') ? text : `${text}\n`);
    return text;
  }

  /** Copies of the weights in Keras order: per layer the kernel (a (in, units) Matrix) then the bias. */
  getWeights(): WeightArray[] {
    return getWeightsOf(this.params());
  }

  /**
   * Sets every weight (Keras order and shapes, as {@link getWeights} returns them). An unbuilt model is
   * first built from the first kernel's row count.
   *
   * @throws {ShapeError} wrong number of arrays or a wrong shape (names the layer and weight)
   * @throws {DataError} a non-finite value
   */
  setWeights(weights: WeightInput[]): void {
    if (!this.built && Array.isArray(weights) && weights.length > 0) {
      const first = weights[0];
      const rows = first instanceof Matrix ? first.rows : Array.isArray(first) ? first.length : undefined;
      if (rows !== undefined) this.build(rows);
    }
    setWeightsOf(this.layerList, weights);
  }

  /**
   * Saves the model in the TF.js Layers format (`model.json` + weights, loadable by `tf.loadLayersModel`
   * and by `loadModel`). `target` is a directory path (handled by `src/io`, registered by the package entry)
   * or any TF.js-style handler with a `save(artifacts)` method, e.g. `tf.io.withSaveHandler(...)`.
   *
   * With `{ includeOptimizer: true }` the file also carries the training state (optimizer step count and
   * slots, the random stream), and `fit` on the model `loadModel` returns continues exactly.
   *
   * @example
   * await model.save('models/digits');
   * await model.save('checkpoints/epoch-5', { includeOptimizer: true });
   */
  async save(target: string | IOHandler, options: SaveOptions = {}): Promise<SaveResult> {
    const handler = resolveSaveHandler(target);
    return handler.save!(modelToArtifacts(this, options));
  }

  /**
   * Exports the model as an ONNX graph (Gemm/MatMul+Add and the activations; Sub/Div for a Normalization).
   * `target` is a file path (handled by `src/io`) or a handler with an `exportOnnx(graph)` method.
   * With `appendSoftmax`, a model with a linear last layer outputs probabilities instead of logits.
   */
  async exportOnnx(
    target: string | OnnxExportHandler,
    options: InferenceGraphOptions = {},
  ): Promise<{ bytes: number; path?: string }> {
    const handler = resolveOnnxExportHandler(target);
    return handler.exportOnnx(toInferenceGraph(this, options));
  }
}

export type { Callback, FitOptions, Logs };
