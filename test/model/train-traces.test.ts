/**
 * Faithfulness: the lab model trained step by step must follow the float32 reference traces of
 * test/fixtures/reference/train_traces.json (numpy runs of Keras 3's formulas; see the README next to it),
 * within the tolerance that file recommends: losses |a − ref| <= 2e-6·|ref| + 1e-7, weights |a − ref| <= 1e-6.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { oneHot } from '../../src/core/argmax.js';
import { CategoricalCrossentropy, SparseCategoricalCrossentropy } from '../../src/core/losses/index.js';
import { Matrix } from '../../src/core/matrix.js';
import { Dense } from '../../src/model/dense.js';
import { Adam } from '../../src/model/optimizers/adam.js';
import type { Optimizer } from '../../src/model/optimizers/optimizer.js';
import { RMSprop } from '../../src/model/optimizers/rmsprop.js';
import { SGD } from '../../src/model/optimizers/sgd.js';
import { Sequential } from '../../src/model/sequential.js';
import type { WeightArray } from '../../src/model/weights.js';
import { expectClose } from '../helpers/close.js';
import { readFixture } from '../helpers/fixtures.js';

interface Run {
  step_loss: number[];
  epoch_loss: number[];
  final_accuracy: number;
  weights_after_step_1: (number[][] | number[])[];
  final_weights: (number[][] | number[])[];
}
interface Trace {
  config: {
    name: string;
    seed: number;
    output_activation: 'linear' | 'softmax';
    loss: string;
    optimizer: Record<string, number | string | boolean>;
    epochs: number;
    batch_size: number;
  };
  initial_weights: (number[][] | number[])[];
  float32: Run;
}
interface Traces {
  traces: Trace[];
}
interface Blobs {
  X: number[][];
  y: number[];
}

const LOSS_TOL = { rtol: 2e-6, atol: 1e-7 };
const WEIGHT_TOL = { atol: 1e-6 };

function optimizerFor(o: Trace['config']['optimizer']): Optimizer {
  const lr = o.learning_rate as number;
  if (o.name === 'adam')
    return new Adam({
      learningRate: lr,
      beta1: o.beta_1 as number,
      beta2: o.beta_2 as number,
      epsilon: o.epsilon as number,
    });
  if (o.name === 'sgd')
    return new SGD({ learningRate: lr, momentum: o.momentum as number, nesterov: Boolean(o.nesterov) });
  if (o.name === 'rmsprop')
    return new RMSprop({ learningRate: lr, rho: o.rho as number, epsilon: o.epsilon as number });
  throw new Error(`unknown optimizer ${String(o.name)}`);
}

function lossFor(name: string) {
  if (name === 'sparse_ce_from_logits') return new SparseCategoricalCrossentropy({ fromLogits: true });
  if (name === 'categorical_ce_from_logits_onehot') return new CategoricalCrossentropy({ fromLogits: true });
  if (name === 'sparse_ce_from_probs_tf') return new SparseCategoricalCrossentropy();
  throw new Error(`unknown loss ${name}`);
}

function labModel(trace: Trace): Sequential {
  const model = new Sequential(
    [
      new Dense({ units: 25, activation: 'relu' }),
      new Dense({ units: 15, activation: 'relu' }),
      new Dense({ units: 4, activation: trace.config.output_activation }),
    ],
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

const { traces } = readFixture<Traces>('reference/train_traces.json');
const blobs = readFixture<Blobs>('reference/blobs_lab.json');
let X: Matrix;
let y: Int32Array;

beforeAll(() => {
  X = Matrix.from(blobs.X, 'float32');
  y = Int32Array.from(blobs.y);
});

function targetsFor(trace: Trace) {
  return trace.config.loss.startsWith('categorical') ? oneHot(y, 4) : y;
}

describe('the lab model with seed 1234', () => {
  it("draws numpy's initial weights exactly (RandomState(1234).uniform(-l, l, (in, out)) per layer)", () => {
    const model = labModel(traces[0]!);
    model.build(2);
    const got = flat(model.getWeights());
    const want = flat(traces[0]!.initial_weights);
    expect(got.length).toBe(529);
    expect(got).toEqual(want);
  });
});

describe.each(traces.map((t) => [t.config.name, t] as const))('trace %s', (_name, trace) => {
  const run = trace.float32;
  const batch = trace.config.batch_size;
  const steps = Math.ceil(2000 / batch);

  it('matches every step loss, the weights after step 1 and the final weights, step by step', () => {
    const model = labModel(trace);
    model.setWeights(trace.initial_weights);
    const targets = targetsFor(trace);
    const losses: number[] = [];
    for (let e = 0; e < trace.config.epochs; e++) {
      for (let s = 0; s < steps; s++) {
        const end = Math.min((s + 1) * batch, X.rows);
        const yb =
          targets instanceof Int32Array
            ? targets.subarray(s * batch, end)
            : targets.sliceRows(s * batch, end);
        losses.push(model.trainOnBatch(X.sliceRows(s * batch, end), yb, { returnDict: true }).loss!);
        if (losses.length === 1)
          expectClose(flat(model.getWeights()), flat(run.weights_after_step_1), WEIGHT_TOL, 'after step 1');
      }
    }
    expectClose(losses, run.step_loss, LOSS_TOL, 'step losses');
    expectClose(flat(model.getWeights()), flat(run.final_weights), WEIGHT_TOL, 'final weights');
  });

  it('fit (no shuffle) gives the epoch losses, the final weights and the final accuracy', async () => {
    const model = labModel(trace);
    model.setWeights(trace.initial_weights);
    const history = await model.fit(X, targetsFor(trace), {
      epochs: trace.config.epochs,
      batchSize: batch,
      shuffle: false,
      verbose: 0,
    });
    expectClose(history.history.loss!, run.epoch_loss, LOSS_TOL, 'epoch losses');
    expectClose(flat(model.getWeights()), flat(run.final_weights), WEIGHT_TOL, 'final weights');
    const logs = model.evaluate(X, targetsFor(trace), { returnDict: true });
    expect(logs.accuracy).toBeCloseTo(run.final_accuracy, 6);
  });
});
