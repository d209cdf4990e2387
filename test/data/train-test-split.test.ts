/**
 * trainTestSplit against scikit-learn's algorithm run on numpy's own RandomState
 * (test/fixtures/npy/digits_split.npz, made by make_fixtures.py), plus its invariants.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError, LabelError } from '../../src/core/errors.js';
import { Matrix } from '../../src/core/matrix.js';
import { trainTestSplit } from '../../src/data/train-test-split.js';
import { readCsv } from '../../src/io/read-csv.js';
import { readNpz } from '../../src/io/read-npy.js';

const digits = new URL('../../data/digits.csv', import.meta.url).pathname;
const splits = new URL('../fixtures/npy/digits_split.npz', import.meta.url).pathname;

describe('trainTestSplit', () => {
  it("picks the rows scikit-learn's stratified and plain splits pick for the same seed", async () => {
    const { X, y } = await readCsv(digits, { labelColumn: 'label' });
    const want = await readNpz(splits);
    const s = trainTestSplit(X, y!, { testSize: 0.2, seed: 0, stratify: true });
    expect(Array.from(s.trainIndex)).toEqual(Array.from(want.stratified_train!.data));
    expect(Array.from(s.testIndex)).toEqual(Array.from(want.stratified_test!.data));
    const p = trainTestSplit(X, y!, { testSize: 0.25, seed: 42 });
    expect(Array.from(p.trainIndex)).toEqual(Array.from(want.plain_train!.data));
    expect(Array.from(p.testIndex)).toEqual(Array.from(want.plain_test!.data));
    expect(s.XTest.row(5)).toEqual(X.row(s.testIndex[5]!));
    expect(s.yTest[5]).toBe(y![s.testIndex[5]!]);
  });

  it('keeps every row exactly once, with its label, and each class share within one row', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 12, maxLength: 60 }),
        fc.double({ min: 0.1, max: 0.5, noNaN: true }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (labels, testSize, seed) => {
          const counts = [0, 1, 2, 3].map((c) => labels.filter((l) => l === c).length);
          const present = counts.filter((c) => c > 0);
          const nTest = Math.ceil(testSize * labels.length);
          fc.pre(
            present.every((c) => c >= 2) &&
              nTest >= present.length &&
              labels.length - nTest >= present.length,
          );
          const X = new Matrix(
            labels.length,
            1,
            Float64Array.from(labels, (_, i) => i),
          );
          const s = trainTestSplit(X, labels, { testSize, seed, stratify: true });
          const all = [...s.trainIndex, ...s.testIndex].sort((a, b) => a - b);
          expect(all).toEqual(labels.map((_, i) => i));
          expect(s.testIndex.length).toBe(nTest);
          expect(Array.from(s.XTest.data)).toEqual(Array.from(s.testIndex));
          expect(Array.from(s.yTest)).toEqual(Array.from(s.testIndex, (i) => labels[i]));
          counts.forEach((c, k) => {
            const inTest = s.yTest.filter((l) => l === k).length;
            expect(Math.abs(inTest - (c * nTest) / labels.length)).toBeLessThanOrEqual(1);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is reproducible for a seed and keeps the order without shuffling', () => {
    const X = Array.from({ length: 10 }, (_, i) => [i]);
    const y = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1];
    const a = trainTestSplit(X, y, { seed: 3, testSize: 0.3 });
    const b = trainTestSplit(X, y, { seed: 3, testSize: 0.3 });
    expect(a.testIndex).toEqual(b.testIndex);
    const c = trainTestSplit(X, y, { shuffle: false, testSize: 3 });
    expect(Array.from(c.trainIndex)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(c.testIndex)).toEqual([7, 8, 9]);
  });

  it('refuses sizes and classes it cannot split, saying why', () => {
    const X = [[1], [2], [3], [4]];
    expect(() => trainTestSplit(X, [0, 0, 1, 1], { testSize: 1.5 })).toThrow(DataError);
    expect(() => trainTestSplit(X, [0, 0, 0, 1], { stratify: true, seed: 1 })).toThrow(LabelError);
    expect(() => trainTestSplit(X, [0, 0, 0, 1], { stratify: true, seed: 1 })).toThrow(/1 row of class 1/);
    expect(() => trainTestSplit(X, [0, 0, 1, 1], { stratify: true, testSize: 1 })).toThrow(/at least 2 rows/);
    expect(() => trainTestSplit(X, [0, 1, 0], {})).toThrow(/4 labels/);
  });
});
