/**
 * Faithfulness: models trained step by step must follow float32 training traces within the tolerance the
 * reference README recommends: losses |a − ref| <= 2e-6·|ref| + 1e-7, weights |a − ref| <= 1e-6.
 *
 * Two files in the "train_traces/1" format:
 * - test/fixtures/reference/train_traces.json: the project's reference (the lab model, seed 1234, no
 *   shuffle; Adam, SGD with momentum, RMSprop; the three losses);
 * - test/fixtures/traces/extra_train_traces.json: made by make_traces.py next to it, a numpy restatement of
 *   the same Keras 3 formulas that first reproduces the reference traces, for what they leave out: other
 *   seeds, widths, depths and batch sizes, tanh and sigmoid layers, Nesterov, centered RMSprop with
 *   momentum, amsgrad, the categorical loss on probabilities, shuffling and validation splits.
 *
 * The harness reads everything from each trace's config (falling back to the file's `model` section), so
 * a trace file with other configurations needs no change here.
 */
import { describe, expect, it } from 'vitest';
import { oneHot } from '../../src/core/argmax.js';
import { CategoricalCrossentropy, SparseCategoricalCrossentropy } from '../../src/core/losses/index.js';
import type { Loss } from '../../src/core/losses/loss.js';
import { Matrix } from '../../src/core/matrix.js';
import type { ActivationName } from '../../src/model/activations.js';
import { Dense } from '../../src/model/dense.js';
import { Adam } from '../../src/model/optimizers/adam.js';
import type { Optimizer } from '../../src/model/optimizers/optimizer.js';
import { RMSprop } from '../../src/model/optimizers/rmsprop.js';
import { SGD } from '../../src/model/optimizers/sgd.js';
import { Sequential } from '../../src/model/sequential.js';
import type { WeightArray } from '../../src/model/weights.js';
import { expectClose } from '../helpers/close.js';
import { readFixture } from '../helpers/fixtures.js';

type Weights = (number[][] | number[])[];
interface Run {
  step_loss: number[];
  epoch_loss: number[];
  val_loss?: number[];
  final_accuracy: number;
  weights_after_step_1: Weights;
  final_weights: Weights;
}
interface Trace {
  config: {
    name: string;
    seed: number;
    output_activation: ActivationName;
    units?: number[];
    activations?: ActivationName[];
    loss: string;
    optimizer: Record<string, number | string | boolean>;
    epochs: number;
    batch_size: number;
    shuffle?: boolean;
    validation_split?: number;
  };
  initial_weights: Weights;
  float32: Run;
}
interface TraceFile {
  model: { input_dim: number; units: number[] | string; activations: string[] | string };
  traces: Trace[];
}
interface Blobs {
  X: number[][];
  y: number[];
}

const LOSS_TOL = { rtol: 2e-6, atol: 1e-7 };
const WEIGHT_TOL = { atol: 1e-6 };

const blobs = readFixture<Blobs>('reference/blobs_lab.json');
const X = Matrix.from(blobs.X, 'float32');
const y = Int32Array.from(blobs.y);

function optimizerFor(o: Trace['config']['optimizer']): Optimizer {
  const num = (key: string) => o[key] as number | undefined;
  const learningRate = o.learning_rate as number;
  if (o.name === 'adam')
    return new Adam({
      learningRate,
      beta1: num('beta_1'),
      beta2: num('beta_2'),
      epsilon: num('epsilon'),
      amsgrad: Boolean(o.amsgrad),
    });
  if (o.name === 'sgd')
    return new SGD({ learningRate, momentum: num('momentum'), nesterov: Boolean(o.nesterov) });
  if (o.name === 'rmsprop')
    return new RMSprop({
      learningRate,
      rho: num('rho'),
      momentum: num('momentum'),
      epsilon: num('epsilon'),
      centered: Boolean(o.centered),
    });
  throw new Error(`unknown optimizer ${String(o.name)}`);
}

/**
 * `sparse_ce_from_logits`, `categorical_ce_from_logits_onehot`, `sparse_ce_from_probs_tf` (clip, then the
 * renormalising logits loss: our sparse default) and `categorical_ce_from_probs` (renormalise, then clip:
 * our categorical default).
 */
function lossFor(name: string): Loss {
  const match = /^(sparse|categorical)_ce_from_(logits|probs)/.exec(name);
  if (!match) throw new Error(`unknown loss ${name}`);
  const fromLogits = match[2] === 'logits';
  return match[1] === 'sparse'
    ? new SparseCategoricalCrossentropy({ fromLogits })
    : new CategoricalCrossentropy({ fromLogits });
}

function layersOf(file: TraceFile, trace: Trace): { units: number[]; activations: ActivationName[] } {
  const units = trace.config.units ?? (file.model.units as number[]);
  const activations =
    trace.config.activations ??
    (file.model.activations as string[]).map((a) =>
      a === 'per trace' ? trace.config.output_activation : (a as ActivationName),
    );
  return { units, activations };
}

function modelFor(file: TraceFile, trace: Trace): Sequential {
  const { units, activations } = layersOf(file, trace);
  const model = new Sequential(
    units.map((u, i) => new Dense({ units: u, activation: activations[i] })),
    { seed: trace.config.seed },
  );
  model.compile({
    loss: lossFor(trace.config.loss),
    optimizer: optimizerFor(trace.config.optimizer),
    metrics: ['accuracy'],
  });
  return model;
}

function flat(ws: (WeightArray | number[][] | number[])[]): number[] {
  return ws.flatMap((w) =>
    w instanceof Matrix
      ? Array.from(w.data)
      : Array.isArray(w[0])
        ? (w as number[][]).flat()
        : Array.from(w as ArrayLike<number>),
  );
}

function targetsFor(trace: Trace, labels: Int32Array): Int32Array | Matrix {
  return trace.config.loss.startsWith('categorical') ? oneHot(labels, 4) : labels;
}

/** The training rows: the first floor(n (1 − v)) rows (Keras's validation split, taken before shuffling). */
function trainingRows(trace: Trace): number {
  const v = trace.config.validation_split ?? 0;
  return v > 0 ? Math.floor(X.rows * (1 - v)) : X.rows;
}

describe.each([
  ['reference/train_traces.json', readFixture<TraceFile>('reference/train_traces.json')],
  ['traces/extra_train_traces.json', readFixture<TraceFile>('traces/extra_train_traces.json')],
] as const)('%s', (_file, file) => {
  describe.each(file.traces.map((t) => [t.config.name, t] as const))('trace %s', (_name, trace) => {
    const { config, float32: run } = trace;

    it(`draws numpy's initial weights exactly: RandomState(${config.seed}).uniform(-l, l, (in, out)) per layer`, () => {
      const model = modelFor(file, trace);
      model.build(file.model.input_dim);
      expect(flat(model.getWeights())).toEqual(flat(trace.initial_weights));
    });

    it.skipIf(config.shuffle === true)(
      'matches every step loss, the weights after step 1 and the final weights, step by step',
      () => {
        const model = modelFor(file, trace);
        model.setWeights(trace.initial_weights);
        const n = trainingRows(trace);
        const targets = targetsFor(trace, y.subarray(0, n));
        const batch = config.batch_size;
        const losses: number[] = [];
        for (let e = 0; e < config.epochs; e++) {
          for (let start = 0; start < n; start += batch) {
            const end = Math.min(start + batch, n);
            const yb =
              targets instanceof Int32Array ? targets.subarray(start, end) : targets.sliceRows(start, end);
            losses.push(model.trainOnBatch(X.sliceRows(start, end), yb, { returnDict: true }).loss!);
            if (losses.length === 1)
              expectClose(
                flat(model.getWeights()),
                flat(run.weights_after_step_1),
                WEIGHT_TOL,
                'after step 1',
              );
          }
        }
        expectClose(losses, run.step_loss, LOSS_TOL, 'step losses');
        expectClose(flat(model.getWeights()), flat(run.final_weights), WEIGHT_TOL, 'final weights');
      },
    );

    it('fit gives the epoch losses (and val_loss), the final weights and the final accuracy', async () => {
      const model = modelFor(file, trace);
      model.setWeights(trace.initial_weights);
      const v = config.validation_split ?? 0;
      const history = await model.fit(X, targetsFor(trace, y), {
        epochs: config.epochs,
        batchSize: config.batch_size,
        shuffle: config.shuffle ?? false,
        ...(v > 0 ? { validationSplit: v } : {}),
        verbose: 0,
      });
      expect(history.epoch).toEqual(Array.from({ length: config.epochs }, (_, i) => i));
      expectClose(history.history.loss!, run.epoch_loss, LOSS_TOL, 'epoch losses');
      if (run.val_loss) expectClose(history.history.val_loss!, run.val_loss, LOSS_TOL, 'val_loss');
      else expect(history.history.val_loss).toBeUndefined();
      expectClose(flat(model.getWeights()), flat(run.final_weights), WEIGHT_TOL, 'final weights');
      const logs = model.evaluate(X, targetsFor(trace, y), { returnDict: true });
      expect(logs.accuracy).toBeCloseTo(run.final_accuracy, 6);
    });
  });
});
