/**
 * predict's batch-by-batch float32 input: the same values as a whole conversion, the same errors (checked
 * against toMatrix + assertFinite on generated inputs), and a refusal before allocating absurd outputs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError, ShapeError } from '../../src/core/errors.js';
import { assertFinite, Matrix, type MatrixLike, toMatrix } from '../../src/core/matrix.js';
import { Dense } from '../../src/model/dense.js';
import { allocatePredictions, Float32Batches, MAX_PREDICT_VALUES } from '../../src/model/input-batches.js';
import { Sequential } from '../../src/model/sequential.js';
import { sameBits } from '../helpers/lab-model.js';

/** What the whole conversion did: the float32 data, or the error message. */
function wholeConversion(X: MatrixLike): Float32Array | string {
  try {
    const m = toMatrix(X, 'X', 'float32');
    assertFinite(m, 'X');
    return m.data as Float32Array;
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

/** The same through Float32Batches, read in batches of `size` rows and concatenated. */
function batched(X: MatrixLike, size: number): Float32Array | string {
  try {
    const input = new Float32Batches(X, 'X');
    const out = new Float32Array(input.rows * input.cols);
    for (let start = 0; start < input.rows; start += size) {
      const end = Math.min(start + size, input.rows);
      const part = input.batch(start, end);
      expect(part.length).toBe((end - start) * input.cols);
      out.set(part, start * input.cols);
    }
    return out;
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

const entry = fc.oneof(
  { weight: 20, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('1', null, undefined, 1n, true, {}) },
);
const nested = fc.oneof(
  fc.array(fc.array(entry, { minLength: 0, maxLength: 4 }), { minLength: 0, maxLength: 12 }),
  fc
    .integer({ min: 1, max: 3 })
    .chain((cols) =>
      fc.array(fc.array(fc.double(), { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 12 }),
    ),
  fc.constantFrom<unknown>(null, 'X', 3, [1, 2], [[]], [null]),
);

describe('Float32Batches', () => {
  it('gives the values and the errors of a whole float32 conversion, for any batch size', () => {
    fc.assert(
      fc.property(nested, fc.integer({ min: 1, max: 5 }), (X, size) => {
        const whole = wholeConversion(X as MatrixLike);
        const parts = batched(X as MatrixLike, size);
        if (typeof whole === 'string') expect(parts).toBe(whole);
        else expect(typeof parts !== 'string' && sameBits(parts, whole)).toBe(true);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('reads float64 and float32 matrices like the whole conversion, a float32 one in place', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }).chain((cols) =>
          fc.array(fc.array(fc.double(), { minLength: cols, maxLength: cols }), {
            minLength: 1,
            maxLength: 9,
          }),
        ),
        fc.integer({ min: 1, max: 4 }),
        (rows, size) => {
          for (const dtype of ['float64', 'float32'] as const) {
            const m = Matrix.from(rows, dtype);
            expect(batched(m, size)).toEqual(wholeConversion(m));
          }
        },
      ),
      { numRuns: 500, seed: 11 },
    );
    const m = Matrix.from(
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      'float32',
    );
    expect(new Float32Batches(m).batch(1, 3).buffer).toBe(m.data.buffer);
  });

  it('reuses one buffer no larger than the biggest batch asked for', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [i, -i]);
    const input = new Float32Batches(rows);
    const a = input.batch(0, 10);
    const b = input.batch(990, 1000);
    expect(b.buffer).toBe(a.buffer);
    expect(a.buffer.byteLength).toBe(10 * 2 * 4);
    expect(Array.from(b.subarray(0, 2))).toEqual([990, -990]);
  });
});

describe('allocatePredictions', () => {
  it('refuses more than MAX_PREDICT_VALUES values before allocating, naming rows and units', () => {
    expect(() => allocatePredictions(1e9, 4)).toThrow(DataError);
    expect(() => allocatePredictions(1e9, 4)).toThrow(
      `predict: expected at most ${MAX_PREDICT_VALUES} output values (rows x units, 1 GiB of float32), got 1000000000 x 4 = 4000000000.`,
    );
    expect(allocatePredictions(3, 4)).toHaveLength(12);
  });

  it('makes model.predict refuse an output of 65537 rows x 4096 units before allocating it', () => {
    const model = new Sequential([new Dense({ units: 4096 })], { seed: 1 });
    const X = new Matrix(65537, 1, new Float32Array(65537));
    expect(() => model.predict(X)).toThrow(/got 65537 x 4096 = 268439552/);
    expect(() => model.predict([[1, 2], [3]])).toThrow(ShapeError);
  });
});
