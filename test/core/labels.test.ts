import { describe, expect, it } from 'vitest';
import { DataError, LabelError, ShapeError } from '../../src/core/errors.js';
import { checkOneHot, toLabels } from '../../src/core/labels.js';
import { Matrix } from '../../src/core/matrix.js';

describe('toLabels', () => {
  it('accepts plain arrays and every integer or float typed array', () => {
    const inputs = [
      [0, 3, 1],
      Int8Array.of(0, 3, 1),
      Uint8Array.of(0, 3, 1),
      Uint8ClampedArray.of(0, 3, 1),
      Int16Array.of(0, 3, 1),
      Uint16Array.of(0, 3, 1),
      Int32Array.of(0, 3, 1),
      Uint32Array.of(0, 3, 1),
      Float32Array.of(0, 3, 1),
      Float64Array.of(0, 3, 1),
      BigInt64Array.of(0n, 3n, 1n),
      BigUint64Array.of(0n, 3n, 1n),
    ];
    for (const y of inputs) {
      const labels = toLabels(y, 4);
      expect(labels).toBeInstanceOf(Int32Array);
      expect(Array.from(labels)).toEqual([0, 3, 1]);
    }
  });

  it('squeezes an (N, 1) column, nested or as a Matrix, as Keras does', () => {
    expect(Array.from(toLabels([[2], [0]], 3))).toEqual([2, 0]);
    expect(Array.from(toLabels(Matrix.from([[2], [0]]), 3))).toEqual([2, 0]);
  });

  it('names the row and the value of a fractional label', () => {
    const y = new Array(20).fill(1);
    y[17] = 4.5;
    expect(() => toLabels(y, 4)).toThrow(LabelError);
    expect(() => toLabels(y, 4)).toThrow('labels: expected integers in [0, 4), got 4.5 (at row 17).');
  });

  it('rejects negative, too large, NaN and infinite labels, naming row and value', () => {
    expect(() => toLabels([0, -1], 4)).toThrow('labels: expected integers in [0, 4), got -1 (at row 1).');
    expect(() => toLabels([4], 4)).toThrow('labels: expected integers in [0, 4), got 4 (at row 0).');
    expect(() => toLabels([0, 0, Number.NaN], 4)).toThrow('got NaN (at row 2)');
    expect(() => toLabels(Float32Array.of(Number.POSITIVE_INFINITY), 4)).toThrow('got Infinity (at row 0)');
    expect(() => toLabels(BigInt64Array.of(1n, 9n), 4)).toThrow('got 9 (at row 1)');
    expect(() => toLabels(BigInt64Array.of(-1n), 4)).toThrow(LabelError);
    expect(() => toLabels([[1], [7]], 4, 'yTrue')).toThrow(
      'yTrue: expected integers in [0, 4), got 7 (at row 1).',
    );
  });

  it('rejects entries that are not numbers', () => {
    expect(() => toLabels([0, '1' as unknown as number], 4)).toThrow(
      'labels: expected integers in [0, 4), got the string "1" (at row 1).',
    );
    expect(() => toLabels([null as unknown as number], 4)).toThrow(LabelError);
    expect(() => toLabels([true as unknown as number], 4)).toThrow('got the boolean true');
  });

  it('rejects empty input, non-arrays and matrices with more than one column', () => {
    expect(() => toLabels([], 4)).toThrow(ShapeError);
    expect(() => toLabels(3 as unknown as number[], 4)).toThrow(ShapeError);
    expect(() => toLabels(Matrix.from([[0, 1]]), 4)).toThrow('a 1 x 2 matrix');
    expect(() => toLabels([[0], [0, 1]], 4)).toThrow('a row of 2 values (at row 1)');
  });

  it('rejects a numClasses that is not a positive integer', () => {
    expect(() => toLabels([0], 0)).toThrow(DataError);
    expect(() => toLabels([0], 2.5)).toThrow('numClasses: expected a positive integer, got 2.5.');
  });
});

describe('checkOneHot', () => {
  it('accepts one-hot rows', () => {
    expect(() =>
      checkOneHot(
        Matrix.from([
          [0, 1, 0],
          [1, 0, 0],
        ]),
      ),
    ).not.toThrow();
  });

  it('names the row and column of an entry that is neither 0 nor 1', () => {
    const t = Matrix.from([
      [0, 1, 0],
      [0, 0.5, 0.5],
    ]);
    expect(() => checkOneHot(t)).toThrow(LabelError);
    expect(() => checkOneHot(t)).toThrow(
      'yTrue: expected one-hot rows (a single 1, the rest 0), got 0.5 (at row 1, column 1). Pass allowSoftTargets: true',
    );
    expect(() => checkOneHot(Matrix.from([[Number.NaN, 1]]))).toThrow('got NaN (at row 0, column 0)');
  });

  it('names the row that has no 1 or several', () => {
    expect(() =>
      checkOneHot(
        Matrix.from([
          [1, 0],
          [0, 0],
        ]),
        'targets',
      ),
    ).toThrow(
      'targets: expected one-hot rows (a single 1, the rest 0), got 0 entries equal to 1 (at row 1).',
    );
    expect(() => checkOneHot(Matrix.from([[1, 1]]))).toThrow('got 2 entries equal to 1 (at row 0)');
  });

  it('accepts soft targets only when asked, and then checks them', () => {
    const soft = Matrix.from([
      [0.1, 0.9],
      [0.5, 0.5],
    ]);
    expect(() => checkOneHot(soft)).toThrow(LabelError);
    expect(() => checkOneHot(soft, 'yTrue', { allowSoftTargets: true })).not.toThrow();
    expect(() => checkOneHot(Matrix.from([[0.1, 0.8]]), 'yTrue', { allowSoftTargets: true })).toThrow(
      /got a row summing to 0\.9\d* \(at row 0\)/,
    );
    expect(() => checkOneHot(Matrix.from([[1.5, -0.5]]), 'yTrue', { allowSoftTargets: true })).toThrow(
      'got -0.5 (at row 0, column 1)',
    );
    expect(() =>
      checkOneHot(Matrix.from([[0.5, 0.5 + 5e-7]]), 'yTrue', { allowSoftTargets: true }),
    ).not.toThrow();
  });
});
