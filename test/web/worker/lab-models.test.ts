import { describe, expect, it } from 'vitest';
import { defaultState } from '../../../src/web/state/lab-state.js';
import { buildLabModel, makeTestData, makeTrainingData } from '../../../src/web/worker/lab-models.js';
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
