import { describe, expect, it } from 'vitest';
import {
  crossEntropyRows,
  logitsCrossEntropyRow,
  probabilityCrossEntropyRow,
} from '../../../src/core/losses/cross-entropy-rows.js';
import { expectClose } from '../../helpers/close.js';
import { REFERENCE_TOLERANCE, softmaxCases } from '../../helpers/softmax-cases.js';

describe('crossEntropyRows', () => {
  it('returns the sum and fills per-example losses for labels and for one-hot blocks alike', () => {
    const c = softmaxCases.sparse_ce_from_logits.find((s) => s.name === 'batch_ordinary')!;
    const z = Float64Array.from(c.logits.flat());
    const perSparse = new Float64Array(4);
    const sumSparse = crossEntropyRows(
      z,
      4,
      3,
      Int32Array.from(c.labels),
      true,
      true,
      'plain_clip',
      null,
      1,
      perSparse,
    );
    expectClose(perSparse, c.per_example, REFERENCE_TOLERANCE);
    expectClose(sumSparse, c.mean * 4, REFERENCE_TOLERANCE);
    const onehot = new Float64Array(12);
    c.labels.forEach((y, i) => {
      onehot[i * 3 + y] = 1;
    });
    const perDense = new Float64Array(4);
    crossEntropyRows(z, 4, 3, onehot, false, true, 'plain_clip', null, 1, perDense);
    expect(Array.from(perDense)).toEqual(Array.from(perSparse));
  });

  it('uses the clip bounds of the prediction dtype', () => {
    const p32 = Float32Array.of(1, 0);
    const p64 = Float64Array.of(1, 0);
    const labels = Int32Array.of(0);
    expect(crossEntropyRows(p32, 1, 2, labels, true, false, 'plain_clip', null, 1, null)).toBe(
      -Math.log(0.9999998807907104),
    );
    expect(crossEntropyRows(p64, 1, 2, labels, true, false, 'plain_clip', null, 1, null)).toBe(
      -Math.log(0.9999999),
    );
  });
});

describe('row kernels', () => {
  it('logitsCrossEntropyRow reads only its own row and writes only its own gradient', () => {
    const z = Float64Array.of(9, 9, 0, 0, 9, 9);
    const grad = new Float64Array(6).fill(7);
    const loss = logitsCrossEntropyRow(z, 2, 2, null, 1, grad, 1);
    expect(loss).toBe(Math.LN2);
    expect(Array.from(grad)).toEqual([7, 7, 0.5, -0.5, 7, 7]);
  });

  it('logitsCrossEntropyRow gives NaN for a row of only −Infinity', () => {
    const grad = new Float64Array(2);
    const ninf = Number.NEGATIVE_INFINITY;
    expect(logitsCrossEntropyRow(Float64Array.of(ninf, ninf), 0, 2, null, 0, grad, 1)).toBeNaN();
    expect(grad.every(Number.isNaN)).toBe(true);
  });

  it('probabilityCrossEntropyRow lets NaN through to the loss and the gradient', () => {
    for (const variant of ['clip_then_normalize', 'normalize_then_clip', 'plain_clip'] as const) {
      const grad = new Float64Array(2);
      const loss = probabilityCrossEntropyRow(
        Float64Array.of(Number.NaN, 0.5),
        0,
        2,
        null,
        0,
        grad,
        1,
        variant,
        1e-7,
        0.9999999,
      );
      expect(loss).toBeNaN();
      expect(grad[0]).toBeNaN();
    }
  });
});
