/**
 * The training and evaluation loops behind `Sequential.fit` and `Sequential.evaluate`, following Keras:
 *
 * - X is cast to float32; `validationSplit` v keeps the last `n − floor(n·(1 − v))` rows for validation,
 *   taken before any shuffling and never shuffled.
 * - Each epoch draws `permutation(nTrain)` from the model's RandomState (unless `shuffle: false`) and walks it
 *   in consecutive batches of `batchSize`; the last batch is partial, and its loss and gradient are means
 *   over its own rows.
 * - A step: forward, loss L_b (batch mean) and dL_b/d(output), backward, one optimizer update.
 * - The epoch loss is Keras' float32 `Mean` of L_b weighted by batch size; accuracy is correct / seen.
 *   Batch-end logs hold the running values; `val_*` come from one pass over the validation rows.
 * - A non-finite loss (or weights that an update made non-finite) stops training with a
 *   `TrainingDivergedError`; the model keeps the weights from before the failing step.
 *
 * @module
 */

import { DataError, describeValue, ShapeError, TrainingDivergedError } from '../core/errors.js';
import { checkOneHot, type LabelsLike, toLabels } from '../core/labels.js';
import type { Loss } from '../core/losses/index.js';
import { type Matrix, type MatrixLike, toMatrix } from '../core/matrix.js';
import { checkOptions, sinkOption } from '../core/options.js';
import { epochHeader, Progbar, type ProgbarValue } from '../format/progbar.js';
import type { Callback, Logs } from './callbacks.js';
import { EpochSteps } from './epoch-steps.js';
import { History } from './history.js';
import { countCorrect, MeanMetric } from './metrics.js';
import type { OutputSink, Sequential } from './sequential.js';
import { positiveIntegerOption } from './sequential.js';
import { type StepFailure, TrainStep } from './train-step.js';

/** Options of `Sequential.fit` (Keras names, camelCase). */
export interface FitOptions {
  /** Index of the last epoch to run, exclusive (default 1). Training runs epochs `initialEpoch` … `epochs − 1`. */
  epochs?: number;
  /** Rows per step (default 32). */
  batchSize?: number;
  /** Reshuffle the training rows before each epoch (default true). */
  shuffle?: boolean;
  /** Fraction in (0, 1) of the rows, taken from the end, held out for validation. */
  validationSplit?: number;
  /** Explicit validation data `[X, y]` (takes precedence over `validationSplit`). */
  validationData?: [MatrixLike, LabelsLike | MatrixLike];
  /** 0 silent, 1 a Keras progress bar per epoch, 2 one line per epoch; `'auto'` (default) is 1. */
  verbose?: 0 | 1 | 2 | 'auto';
  /** Callbacks (see `Callback`), e.g. `new EarlyStopping({ patience: 3 })`. */
  callbacks?: Callback[] | Callback;
  /** Epoch to start from (for resuming; default 0). */
  initialEpoch?: number;
  /** Where progress goes (default `process.stdout`). */
  output?: OutputSink;
}

/** Targets as the loss kernels take them: labels, or one-hot rows (rows x units, row-major). */
type Targets = Int32Array | Float32Array;

const f = Math.fround;

function isSparse(loss: Loss): boolean {
  return loss.name === 'sparse_categorical_crossentropy';
}

/** Checks y against the loss and the model's output width, and returns it in kernel form. */
function prepareTargets(
  loss: Loss,
  y: LabelsLike | MatrixLike,
  rows: number,
  units: number,
  subject: string,
): Targets {
  if (isSparse(loss)) {
    const labels = toLabels(y as LabelsLike, units, subject);
    if (labels.length !== rows) {
      throw new ShapeError({
        subject,
        expected: `${rows} labels (one per row of X)`,
        got: `${labels.length} labels`,
      });
    }
    return labels;
  }
  const t = toMatrix(y as MatrixLike, subject, 'float32') as Matrix<Float32Array>;
  if (t.rows !== rows || t.cols !== units) {
    throw new ShapeError({
      subject,
      expected: `one-hot targets of shape (${rows}, ${units}) (one row per row of X, one column per output unit)`,
      got: `shape (${t.rows}, ${t.cols})`,
      hint:
        t.cols === 1
          ? 'These look like integer labels: use the sparse_categorical_crossentropy loss.'
          : undefined,
    });
  }
  checkOneHot(t, subject);
  return t.data;
}

function resolveVerbose(v: unknown): 0 | 1 | 2 {
  if (v === undefined || v === 'auto') return 1;
  if (v === 0 || v === 1 || v === 2) return v;
  throw new DataError({ subject: 'fit verbose', expected: "0, 1, 2 or 'auto'", got: describeValue(v) });
}

function defaultSink(): OutputSink {
  if (typeof process !== 'undefined' && process.stdout) return process.stdout;
  return { write: (s: string) => console.log(s.replace(/\n$/, '')) };
}

/** Metric name → log key pairs, with the running accuracy value. */
function metricLogs(metrics: readonly string[], correct: number, seen: number, prefix = ''): Logs {
  const logs: Logs = {};
  const value = seen === 0 ? 0 : f(correct / seen);
  for (const m of metrics) logs[prefix + m] = value;
  return logs;
}

/** Loss and metrics of already-prepared float32 rows, in batches (Keras' evaluate arithmetic). */
function evaluatePrepared(
  model: Sequential,
  x: Float32Array,
  targets: Targets,
  rows: number,
  batchSize: number,
  bar?: Progbar,
): Logs {
  const { loss, metrics } = model.requireCompiled('evaluate');
  const cols = model.inputDim!;
  const units = model.outputDim;
  const sparse = targets instanceof Int32Array;
  const mean = new MeanMetric();
  let correct = 0;
  for (let start = 0, step = 1; start < rows; start += batchSize, step++) {
    const n = Math.min(batchSize, rows - start);
    const out = model.forward(x.subarray(start * cols, (start + n) * cols), n);
    const t = sparse
      ? targets.subarray(start, start + n)
      : targets.subarray(start * units, (start + n) * units);
    const sum = loss.lossAndGradient(out, n, units, t, null, 0);
    mean.update(f(sum / n), n);
    if (metrics.length > 0) correct += countCorrect(out, n, units, t);
    bar?.update(
      step,
      [['loss', mean.result()], ...Object.entries(metricLogs(metrics, correct, start + n))],
      false,
    );
  }
  return { loss: mean.result(), ...metricLogs(metrics, correct, rows) };
}

/** `Sequential.evaluate`: checks the inputs, then one pass in batches. */
export function evaluateLoop(
  model: Sequential,
  X: MatrixLike,
  y: LabelsLike | MatrixLike,
  options: { batchSize?: number; verbose?: 0 | 1; output?: OutputSink },
): Logs {
  const { loss } = model.requireCompiled('evaluate');
  const batchSize = positiveIntegerOption(options.batchSize, 'evaluate batchSize', 32);
  const verbose = options.verbose ?? 0;
  if (verbose !== 0 && verbose !== 1) {
    throw new DataError({ subject: 'evaluate verbose', expected: '0 or 1', got: describeValue(verbose) });
  }
  const output = sinkOption(options.output, 'evaluate output');
  const m = model.prepareInput(X);
  const targets = prepareTargets(loss, y, m.rows, model.outputDim, 'y');
  model.checkBatchMemory(Math.min(batchSize, m.rows), 'evaluate batchSize');
  const steps = Math.ceil(m.rows / batchSize);
  const bar = verbose === 1 ? new Progbar(steps, { sink: output ?? defaultSink() }) : undefined;
  const logs = evaluatePrepared(model, m.data, targets, m.rows, batchSize, bar);
  bar?.update(steps, Object.entries(logs), true);
  return logs;
}

function causeOf(failure: StepFailure): string {
  return failure === 'non-finite loss'
    ? 'the loss became non-finite'
    : 'an update made the weights non-finite';
}

function divergedError(
  value: number,
  epoch: number,
  step: number,
  steps: number,
  learningRate: number,
  cause: string,
): TrainingDivergedError {
  return new TrainingDivergedError(
    `Training diverged: ${cause} (${value}) at epoch ${epoch + 1}, batch ${step + 1} of ${steps}. ` +
      `The model keeps the weights from before this batch. Try a smaller learning rate (now ${learningRate}), ` +
      'scale the input features to similar ranges, or use a linear last layer with fromLogits: true.',
    epoch,
    step,
  );
}

const FIT_OPTIONS = [
  'epochs',
  'batchSize',
  'shuffle',
  'validationSplit',
  'validationData',
  'verbose',
  'callbacks',
  'initialEpoch',
  'output',
];

const CALLBACK_METHODS = [
  'setModel',
  'onTrainBegin',
  'onTrainEnd',
  'onEpochBegin',
  'onEpochEnd',
  'onBatchBegin',
  'onBatchEnd',
] as const;

/** The callbacks as a list, each checked to be an object whose hooks (when present) are functions. */
function checkCallbacks(value: unknown): Callback[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  list.forEach((cb, i) => {
    const where = Array.isArray(value) ? `callbacks[${i}]` : undefined;
    if (typeof cb !== 'object' || cb === null) {
      throw new DataError({
        subject: 'fit callbacks',
        expected: 'callback objects (e.g. new EarlyStopping())',
        got: describeValue(cb),
        where,
      });
    }
    for (const method of CALLBACK_METHODS) {
      const hook = (cb as Record<string, unknown>)[method];
      if (hook !== undefined && typeof hook !== 'function') {
        throw new DataError({
          subject: `fit callbacks ${method}`,
          expected: 'a function',
          got: describeValue(hook),
          where,
        });
      }
    }
  });
  return list as Callback[];
}

/** `Sequential.fit`. */
export async function fitLoop(
  model: Sequential,
  X: MatrixLike,
  y: LabelsLike | MatrixLike,
  options: FitOptions,
): Promise<History> {
  if (typeof options !== 'object' || options === null) {
    throw new DataError({
      subject: 'fit options',
      expected: 'an object like { epochs: 10 }',
      got: describeValue(options),
    });
  }
  checkOptions(options, 'fit options', FIT_OPTIONS);
  const { loss, optimizer, metrics } = model.requireCompiled('fit');
  const epochs = options.epochs === undefined ? 1 : options.epochs;
  if (typeof epochs !== 'number' || !Number.isInteger(epochs) || epochs < 0) {
    throw new DataError({ subject: 'fit epochs', expected: 'an integer >= 0', got: describeValue(epochs) });
  }
  const initialEpoch = options.initialEpoch ?? 0;
  if (typeof initialEpoch !== 'number' || !Number.isInteger(initialEpoch) || initialEpoch < 0) {
    throw new DataError({
      subject: 'fit initialEpoch',
      expected: 'an integer >= 0',
      got: describeValue(initialEpoch),
    });
  }
  const batchSize = positiveIntegerOption(options.batchSize, 'fit batchSize', 32);
  const shuffle = options.shuffle ?? true;
  if (typeof shuffle !== 'boolean')
    throw new DataError({ subject: 'fit shuffle', expected: 'true or false', got: describeValue(shuffle) });
  const verbose = resolveVerbose(options.verbose);
  const sink = sinkOption(options.output, 'fit output') ?? defaultSink();
  const callbacks = checkCallbacks(options.callbacks);

  const all = model.prepareInput(X);
  const units = model.outputDim;
  const cols = all.cols;
  const allTargets = prepareTargets(loss, y, all.rows, units, 'y');
  const sparse = allTargets instanceof Int32Array;
  const tWidth = sparse ? 1 : units;

  // Validation rows: explicit data, or the tail of X taken before shuffling.
  let nTrain = all.rows;
  let val: { x: Float32Array; t: Targets; rows: number } | undefined;
  if (options.validationData !== undefined) {
    const vd = options.validationData;
    if (!Array.isArray(vd) || vd.length !== 2) {
      throw new DataError({
        subject: 'fit validationData',
        expected: '[Xval, yval]',
        got: describeValue(vd),
      });
    }
    const vx = model.prepareInput(vd[0], 'validationData X');
    val = { x: vx.data, t: prepareTargets(loss, vd[1], vx.rows, units, 'validationData y'), rows: vx.rows };
  } else if (options.validationSplit !== undefined && options.validationSplit !== 0) {
    const v = options.validationSplit;
    if (typeof v !== 'number' || !(v > 0 && v < 1)) {
      throw new DataError({
        subject: 'fit validationSplit',
        expected: 'a fraction in (0, 1)',
        got: describeValue(v),
      });
    }
    nTrain = Math.floor(all.rows * (1 - v));
    if (nTrain === 0 || nTrain === all.rows) {
      throw new DataError({
        subject: 'fit validationSplit',
        expected: 'a split that leaves at least one training row and one validation row',
        got: `${v} of ${all.rows} rows (${nTrain} for training)`,
      });
    }
    val = {
      x: all.data.subarray(nTrain * cols),
      t: allTargets.subarray(nTrain * tWidth),
      rows: all.rows - nTrain,
    };
  }

  const steps = Math.ceil(nTrain / batchSize);
  const history = new History({ verbose, epochs, steps, batchSize, samples: nTrain });
  const capacity = Math.min(batchSize, nTrain);
  model.checkBatchMemory(Math.max(capacity, val ? Math.min(batchSize, val.rows) : 0), 'fit batchSize');
  const trainStep = new TrainStep(
    model.layers,
    model.params().filter((p) => p.trainable),
    loss,
    optimizer,
    units,
    capacity,
  );
  const lossMean = new MeanMetric();
  const epochSteps = new EpochSteps(
    trainStep,
    { x: all.data, cols, targets: allTargets, targetWidth: tWidth, rows: nTrain, batchSize, capacity },
    lossMean,
    metrics.length > 0,
  );
  // Per-batch logs are only built for those who read them (callbacks, the progress bar); without them an
  // epoch's steps run in one call.
  const batchLogs = verbose > 0 || callbacks.some((cb) => cb.onBatchEnd !== undefined);

  model.stopTraining = false;
  for (const cb of callbacks) cb.setModel?.(model);
  for (const cb of callbacks) await cb.onTrainBegin?.();
  for (let epoch = initialEpoch; epoch < epochs && !model.stopTraining; epoch++) {
    for (const cb of callbacks) await cb.onEpochBegin?.(epoch);
    const header = verbose > 0 ? epochHeader(epoch, epochs) : undefined;
    if (header) sink.write(`${header}\n`);
    const bar = verbose > 0 ? new Progbar(steps, { verbose, sink }) : undefined;
    epochSteps.begin(shuffle ? model.randomState.permutation(nTrain) : undefined);
    const failed = () =>
      divergedError(
        epochSteps.failedLoss,
        epoch,
        epochSteps.failedStep,
        steps,
        optimizer.learningRate,
        causeOf(epochSteps.failure!),
      );
    let logs: Logs = {};
    if (!batchLogs) {
      if (!epochSteps.run(0, steps)) throw failed();
      logs = { loss: lossMean.result(), ...metricLogs(metrics, epochSteps.correct, epochSteps.seen) };
    } else {
      for (let step = 0; step < steps; step++) {
        if (!epochSteps.run(step, step + 1)) throw failed();
        logs = { loss: lossMean.result(), ...metricLogs(metrics, epochSteps.correct, epochSteps.seen) };
        for (const cb of callbacks) await cb.onBatchEnd?.(step, logs);
        bar?.update(step + 1, Object.entries(logs) as ProgbarValue[], false);
      }
    }
    if (val) {
      const v = evaluatePrepared(model, val.x, val.t, val.rows, batchSize);
      for (const [k, value] of Object.entries(v)) logs[`val_${k}`] = value;
    }
    bar?.update(steps, Object.entries(logs) as ProgbarValue[], true);
    history.record(epoch, logs);
    model.completedEpochs = epoch + 1;
    for (const cb of callbacks) await cb.onEpochEnd?.(epoch, logs);
  }
  for (const cb of callbacks) await cb.onTrainEnd?.();
  return history;
}

/** `Sequential.trainOnBatch`: one step on the given rows (Keras `train_on_batch`). */
export function trainOnBatchLoop(model: Sequential, X: MatrixLike, y: LabelsLike | MatrixLike): Logs {
  const { loss, optimizer, metrics } = model.requireCompiled('trainOnBatch');
  const m = model.prepareInput(X);
  const targets = prepareTargets(loss, y, m.rows, model.outputDim, 'y');
  model.checkBatchMemory(m.rows, 'trainOnBatch X');
  const step = new TrainStep(
    model.layers,
    model.params().filter((p) => p.trainable),
    loss,
    optimizer,
    model.outputDim,
    m.rows,
  );
  const stepLoss = step.run(m.data, targets, m.rows, metrics.length > 0);
  if (step.failure) throw divergedError(stepLoss, 0, 0, 1, optimizer.learningRate, causeOf(step.failure));
  return { loss: stepLoss, ...metricLogs(metrics, step.correct, m.rows) };
}
