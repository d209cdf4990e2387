import { describe, expect, it } from 'vitest';
import { argmax, argmaxRowsInto, oneHot } from '../../src/core/argmax.js';
import { DataError, LabelError, ShapeError } from '../../src/core/errors.js';
import { Matrix } from '../../src/core/matrix.js';

describe('argmax', () => {
  it('returns the index of the largest entry of a vector', () => {
    expect(argmax([0.1, 0.7, 0.2])).toBe(1);
    expect(argmax(Float32Array.of(-3, -1, -2))).toBe(1);
  });

  it('breaks ties by the first maximum, as numpy does', () => {
    // >>> np.argmax([0.1, 0.7, 0.7]), np.argmax([5, 5])  ->  (1, 0)
    expect(argmax([0.1, 0.7, 0.7])).toBe(1);
    expect(argmax([5, 5])).toBe(0);
    expect(argmax([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY])).toBe(0);
  });

  it('returns the index of the first NaN, as numpy does', () => {
    // >>> np.argmax([1, np.nan, 5, np.nan]), np.argmax([np.nan, 1])  ->  (1, 0)
    expect(argmax([1, Number.NaN, 5, Number.NaN])).toBe(1);
    expect(argmax([Number.NaN, 1])).toBe(0);
    expect(argmax([Number.POSITIVE_INFINITY, Number.NaN])).toBe(1);
  });

  it('works row by row on a matrix and returns an Int32Array', () => {
    const classes = argmax([
      [1, 2, 0],
      [5, 0, 5],
      [0, Number.NaN, 9],
    ]);
    expect(classes).toBeInstanceOf(Int32Array);
    expect(Array.from(classes)).toEqual([1, 0, 1]);
    expect(Array.from(argmax(Matrix.from([[0, 1]], 'float32')))).toEqual([1]);
  });

  it('argmaxRowsInto fills a caller-owned buffer', () => {
    const out = new Int32Array(3).fill(-1);
    argmaxRowsInto(Float64Array.of(0, 1, 3, 2), 2, 2, out);
    expect(Array.from(out)).toEqual([1, 0, -1]);
  });

  it('rejects empty and non-numeric input', () => {
    expect(() => argmax([])).toThrow(ShapeError);
    expect(() => argmax([['a' as unknown as number]])).toThrow(DataError);
  });
});

describe('oneHot', () => {
  it('encodes labels as float32 one-hot rows', () => {
    const t = oneHot([2, 0, 1], 3);
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(t.toArray()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(oneHot(Int32Array.of(1), 2).toArray()).toEqual([[0, 1]]);
  });

  it('is undone by argmax', () => {
    expect(Array.from(argmax(oneHot([3, 1, 0, 2], 4)))).toEqual([3, 1, 0, 2]);
  });

  it('rejects labels outside [0, numClasses) naming the row and value', () => {
    expect(() => oneHot([0, 3], 3)).toThrow(LabelError);
    expect(() => oneHot([0, 3], 3)).toThrow('labels: expected integers in [0, 3), got 3 (at row 1).');
    expect(() => oneHot([0.5], 3)).toThrow('got 0.5 (at row 0)');
  });

  it('rejects a numClasses that is not a positive integer', () => {
    expect(() => oneHot([0], 0)).toThrow(DataError);
    expect(() => oneHot([0], Number.NaN)).toThrow('numClasses: expected a positive integer, got NaN.');
  });
});
