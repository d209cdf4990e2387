/**
 * Normalization: Keras' (x − μ) / max(√σ², 1e-7) with statistics from adapt(), checked against numpy's
 * per-column mean and variance of the digit pixels (test/fixtures/npy/digits_stats.npz).
 */
import { describe, expect, it } from 'vitest';
import { DataError, ShapeError } from '../../src/core/errors.js';
import { readCsv } from '../../src/io/read-csv.js';
import { readNpz } from '../../src/io/read-npy.js';
import { Dense } from '../../src/model/dense.js';
import { Normalization } from '../../src/model/normalization.js';
import { Sequential } from '../../src/model/sequential.js';

const digits = new URL('../../data/digits.csv', import.meta.url).pathname;
const stats = new URL('../fixtures/npy/digits_stats.npz', import.meta.url).pathname;
const f = Math.fround;

describe('Normalization', () => {
  it("adapts to numpy's column means and population variances (rounded to float32)", async () => {
    const { X } = await readCsv(digits, { labelColumn: 'label' });
    const { mean, variance } = await readNpz(stats);
    const norm = new Normalization();
    norm.adapt(X);
    expect(Array.from(norm.mean)).toEqual(Array.from(mean!.data, f));
    expect(Array.from(norm.variance)).toEqual(Array.from(variance!.data, f));
  });

  it('maps x to (x − μ) / max(√σ², 1e-7) in float32, as Keras computes it', () => {
    const norm = new Normalization({ mean: [1, -2, 5], variance: [4, 0, 0.5] });
    const model = new Sequential([norm]);
    const y = model.predict([[3, -2, 6]]).data;
    expect(y[0]).toBe(f(2 / 2));
    expect(y[1]).toBe(0);
    expect(y[2]).toBe(f(1 / f(Math.sqrt(f(0.5)))));
    expect(model.predict([[0, -1, 5]]).data[1]).toBe(f(1 / f(1e-7)));
  });

  it('is not trained by fit: μ and σ² are non-trainable weights that getWeights and setWeights carry', async () => {
    const norm = new Normalization();
    norm.adapt([
      [0, 10],
      [2, 30],
    ]);
    const model = new Sequential([norm, new Dense({ units: 2 })], { seed: 3 });
    model.compile({ loss: 'sparse_categorical_crossentropy', optimizer: 'sgd' });
    await model.fit(
      [
        [0, 10],
        [2, 30],
      ],
      [0, 1],
      { epochs: 3, verbose: 0 },
    );
    expect(Array.from(norm.mean)).toEqual([1, 20]);
    expect(Array.from(norm.variance)).toEqual([1, 100]);
    expect(
      model
        .params()
        .filter((p) => !p.trainable)
        .map((p) => p.name),
    ).toEqual(['mean', 'variance']);
    const weights = model.getWeights();
    expect(Array.from(weights[0] as Float32Array)).toEqual([1, 20]);
  });

  it('passes gradients through when it is not the first layer: dx = dy / max(√σ², ε)', () => {
    const norm = new Normalization({ mean: [0, 0], variance: [4, 0.25] });
    norm.build(2, undefined as never);
    const dx = norm.backward(new Float32Array([1, 1, 2, 2]), 2, true)!;
    expect(Array.from(dx)).toEqual([0.5, 2, 1, 4]);
    expect(norm.backward(new Float32Array(4), 2, false)).toBeNull();
  });

  it('lets layers be added after an adapted Normalization, and checks widths', () => {
    const norm = new Normalization();
    norm.adapt([[1, 2, 3]]);
    const model = new Sequential([norm, new Dense({ units: 2 })]);
    model.build();
    expect(model.inputDim).toBe(3);
    expect(() => new Sequential([new Normalization({ mean: [0], variance: [1] })]).predict([[1, 2]])).toThrow(
      ShapeError,
    );
  });

  it('refuses bad statistics and options, saying what is expected', () => {
    expect(() => new Normalization({ mean: [0, 1] })).toThrow(/both mean and variance/);
    expect(() => new Normalization({ mean: [0], variance: [-1] })).toThrow(DataError);
    expect(() => new Normalization({ mean: [0, 1], variance: [1] })).toThrow(/2 values/);
    expect(() => new Normalization({ axis: 0 } as never)).toThrow(/unknown option "axis"/);
    expect(() => new Normalization().adapt([[Number.NaN]])).toThrow(DataError);
  });
});
