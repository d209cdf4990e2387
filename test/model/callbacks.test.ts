import { describe, expect, it } from 'vitest';
import { SparseCategoricalCrossentropy } from '../../src/core/losses/index.js';
import { Matrix } from '../../src/core/matrix.js';
import { EarlyStopping } from '../../src/model/callbacks.js';
import { Dense } from '../../src/model/dense.js';
import { Adam } from '../../src/model/optimizers/adam.js';
import { Sequential } from '../../src/model/sequential.js';
import { readFixture } from '../helpers/fixtures.js';

const blobs = readFixture<{ X: number[][]; y: number[] }>('reference/blobs_lab.json');
const X = Matrix.from(blobs.X.slice(0, 400), 'float32');
const y = Int32Array.from(blobs.y.slice(0, 400));

function model(lr: number) {
  const m = new Sequential([new Dense({ units: 8, activation: 'relu' }), new Dense({ units: 4 })], {
    seed: 4,
  });
  m.compile({
    loss: new SparseCategoricalCrossentropy({ fromLogits: true }),
    optimizer: new Adam(lr),
    metrics: ['accuracy'],
  });
  return m;
}

describe('EarlyStopping', () => {
  it('stops once the monitored value has not improved for `patience` epochs', async () => {
    // A huge learning rate makes val_loss bounce instead of falling steadily.
    const stop = new EarlyStopping({ monitor: 'loss', patience: 1, minDelta: 10 });
    const h = await model(0.01).fit(X, y, { epochs: 20, verbose: 0, callbacks: [stop] });
    // With minDelta 10 no epoch counts as an improvement after the first: stop after epoch 1.
    expect(h.epoch).toEqual([0, 1]);
    expect(stop.stoppedEpoch).toBe(1);
  });

  it('restores the best weights when asked', async () => {
    const m = model(0.05);
    const seen: { loss: number; weights: number[] }[] = [];
    const stop = new EarlyStopping({ monitor: 'val_loss', patience: 2, restoreBestWeights: true });
    const h = await m.fit(X, y, {
      epochs: 30,
      verbose: 0,
      validationSplit: 0.5,
      callbacks: [
        {
          onEpochEnd: (_e, logs) => {
            seen.push({
              loss: logs.val_loss!,
              weights: m.getWeights().flatMap((w) => Array.from(w instanceof Matrix ? w.data : w)),
            });
          },
        },
        stop,
      ],
    });
    const best = seen.reduce((a, b) => (b.loss < a.loss ? b : a));
    expect(stop.best).toBe(best.loss);
    if (h.epoch.length < 30) {
      expect(m.getWeights().flatMap((w) => Array.from(w instanceof Matrix ? w.data : w))).toEqual(
        best.weights,
      );
    }
  });

  it("mode 'auto' maximises accuracies and minimises losses; bad options are refused", () => {
    expect(new EarlyStopping({ monitor: 'val_accuracy' }).mode).toBe('max');
    expect(new EarlyStopping().mode).toBe('min');
    expect(() => new EarlyStopping({ patience: -1 })).toThrow(
      'EarlyStopping.patience: expected an integer >= 0, got -1',
    );
  });
});
