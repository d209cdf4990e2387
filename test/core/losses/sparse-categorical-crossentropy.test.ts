import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabelError, ShapeError } from '../../../src/core/errors.js';
import { SparseCategoricalCrossentropy } from '../../../src/core/losses/sparse-categorical-crossentropy.js';
import { Matrix } from '../../../src/core/matrix.js';
import { expectClose } from '../../helpers/close.js';
import { finiteDifferenceGradient } from '../../helpers/finite-difference.js';
import { REFERENCE_TOLERANCE, softmaxCases } from '../../helpers/softmax-cases.js';

const FD_TOLERANCE = { rtol: 1e-6, atol: 1e-7 };
const inf = Number.POSITIVE_INFINITY;

describe('SparseCategoricalCrossentropy from logits, against the numpy reference', () => {
  const loss = new SparseCategoricalCrossentropy({ fromLogits: true });
  for (const c of softmaxCases.sparse_ce_from_logits) {
    it(`matches ${c.name}: per example, mean and gradient of the mean`, () => {
      expectClose(loss.perExample(c.labels, c.logits), c.per_example, REFERENCE_TOLERANCE, 'per_example');
      expectClose(loss.call(c.labels, c.logits), c.mean, REFERENCE_TOLERANCE, 'mean');
      const grad = loss.gradient(c.labels, c.logits);
      expect(grad.dtype).toBe('float64');
      expectClose(grad.toArray(), c.grad_mean_wrt_logits, REFERENCE_TOLERANCE, 'grad');
    });
  }

  it('gives float32 gradients for float32 logits, within float32 rounding of the reference', () => {
    const c = softmaxCases.sparse_ce_from_logits.find((s) => s.name === 'batch_ordinary')!;
    const grad = loss.gradient(c.labels, Matrix.from(c.logits, 'float32'));
    expect(grad.dtype).toBe('float32');
    expectClose(grad.toArray(), c.grad_mean_wrt_logits, { rtol: 2e-7, atol: 1e-9 });
    expectClose(loss.call(c.labels, Matrix.from(c.logits, 'float32')), c.mean, { rtol: 2e-7 });
  });
});

describe('SparseCategoricalCrossentropy from probabilities, against the numpy reference', () => {
  const variants = [
    ['plain_clip', 'per_example', 'mean'],
    ['clip_then_normalize', 'keras_tf_per_example', 'keras_tf_mean'],
    ['normalize_then_clip', 'normalize_then_clip_per_example', 'normalize_then_clip_mean'],
  ] as const;
  // The reference computes clip_then_normalize as TensorFlow does (log, then log-softmax), which rounds
  // log(1.0000002) and so carries up to ~1e-16 absolute error on losses near 0; one ulp of 1 covers it.
  const tolerance = { rtol: 1e-14, atol: 2 ** -52 };
  for (const c of softmaxCases.sparse_ce_from_probs) {
    for (const [variant, perKey, meanKey] of variants) {
      it(`matches ${c.name} with ${variant}`, () => {
        const loss = new SparseCategoricalCrossentropy({ probabilityVariant: variant });
        expectClose(loss.perExample(c.labels, c.probs), c[perKey], tolerance, 'per_example');
        expectClose(loss.call(c.labels, c.probs), c[meanKey], tolerance, 'mean');
      });
    }
  }

  it('uses clip_then_normalize (tf.keras on TensorFlow) by default', () => {
    const c = softmaxCases.sparse_ce_from_probs.find((s) => s.name === 'not_normalized')!;
    const loss = new SparseCategoricalCrossentropy();
    expect(loss.fromLogits).toBe(false);
    expect(loss.probabilityVariant).toBe('clip_then_normalize');
    expectClose(loss.call(c.labels, c.probs), c.keras_tf_mean, REFERENCE_TOLERANCE);
  });

  it('computes clip_then_normalize to full precision where the ratio is close to 1', () => {
    // mpmath, 300 bits: log((0.9999999 + 2e-7) / 0.9999999) = 2.0000000000000064708917e-7 (nearest double 2.0000000000000065e-7)
    const loss = new SparseCategoricalCrossentropy();
    expectClose(loss.perExample([0], [[1, 0, 0]]), [2.0000000000000065e-7], { rtol: 1e-15 });
  });

  it('clips float32 predictions to the float32-rounded bounds', () => {
    // README: float32 bounds [1.0000000116860974e-07, 0.9999998807907104]
    const loss = new SparseCategoricalCrossentropy({ probabilityVariant: 'plain_clip' });
    const p = Matrix.from(
      [
        [1, 0, 0],
        [1, 0, 0],
      ],
      'float32',
    );
    expectClose(
      loss.perExample([0, 1], p),
      [-Math.log(0.9999998807907104), -Math.log(1.0000000116860974e-7)],
      {
        rtol: 1e-15,
      },
    );
    const p64 = Matrix.from([[1, 0, 0]]);
    expectClose(loss.perExample([0], p64), [-Math.log(0.9999999)], { rtol: 1e-15 });
  });
});

describe('SparseCategoricalCrossentropy gradients', () => {
  const logitsRow = fc.array(fc.double({ min: -8, max: 8, noNaN: true }), { minLength: 4, maxLength: 4 });
  const probRow = fc.array(fc.double({ min: 0.01, max: 0.9, noNaN: true }), { minLength: 4, maxLength: 4 });
  const batch = (row: fc.Arbitrary<number[]>) =>
    fc.array(fc.tuple(row, fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 5 });

  function checkAgainstFiniteDifferences(loss: SparseCategoricalCrossentropy, rows: [number[], number][]) {
    const pred = Float64Array.from(rows.flatMap(([r]) => r));
    const labels = Int32Array.from(rows.map(([, y]) => y));
    const grad = new Float64Array(pred.length);
    loss.lossAndGradient(pred, rows.length, 4, labels, grad, 1);
    const numeric = finiteDifferenceGradient(
      (x) => loss.lossAndGradient(x, rows.length, 4, labels, null, 1),
      pred,
    );
    expectClose(grad, numeric, FD_TOLERANCE);
  }

  it('match finite differences from logits', () => {
    const loss = new SparseCategoricalCrossentropy({ fromLogits: true });
    fc.assert(
      fc.property(batch(logitsRow), (rows) => checkAgainstFiniteDifferences(loss, rows)),
      { numRuns: 50 },
    );
  });

  for (const variant of ['clip_then_normalize', 'normalize_then_clip', 'plain_clip'] as const) {
    it(`match finite differences from probabilities away from the clip bounds (${variant})`, () => {
      const loss = new SparseCategoricalCrossentropy({ probabilityVariant: variant });
      fc.assert(
        fc.property(batch(probRow), (rows) => checkAgainstFiniteDifferences(loss, rows)),
        { numRuns: 50 },
      );
    });

    it(`are zero where the clip cuts the path (${variant})`, () => {
      const loss = new SparseCategoricalCrossentropy({ probabilityVariant: variant });
      // p = 1 and p = 0 lie outside [ε, 1 − ε] (so do q = p / Σp): the loss is flat in every entry.
      expect(Array.from(loss.gradient([0], [[1, 0, 0]]).data)).toEqual([0, 0, 0]);
      // 1e-9 is below ε = 1e-7 and is the labelled entry of row 0.
      const grad = loss.gradient(
        [2, 0],
        [
          [0.6, 0.4 - 1e-9, 1e-9],
          [0.5, 0.5 - 1e-9, 1e-9],
        ],
      );
      expect(grad.get(0, 2)).toBe(0);
      expect(grad.get(1, 0)).not.toBe(0);
      if (variant === 'normalize_then_clip') {
        // The clip acts on q_y alone: row 0's loss is the constant −log ε, while in row 1 the tiny entry
        // still moves q_0 = p_0 / Σp through the sum.
        expect(Array.from(grad.row(0))).toEqual([0, 0, 0]);
        expect(grad.get(1, 2)).not.toBe(0);
      } else {
        expect(grad.get(1, 2)).toBe(0);
      }
    });
  }

  it('lossAndGradient returns the sum, overwrites grad and scales it by gradScale', () => {
    const c = softmaxCases.sparse_ce_from_logits.find((s) => s.name === 'batch_ordinary')!;
    const loss = new SparseCategoricalCrossentropy({ fromLogits: true });
    const pred = Float32Array.from(c.logits.flat());
    const grad = new Float32Array(pred.length).fill(123);
    const sum = loss.lossAndGradient(pred, 4, 3, Int32Array.from(c.labels), grad, 1 / 4);
    expectClose(sum, c.mean * 4, { rtol: 2e-7 });
    expectClose(grad, c.grad_mean_wrt_logits.flat(), { rtol: 2e-7, atol: 1e-9 });
    expect(Array.from(grad)).toEqual(
      Array.from(loss.gradient(c.labels, Matrix.from(c.logits, 'float32')).data),
    );
  });
});

describe('SparseCategoricalCrossentropy inputs', () => {
  const loss = new SparseCategoricalCrossentropy({ fromLogits: true });
  const z = [
    [1, 2, 3, 4],
    [0, 0, 0, 0],
  ];

  it('has the Keras name and options', () => {
    expect(loss.name).toBe('sparse_categorical_crossentropy');
    expect(loss.fromLogits).toBe(true);
  });

  it('accepts labels as an (N, 1) column, as Keras squeezes it', () => {
    expect(loss.call([[3], [1]], z)).toBe(loss.call([3, 1], z));
    expect(loss.call(Matrix.from([[3], [1]]), z)).toBe(loss.call(Int32Array.of(3, 1), z));
  });

  it('names the row and value of a bad label', () => {
    expect(() => loss.call([3, 4.5], z)).toThrow(LabelError);
    expect(() => loss.call([3, 4.5], z)).toThrow('yTrue: expected integers in [0, 4), got 4.5 (at row 1).');
    expect(() => loss.gradient([4, 0], z)).toThrow('got 4 (at row 0)');
    expect(() => loss.perExample([-1, 0], z)).toThrow('got -1 (at row 0)');
  });

  it('rejects a label count that does not match the predictions', () => {
    expect(() => loss.call([3], z)).toThrow(ShapeError);
    expect(() => loss.call([3], z)).toThrow('yTrue: expected 2 labels (one per row of yPred), got 1 labels.');
  });

  it('rejects ragged predictions and one-hot targets', () => {
    expect(() => loss.call([0, 0], [[1, 2], [3]])).toThrow(ShapeError);
    expect(() =>
      loss.call(
        [
          [0, 1, 0, 0],
          [1, 0, 0, 0],
        ],
        z,
      ),
    ).toThrow(/argmax/);
  });

  it('rejects invalid options', () => {
    expect(() => new SparseCategoricalCrossentropy({ fromLogits: 'yes' as unknown as boolean })).toThrow(
      'SparseCategoricalCrossentropy.fromLogits: expected true or false',
    );
    expect(
      () => new SparseCategoricalCrossentropy({ probabilityVariant: 'clip' as unknown as 'plain_clip' }),
    ).toThrow(/one of 'clip_then_normalize', 'normalize_then_clip', 'plain_clip'/);
  });
});

describe('SparseCategoricalCrossentropy on non-finite logits', () => {
  const loss = new SparseCategoricalCrossentropy({ fromLogits: true });

  it('follows the softmax rules for +Infinity logits', () => {
    expect(
      Array.from(
        loss.perExample(
          [0, 1, 0],
          [
            [inf, 1],
            [inf, 1],
            [inf, inf],
          ],
        ),
      ),
    ).toEqual([0, inf, Math.LN2]);
    expect(loss.gradient([0], [[inf, 1]]).toArray()).toEqual([[0, 0]]);
    expect(loss.gradient([1], [[inf, 1]]).toArray()).toEqual([[1, -1]]);
  });

  it('gives +Infinity, not NaN, for a −Infinity logit on the label', () => {
    expect(loss.perExample([0], [[-inf, 0]])[0]).toBe(inf);
    expect(loss.perExample([1], [[-inf, 0]])[0]).toBe(0);
  });

  it('propagates NaN only into the row that holds it', () => {
    const per = loss.perExample(
      [0, 0],
      [
        [Number.NaN, 1],
        [0, 0],
      ],
    );
    expect(per[0]).toBeNaN();
    expect(per[1]).toBe(Math.LN2);
    const grad = loss.gradient(
      [0, 0],
      [
        [Number.NaN, 1],
        [0, 0],
      ],
    );
    expect(grad.row(0).every(Number.isNaN)).toBe(true);
    expect(Array.from(grad.row(1))).toEqual([-0.25, 0.25]);
  });
});
