/**
 * `makeBlobs`: scikit-learn's `make_blobs` (1.2.1 and later; the draws have not changed since 0.20), isotropic
 * Gaussian clusters for classification, reproduced bit for bit for an integer `randomState`.
 *
 * @module
 */

import { DataError, describeValue, ShapeError } from '../core/errors.js';
import { assertFinite, Matrix, type MatrixLike, toMatrix } from '../core/matrix.js';
import { booleanOption, checkOptions } from '../core/options.js';
import { RandomState } from '../core/random/random-state.js';

/** Options of {@link makeBlobs}; the names are scikit-learn's in camelCase, with the same defaults. */
export interface MakeBlobsOptions {
  /** Total number of samples split evenly over the centres (the first `n % k` get one more), or one count per centre. Default 100. */
  nSamples?: number | readonly number[];
  /** Columns of X when the centres are drawn; ignored when `centers` are given as rows. Default 2. */
  nFeatures?: number;
  /**
   * Number of centres to draw uniformly in `centerBox`, or the centres themselves as rows. Default: 3 centres
   * when `nSamples` is a number, one per count when it is a list.
   */
  centers?: number | MatrixLike;
  /** Standard deviation of every cluster, or one per centre. Default 1. */
  clusterStd?: number | readonly number[] | Float64Array;
  /** `[low, high]` bounds of the drawn centres. Default `[-10, 10]`. */
  centerBox?: readonly [number, number];
  /** Shuffle the rows (else they come grouped by centre, in centre order). Default true. */
  shuffle?: boolean;
  /** A seed in [0, 2^32 - 1] or a {@link RandomState} to draw from (advanced in place). Default: a random seed. */
  randomState?: number | RandomState;
}

/** What {@link makeBlobs} returns. */
export interface Blobs {
  /** The samples, `nSamplesTotal x nFeatures`, float64. */
  X: Matrix<Float64Array>;
  /** The centre index of each row, in [0, nCenters). */
  y: Int32Array;
  /** The centres used, `nCenters x nFeatures` (scikit-learn's `return_centers=True`). */
  centers: Matrix<Float64Array>;
}

/** The most values (rows x features) `makeBlobs` agrees to allocate. */
export const MAX_BLOB_VALUES = 1e8;

/**
 * Generates isotropic Gaussian blobs exactly like `sklearn.datasets.make_blobs`: row r of cluster i is
 * `centers[i] + clusterStd[i] · g` with g standard normal, drawn in this order from one `RandomState`:
 * uniform centres (if drawn, row-major) → normals cluster by cluster, row-major (the polar method's cached
 * second value crosses cluster boundaries) → the shuffle (`permutation(N)`, then rows and labels reordered).
 *
 * Shapes: X `[N, d]`, y `[N]`, centers `[k, d]`, with N the total count, k the number of centres and d the
 * number of features.
 *
 * @example
 * // The softmax lab's data set (bit-identical to scikit-learn's):
 * const { X, y } = makeBlobs({
 *   nSamples: 2000,
 *   centers: [[-5, 2], [-2, -2], [1, 2], [5, -2]],
 *   clusterStd: 1.0,
 *   randomState: 30,
 * });
 * X.shape; // [2000, 2]
 *
 * @throws {DataError} counts, seeds or sizes that are not non-negative integers, a negative or non-finite std,
 *   int `centers` together with a list `nSamples` (scikit-learn needs the centres as rows then), non-finite
 *   centres or box, more than {@link MAX_BLOB_VALUES} values
 * @throws {ShapeError} a `clusterStd` or `centers` list whose length is not the number of centres, empty input
 */
export function makeBlobs(options: MakeBlobsOptions = {}): Blobs {
  checkOptions(options, 'makeBlobs options', [
    'nSamples',
    'nFeatures',
    'centers',
    'clusterStd',
    'centerBox',
    'shuffle',
    'randomState',
  ]);
  booleanOption(options.shuffle, 'makeBlobs shuffle', true);
  const {
    nSamples = 100,
    nFeatures = 2,
    clusterStd = 1.0,
    centerBox = [-10, 10],
    shuffle = true,
    randomState,
  } = options;
  let { centers } = options;

  const rng = toRandomState(randomState);
  const countList = typeof nSamples === 'number' ? undefined : checkCountList(nSamples);
  if (countList === undefined) checkCount(nSamples as number, 'nSamples');

  let centerRows: Matrix<Float64Array>;
  if (countList === undefined) {
    centers ??= 3;
    centerRows =
      typeof centers === 'number'
        ? drawCenters(rng, checkCount(centers, 'centers', 1), nFeatures, centerBox)
        : checkCenterRows(centers);
  } else if (centers === undefined) {
    centerRows = drawCenters(rng, countList.length, nFeatures, centerBox);
  } else if (typeof centers === 'number') {
    throw new DataError({
      subject: 'centers',
      expected: `the centres as rows (one per nSamples count, ${countList.length}) when nSamples is a list`,
      got: `the number ${centers}`,
    });
  } else {
    centerRows = checkCenterRows(centers);
    if (centerRows.rows !== countList.length) {
      throw new ShapeError({
        subject: 'centers',
        expected: `${countList.length} rows, one per nSamples count`,
        got: `${centerRows.rows} rows`,
      });
    }
  }
  const nCenters = centerRows.rows;
  const dims = centerRows.cols;

  const stds = checkStds(clusterStd, nCenters);
  const counts = countList ?? splitEvenly(nSamples as number, nCenters);
  const total = counts.reduce((a, b) => a + b, 0);
  checkVolume(total, dims, 'X');

  const X = new Float64Array(total * dims);
  const y = new Int32Array(total);
  const centerData = centerRows.data;
  let k = 0;
  let row = 0;
  for (let c = 0; c < nCenters; c++) {
    const std = stds[c]!;
    const base = c * dims;
    for (let r = 0; r < counts[c]!; r++) {
      // numpy's legacy_normal: loc + scale * gauss, a plain multiply then add (no fused op).
      for (let f = 0; f < dims; f++) X[k++] = centerData[base + f]! + std * rng.standardNormal();
      y[row++] = c;
    }
  }

  if (!shuffle) return { X: new Matrix(total, dims, X), y, centers: centerRows };
  const order = rng.permutation(total);
  const shuffledX = new Float64Array(total * dims);
  const shuffledY = new Int32Array(total);
  for (let i = 0; i < total; i++) {
    const from = order[i]!;
    shuffledX.set(X.subarray(from * dims, (from + 1) * dims), i * dims);
    shuffledY[i] = y[from]!;
  }
  return { X: new Matrix(total, dims, shuffledX), y: shuffledY, centers: centerRows };
}

function toRandomState(randomState: number | RandomState | undefined): RandomState {
  if (randomState === undefined || typeof randomState === 'number') return new RandomState(randomState);
  if (randomState instanceof RandomState) return randomState;
  throw new DataError({
    subject: 'randomState',
    expected: 'a seed from 0 to 2^32 - 1 or a RandomState',
    got: describeValue(randomState),
  });
}

function checkCount(n: unknown, subject: string, min = 0): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min) {
    throw new DataError({ subject, expected: `an integer >= ${min}`, got: describeValue(n) });
  }
  return n;
}

function checkCountList(list: unknown): number[] {
  if (!Array.isArray(list)) {
    throw new DataError({
      subject: 'nSamples',
      expected: 'an integer or a list of per-centre counts',
      got: describeValue(list),
    });
  }
  if (list.length === 0) {
    throw new ShapeError({
      subject: 'nSamples',
      expected: 'at least one per-centre count',
      got: 'an empty list',
    });
  }
  return list.map((n, i) => checkCount(n, `nSamples[${i}]`));
}

function checkVolume(rows: number, cols: number, subject: string): void {
  if (rows * cols > MAX_BLOB_VALUES) {
    throw new DataError({
      subject,
      expected: `at most ${MAX_BLOB_VALUES} values (rows x features)`,
      got: `${rows} x ${cols} = ${rows * cols}`,
      hint: 'Ask for fewer samples or features.',
    });
  }
}

function drawCenters(
  rng: RandomState,
  nCenters: number,
  nFeatures: number,
  centerBox: readonly [number, number],
): Matrix<Float64Array> {
  checkCount(nFeatures, 'nFeatures', 1);
  checkVolume(nCenters, nFeatures, 'centers');
  if (!Array.isArray(centerBox) || centerBox.length !== 2) {
    throw new ShapeError({ subject: 'centerBox', expected: '[low, high]', got: describeValue(centerBox) });
  }
  const [low, high] = centerBox;
  if (!Number.isFinite(low) || !Number.isFinite(high) || !Number.isFinite(high - low)) {
    throw new DataError({
      subject: 'centerBox',
      expected: 'finite [low, high] with a finite high - low',
      got: `[${describeValue(low)}, ${describeValue(high)}]`,
    });
  }
  return rng.uniform(low, high, [nCenters, nFeatures] as const);
}

function checkCenterRows(centers: MatrixLike): Matrix<Float64Array> {
  const given = toMatrix(centers, 'centers', 'float64');
  // A float64 Matrix argument comes back as is; copy it so the result never aliases the caller's data.
  const rows = (given === centers ? given.clone('float64') : given) as Matrix<Float64Array>;
  assertFinite(rows, 'centers');
  checkVolume(rows.rows, rows.cols, 'centers');
  return rows;
}

function checkStds(clusterStd: number | readonly number[] | Float64Array, nCenters: number): Float64Array {
  const isList = Array.isArray(clusterStd) || clusterStd instanceof Float64Array;
  if (!isList && typeof clusterStd !== 'number') {
    throw new DataError({
      subject: 'clusterStd',
      expected: 'a number or one number per centre',
      got: describeValue(clusterStd),
    });
  }
  const given: ArrayLike<unknown> = isList ? (clusterStd as ArrayLike<unknown>) : [clusterStd];
  if (isList && given.length !== nCenters) {
    throw new ShapeError({
      subject: 'clusterStd',
      expected: `${nCenters} values, one per centre`,
      got: `${given.length} values`,
    });
  }
  for (let i = 0; i < given.length; i++) {
    const s = given[i];
    // numpy refuses a scale with the sign bit set (-0 included). NaN and Infinity it lets through, but they
    // only make NaN/Infinity samples, so they are refused here too.
    if (typeof s !== 'number' || !Number.isFinite(s) || s < 0 || Object.is(s, -0)) {
      throw new DataError({
        subject: 'clusterStd',
        expected: 'finite standard deviations >= 0',
        got: Object.is(s, -0) ? '-0' : describeValue(s),
        ...(isList ? { where: `index ${i}` } : {}),
      });
    }
  }
  return isList
    ? Float64Array.from(given as ArrayLike<number>)
    : new Float64Array(nCenters).fill(clusterStd as number);
}

function splitEvenly(n: number, parts: number): number[] {
  const base = Math.floor(n / parts);
  const extra = n % parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}
