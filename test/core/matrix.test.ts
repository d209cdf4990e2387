import { describe, expect, it } from 'vitest';
import { DataError, ShapeError } from '../../src/core/errors.js';
import { assertFinite, Matrix, toMatrix, toVector } from '../../src/core/matrix.js';

describe('Matrix', () => {
  it('stores rows row-major and reads them back', () => {
    const m = Matrix.from([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(m.rows).toBe(2);
    expect(m.cols).toBe(3);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(m.get(1, 2)).toBe(6);
    expect(m.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(m.data).toBeInstanceOf(Float64Array);
  });

  it('rounds to float32 when asked', () => {
    const m = Matrix.from([[0.1]], 'float32');
    expect(m.data).toBeInstanceOf(Float32Array);
    expect(m.get(0, 0)).toBe(Math.fround(0.1));
  });

  it('rows and slices are views, clone is a copy', () => {
    const m = Matrix.from([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    m.row(1)[0] = 30;
    expect(m.get(1, 0)).toBe(30);
    expect(m.sliceRows(1, 3).toArray()).toEqual([
      [30, 4],
      [5, 6],
    ]);
    const c = m.clone();
    c.set(0, 0, 99);
    expect(m.get(0, 0)).toBe(1);
  });

  it('refuses data of the wrong length, naming both sizes', () => {
    expect(() => new Matrix(2, 2, new Float64Array(3))).toThrow(/expected 4 values \(2 x 2\), got 3 values/);
  });
});

describe('toMatrix', () => {
  it('names the ragged row and both column counts', () => {
    expect(() => toMatrix([[1, 2], [3]], 'X')).toThrow(ShapeError);
    expect(() => toMatrix([[1, 2], [3]], 'X')).toThrow(
      'X: expected 2 columns in every row (as in row 0), got 1 columns (at row 1)',
    );
  });

  it('refuses empty input and empty rows', () => {
    expect(() => toMatrix([], 'X')).toThrow(/X: expected at least 1 row, got an empty array/);
    expect(() => toMatrix([[]], 'X')).toThrow(/at least 1 column/);
    expect(() => toMatrix(Matrix.zeros(0, 3), 'X')).toThrow(ShapeError);
  });

  it('refuses a flat vector where rows are expected, with a hint', () => {
    expect(() => toMatrix([1, 2] as unknown as number[][], 'X')).toThrow(/Wrap a single sample/);
  });

  it('names non-number entries with their position', () => {
    expect(() => toMatrix([[1, '2' as unknown as number]], 'X')).toThrow(DataError);
    expect(() => toMatrix([[1, null as unknown as number]], 'X')).toThrow('(at row 0, column 1)');
    expect(() => toMatrix([[1n as unknown as number]], 'X')).toThrow(/BigInt/);
  });

  it('returns a Matrix of the right dtype without copying', () => {
    const m = Matrix.from([[1]]);
    expect(toMatrix(m)).toBe(m);
    expect(toMatrix(m, 'X', 'float32').data).toBeInstanceOf(Float32Array);
  });

  it('refuses a DataView as a row (it has no length or indices to read)', () => {
    const view = new DataView(new ArrayBuffer(8));
    expect(() => toMatrix([[1, 2], view] as unknown as number[][], 'X')).toThrow(
      /X: expected an array as every row, got .*DataView.* \(at row 1\)/,
    );
    expect(() => toMatrix([view] as unknown as number[][], 'X')).toThrow(/expected an array of rows/);
  });

  it('accepts rows given as typed arrays', () => {
    expect(toMatrix([new Float32Array([1, 2]), new Float32Array([3, 4])]).toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});

describe('toVector and assertFinite', () => {
  it('checks vectors', () => {
    expect(Array.from(toVector([1, 2]))).toEqual([1, 2]);
    expect(() => toVector([])).toThrow(ShapeError);
    expect(() => toVector(['a' as unknown as number])).toThrow(/at index 0/);
    expect(() => toVector(3 as unknown as number[])).toThrow(ShapeError);
  });

  it('names the first non-finite entry', () => {
    expect(() =>
      assertFinite(
        Matrix.from([
          [1, 2],
          [3, Number.NaN],
        ]),
      ),
    ).toThrow('X: expected finite numbers, got NaN (at row 1, column 1)');
    expect(() => assertFinite(Matrix.from([[1, Number.POSITIVE_INFINITY]]))).toThrow(/got Infinity/);
    expect(() => assertFinite(Matrix.from([[1, 2]]))).not.toThrow();
  });
});
