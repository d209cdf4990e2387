import { describe, expect, it } from 'vitest';
import { LabelError } from '../../../src/core/errors.js';
import { defaultState } from '../../../src/web/state/lab-state.js';
import {
  appendPoints,
  buildLabModel,
  makeTestData,
  makeTrainingData,
  makeTrainingSet,
} from '../../../src/web/worker/lab-models.js';
import type { TrainSettings } from '../../../src/web/worker/protocol.js';

const settings: TrainSettings = { ...defaultState() };

describe('buildLabModel', () => {
  it("builds the lab's obvious model: relu layers, a softmax head and a loss on probabilities", () => {
    const m = buildLabModel('obvious', settings, 4);
    expect(m.layers.map((l) => l.getConfig().units)).toEqual([25, 15, 4]);
    expect(m.layers.map((l) => l.getConfig().activation)).toEqual(['relu', 'relu', 'softmax']);
    expect(m.compileConfig!.loss.fromLogits).toBe(false);
    expect(m.compileConfig!.optimizer.learningRate).toBe(0.001);
  });

  it('builds the preferred model with a linear head and fromLogits, starting from the same weights', () => {
    const obvious = buildLabModel('obvious', settings, 4);
    const preferred = buildLabModel('preferred', settings, 4);
    expect(preferred.layers.at(-1)!.getConfig().activation).toBe('linear');
    expect(preferred.compileConfig!.loss.fromLogits).toBe(true);
    obvious.build(2);
    preferred.build(2);
    const a = obvious.getWeights();
    const b = preferred.getWeights();
    a.forEach((w, i) => {
      const wa = w instanceof Float32Array ? w : w.data;
      const wb = b[i]!;
      expect(Array.from(wa)).toEqual(Array.from(wb instanceof Float32Array ? wb : wb.data));
    });
  });

  it('honours the hidden sizes, activation and optimizer of the settings', () => {
    const m = buildLabModel('preferred', { ...settings, hidden: [], optimizer: 'sgd', learningRate: 0.1 }, 3);
    expect(m.layers).toHaveLength(1);
    expect(m.compileConfig!.optimizer.constructor.name).toBe('SGD');
    const t = buildLabModel(
      'obvious',
      { ...settings, hidden: [5], activation: 'tanh', optimizer: 'rmsprop' },
      3,
    );
    expect(t.layers[0]!.getConfig().activation).toBe('tanh');
    expect(t.compileConfig!.optimizer.constructor.name).toBe('RMSprop');
  });
});

describe('the data', () => {
  it('draws the test set from the same centres with the next seed and a quarter of the samples', () => {
    const train = makeTrainingData(settings);
    const test = makeTestData(settings);
    expect(train.X.rows).toBe(2000);
    expect(test.X.rows).toBe(500);
    expect(test.centers.toArray()).toEqual(train.centers.toArray());
    expect(Array.from(test.X.data.slice(0, 4))).not.toEqual(Array.from(train.X.data.slice(0, 4)));
    const sameSeedSmaller = makeTrainingData({ ...settings, samples: 500, dataSeed: 31 });
    expect(Array.from(test.X.data)).toEqual(Array.from(sameSeedSmaller.X.data));
  });
});

describe('the training set with added points', () => {
  it('is exactly the blobs, the same arrays, when there are no added points', () => {
    const blobs = makeTrainingData(settings);
    const set = makeTrainingSet({ ...settings, addedPoints: [] });
    expect(set.added).toBe(0);
    expect(Array.from(set.X.data)).toEqual(Array.from(blobs.X.data));
    expect(Array.from(set.y)).toEqual(Array.from(blobs.y));
    const same = appendPoints(blobs, [], 4);
    expect(same.X).toBe(blobs.X);
    expect(same.y).toBe(blobs.y);
  });

  it('appends the points after the blob rows, in order, with their classes', () => {
    const points = [
      { x0: -3.5, x1: 1.25, label: 2 },
      { x0: 19.99, x1: -20, label: 0 },
    ];
    const blobs = makeTrainingData(settings);
    const set = makeTrainingSet({ ...settings, addedPoints: points });
    expect(set.added).toBe(2);
    expect([set.X.rows, set.X.cols]).toEqual([2002, 2]);
    expect(Array.from(set.X.data.subarray(0, 4000))).toEqual(Array.from(blobs.X.data));
    expect(Array.from(set.y.subarray(0, 2000))).toEqual(Array.from(blobs.y));
    expect(Array.from(set.X.data.subarray(4000))).toEqual([-3.5, 1.25, 19.99, -20]);
    expect(Array.from(set.y.subarray(2000))).toEqual([2, 0]);
    // The blob arrays are not written to.
    expect(blobs.X.rows).toBe(2000);
  });

  it('refuses a point whose class the centres do not have, naming the point', () => {
    const bad = {
      ...settings,
      addedPoints: [
        { x0: 0, x1: 0, label: 0 },
        { x0: 1, x1: 1, label: 4 },
      ],
    };
    expect(() => makeTrainingSet(bad)).toThrow(LabelError);
    expect(() => makeTrainingSet(bad)).toThrow(
      /added point label: expected a class in 0…3, got 4 \(at added point 1\)/,
    );
  });
});
