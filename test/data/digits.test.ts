/**
 * Real data: scikit-learn's digits (data/digits.csv), a stratified 20% held-out split with seed 0 (the rows
 * scikit-learn's train_test_split picks, see train-test-split.test.ts), and the tutorial's model
 * (docs/tutorial-digits.md): 64 → 64 relu → 32 relu → 10 logits, Adam(0.001), batch 32, 20 epochs, seed 0.
 */
import { describe, expect, it } from 'vitest';
import { SparseCategoricalCrossentropy } from '../../src/core/losses/index.js';
import { trainTestSplit } from '../../src/data/train-test-split.js';
import { readCsv } from '../../src/io/read-csv.js';
import { Dense } from '../../src/model/dense.js';
import { Adam } from '../../src/model/optimizers/adam.js';
import { Sequential } from '../../src/model/sequential.js';

const digits = new URL('../../data/digits.csv', import.meta.url).pathname;

describe('digits, through the API', () => {
  it('reads 1797 labelled 8x8 images with the class counts data/README.md lists', async () => {
    const { X, y, featureNames, labelName } = await readCsv(digits, { labelColumn: 'label' });
    expect(X.shape).toEqual([1797, 64]);
    expect(featureNames[0]).toBe('pixel_0_0');
    expect(labelName).toBe('label');
    const counts = Array.from({ length: 10 }, (_, k) => y!.filter((v) => v === k).length);
    expect(counts).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    expect(Math.max(...X.data)).toBe(16);
  });

  it('reaches at least 0.95 accuracy on the stratified held-out 20%', async () => {
    const { X, y } = await readCsv(digits, { labelColumn: 'label' });
    const split = trainTestSplit(X, y!, { testSize: 0.2, seed: 0, stratify: true });
    expect(split.XTest.rows).toBe(360);
    const model = new Sequential(
      [
        new Dense({ units: 64, activation: 'relu' }),
        new Dense({ units: 32, activation: 'relu' }),
        new Dense({ units: 10 }),
      ],
      { seed: 0 },
    );
    model.compile({
      loss: new SparseCategoricalCrossentropy({ fromLogits: true }),
      optimizer: new Adam(0.001),
      metrics: ['accuracy'],
    });
    await model.fit(split.XTrain, split.yTrain, { epochs: 20, batchSize: 32, verbose: 0 });
    const { accuracy } = model.evaluate(split.XTest, split.yTest, { returnDict: true });
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
