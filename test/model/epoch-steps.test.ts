/**
 * An epoch's steps (batches gathered in wasm from a copy of the training set, or in JS) give the bits of
 * gathering each batch by hand and running one TrainStep per batch; the loss mean, the seen rows and the
 * correct rows add up; a failing step stops the epoch and says which step and why.
 */
import { describe, expect, it } from 'vitest';
import { SparseCategoricalCrossentropy } from '../../src/core/losses/index.js';
import type { ActivationName } from '../../src/model/activations.js';
import { Dense } from '../../src/model/dense.js';
import { EpochSteps } from '../../src/model/epoch-steps.js';
import { MeanMetric } from '../../src/model/metrics.js';
import { Adam } from '../../src/model/optimizers/adam.js';
import { Sequential } from '../../src/model/sequential.js';
import { TrainStep } from '../../src/model/train-step.js';
import { labX, labY, sameBits } from '../helpers/lab-model.js';

const ROWS = 300;
const BATCH = 32;
const x = Float32Array.from(labX.data.subarray(0, ROWS * 2));
const y = Int32Array.from(labY.slice(0, ROWS));

function setup(activation: ActivationName) {
  const model = new Sequential(
    [new Dense({ units: 25, activation }), new Dense({ units: 15, activation }), new Dense({ units: 4 })],
    { seed: 9 },
  );
  model.compile({ optimizer: new Adam(0.01), loss: new SparseCategoricalCrossentropy({ fromLogits: true }) });
  model.build(2);
  const { loss, optimizer } = model.compileConfig!;
  const step = new TrainStep(model.layers, model.params(), loss, optimizer, 4, BATCH);
  return { model, step };
}

const order = Int32Array.from({ length: ROWS }, (_, i) => (i * 7919) % ROWS);
const weightsOf = (m: Sequential) => Float32Array.from(m.params().flatMap((p) => Array.from(p.value)));

describe('EpochSteps', () => {
  it.each(['relu', 'tanh'] as const)(
    '%s layers: the bits of gathering each batch by hand and running TrainStep, shuffled and in order',
    (activation) => {
      for (const shuffled of [true, false]) {
        const a = setup(activation);
        const mean = new MeanMetric();
        const epoch = new EpochSteps(
          a.step,
          { x, cols: 2, targets: y, targetWidth: 1, rows: ROWS, batchSize: BATCH, capacity: BATCH },
          mean,
          true,
        );
        epoch.begin(shuffled ? order : undefined);
        const steps = Math.ceil(ROWS / BATCH);
        expect(epoch.run(0, 4)).toBe(true);
        expect(epoch.run(4, steps)).toBe(true);

        const b = setup(activation);
        const want = new MeanMetric();
        let correct = 0;
        for (let s = 0; s < steps; s++) {
          const rows = Math.min(BATCH, ROWS - s * BATCH);
          const idx = Array.from({ length: rows }, (_, r) =>
            shuffled ? order[s * BATCH + r]! : s * BATCH + r,
          );
          const bx = Float32Array.from(idx.flatMap((i) => [x[2 * i]!, x[2 * i + 1]!]));
          const by = Int32Array.from(idx.map((i) => y[i]!));
          want.update(b.step.run(bx, by, rows, true), rows);
          correct += b.step.correct;
        }
        expect(sameBits(weightsOf(a.model), weightsOf(b.model))).toBe(true);
        expect(mean.result()).toBe(want.result());
        expect(epoch.seen).toBe(ROWS);
        expect(epoch.correct).toBe(correct);
      }
    },
  );

  it('stops at a step that cannot be applied and names it', () => {
    const { step } = setup('relu');
    const bad = x.slice();
    bad[2 * 100] = Number.NaN; // row 100: in the fourth batch of 32 when taken in order
    const epoch = new EpochSteps(
      step,
      { x: bad, cols: 2, targets: y, targetWidth: 1, rows: ROWS, batchSize: BATCH, capacity: BATCH },
      new MeanMetric(),
      false,
    );
    epoch.begin(undefined);
    expect(epoch.run(0, 10)).toBe(false);
    expect(epoch.failedStep).toBe(3);
    expect(epoch.failure).toBe('non-finite loss');
    expect(epoch.seen).toBe(3 * BATCH);
  });
});
