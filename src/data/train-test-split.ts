/**
 * `trainTestSplit`: scikit-learn's `train_test_split` for a matrix and its labels, drawing from numpy's
 * legacy `RandomState(seed)` with the same algorithm, so a seed gives the rows scikit-learn picks:
 *
 * - sizes as `_validate_shuffle_split`: a fraction f gives n_test = ⌈f·n⌉; n_train = n − n_test;
 * - plain (`ShuffleSplit`): p = permutation(n); test = p[0 .. n_test), train = p[n_test .. n);
 * - stratified (`StratifiedShuffleSplit`): per-class train and test counts from `_approximate_mode` (floors
 *   of each class's share, the remainder handed out by largest fractional part, ties broken by
 *   `choice(..., replace=False)`), then per class a permutation of its rows (in ascending row order) split
 *   into train and test, and finally both index lists permuted;
 * - `shuffle: false` keeps the order: train = the first n_train rows, test = the rest.
 *
 * @module
 */

import { DataError, describeValue, LabelError, ShapeError } from '../core/errors.js';
import { type LabelsLike, toLabels } from '../core/labels.js';
import { type FloatArray, Matrix, type MatrixLike, toMatrix } from '../core/matrix.js';
import { booleanOption, checkOptions } from '../core/options.js';
import { RandomState } from '../core/random/random-state.js';

/** Options of {@link trainTestSplit}. */
export interface TrainTestSplitOptions {
  /** Fraction in (0, 1) of the rows to hold out, or a row count ≥ 1 (default 0.25, as scikit-learn). */
  testSize?: number;
  /** Seed of the RandomState (scikit-learn's `random_state`); without one the split is not reproducible. */
  seed?: number;
  /** Keep each class's share in both parts (scikit-learn's `stratify=y`). Default false. */
  stratify?: boolean;
  /** Shuffle before splitting (default true; `false` cannot be stratified). */
  shuffle?: boolean;
}

/** The two parts and the row indices they came from. */
export interface TrainTestSplitResult<T extends FloatArray = FloatArray> {
  XTrain: Matrix<T>;
  XTest: Matrix<T>;
  yTrain: Int32Array;
  yTest: Int32Array;
  /** Rows of X in the training part, in order. */
  trainIndex: Int32Array;
  /** Rows of X in the test part, in order. */
  testIndex: Int32Array;
}

function sizes(n: number, testSize: unknown): { nTrain: number; nTest: number } {
  let nTest: number;
  if (typeof testSize === 'number' && testSize > 0 && testSize < 1) nTest = Math.ceil(testSize * n);
  else if (typeof testSize === 'number' && Number.isInteger(testSize) && testSize >= 1 && testSize < n)
    nTest = testSize;
  else {
    throw new DataError({
      subject: 'trainTestSplit testSize',
      expected: `a fraction in (0, 1) or a row count from 1 to ${n - 1}`,
      got: describeValue(testSize),
    });
  }
  const nTrain = n - nTest;
  if (nTrain < 1) {
    throw new DataError({
      subject: 'trainTestSplit testSize',
      expected: 'a test part that leaves at least one training row',
      got: `${describeValue(testSize)} of ${n} rows`,
    });
  }
  return { nTrain, nTest };
}

/** scikit-learn's `_approximate_mode(classCounts, nDraws, rng)`. */
function approximateMode(counts: readonly number[], nDraws: number, rng: RandomState): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  const continuous = counts.map((c) => (c / total) * nDraws);
  const floored = continuous.map(Math.floor);
  let needToAdd = nDraws - floored.reduce((a, b) => a + b, 0);
  if (needToAdd > 0) {
    const remainder = continuous.map((c, i) => c - floored[i]!);
    const values = [...new Set(remainder)].sort((a, b) => b - a);
    for (const value of values) {
      const inds = remainder.flatMap((r, i) => (r === value ? [i] : []));
      const addNow = Math.min(inds.length, needToAdd);
      // choice(inds, addNow, replace=False) draws permutation(len(inds)) and keeps the first addNow.
      const picked = rng.permutation(inds.length).subarray(0, addNow);
      for (const k of picked) floored[inds[k]!]!++;
      needToAdd -= addNow;
      if (needToAdd === 0) break;
    }
  }
  return floored;
}

function stratifiedIndices(
  y: Int32Array,
  nTrain: number,
  nTest: number,
  rng: RandomState,
): [Int32Array, Int32Array] {
  const classes = [...new Set(y)].sort((a, b) => a - b);
  const position = new Map(classes.map((c, i) => [c, i]));
  const members: number[][] = classes.map(() => []);
  for (let i = 0; i < y.length; i++) members[position.get(y[i]!)!]!.push(i);
  const counts = members.map((m) => m.length);
  const smallest = Math.min(...counts);
  if (smallest < 2) {
    const label = classes[counts.indexOf(smallest)];
    throw new LabelError({
      subject: 'trainTestSplit stratify',
      expected: 'at least 2 rows of every class',
      got: `1 row of class ${label}`,
    });
  }
  for (const [part, count] of [
    ['training', nTrain],
    ['test', nTest],
  ] as const) {
    if (count < classes.length) {
      throw new DataError({
        subject: 'trainTestSplit stratify',
        expected: `a ${part} part of at least ${classes.length} rows (one per class)`,
        got: `${count} row${count === 1 ? '' : 's'}`,
      });
    }
  }
  const trainCounts = approximateMode(counts, nTrain, rng);
  const testCounts = approximateMode(
    counts.map((c, i) => c - trainCounts[i]!),
    nTest,
    rng,
  );
  const train: number[] = [];
  const test: number[] = [];
  members.forEach((rows, i) => {
    const order = rng.permutation(rows.length);
    const a = trainCounts[i]!;
    const b = a + testCounts[i]!;
    for (let k = 0; k < b; k++) (k < a ? train : test).push(rows[order[k]!]!);
  });
  return [rng.permutation(Int32Array.from(train)), rng.permutation(Int32Array.from(test))];
}

function takeRows<T extends FloatArray>(m: Matrix<T>, index: Int32Array): Matrix<T> {
  const out = new (m.data.constructor as new (n: number) => T)(index.length * m.cols);
  for (let r = 0; r < index.length; r++) out.set(m.row(index[r]!), r * m.cols);
  return new Matrix(index.length, m.cols, out);
}

/**
 * Splits rows into a training and a test part, like scikit-learn's
 * `train_test_split(X, y, test_size=testSize, random_state=seed, stratify=y if stratify else None)`.
 *
 * @throws {ShapeError} X and y differ in length
 * @throws {DataError} a bad testSize, or a stratified part smaller than the number of classes
 * @throws {LabelError} bad labels, or a class with a single row when stratifying
 * @example
 * const { XTrain, XTest, yTrain, yTest } = trainTestSplit(X, y, { testSize: 0.2, seed: 0, stratify: true });
 */
export function trainTestSplit(
  X: MatrixLike,
  y: LabelsLike,
  options: TrainTestSplitOptions = {},
): TrainTestSplitResult {
  checkOptions(options, 'trainTestSplit options', ['testSize', 'seed', 'stratify', 'shuffle']);
  const m = toMatrix(X, 'X');
  const labels = toLabels(y, 2 ** 31 - 1, 'y');
  if (labels.length !== m.rows) {
    throw new ShapeError({
      subject: 'y',
      expected: `${m.rows} labels (one per row of X)`,
      got: `${labels.length} labels`,
    });
  }
  if (m.rows < 2)
    throw new ShapeError({ subject: 'X', expected: 'at least 2 rows to split', got: `${m.rows} row` });
  const { nTrain, nTest } = sizes(m.rows, options.testSize ?? 0.25);
  const shuffle = booleanOption(options.shuffle, 'trainTestSplit shuffle', true);
  const stratify = booleanOption(options.stratify, 'trainTestSplit stratify', false);
  let trainIndex: Int32Array;
  let testIndex: Int32Array;
  if (!shuffle) {
    if (stratify) {
      throw new DataError({
        subject: 'trainTestSplit',
        expected: 'shuffle: true when stratify is true',
        got: 'shuffle: false',
      });
    }
    trainIndex = Int32Array.from({ length: nTrain }, (_, i) => i);
    testIndex = Int32Array.from({ length: nTest }, (_, i) => nTrain + i);
  } else {
    const rng = new RandomState(options.seed);
    if (stratify) [trainIndex, testIndex] = stratifiedIndices(labels, nTrain, nTest, rng);
    else {
      const p = rng.permutation(m.rows);
      testIndex = p.slice(0, nTest);
      trainIndex = p.slice(nTest);
    }
  }
  return {
    XTrain: takeRows(m, trainIndex),
    XTest: takeRows(m, testIndex),
    yTrain: trainIndex.map((i) => labels[i]!),
    yTest: testIndex.map((i) => labels[i]!),
    trainIndex,
    testIndex,
  };
}
