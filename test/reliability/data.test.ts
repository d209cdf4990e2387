/**
 * Bad inputs to the data helpers (makeBlobs, trainTestSplit): each is refused with a typed error whose message
 * says what was expected, what came and where; sizes that would allocate gigabytes are refused first.
 */
import { describe, expect, it } from 'vitest';
import {
  DataError,
  LabelError,
  MAX_BLOB_VALUES,
  makeBlobs,
  ShapeError,
  trainTestSplit,
} from '../../src/index.js';
import { refuses } from './refusals.js';

describe('makeBlobs', () => {
  refuses([
    ...(
      [
        ['-1', -1],
        ['1.5', 1.5],
        ['NaN', Number.NaN],
      ] as [string, unknown][]
    ).map(([what, n]) => ({
      name: `nSamples ${what}`,
      run: () => makeBlobs({ nSamples: n as number, randomState: 0 }),
      error: DataError,
      message: /^nSamples: expected an integer >= 0, got .+\.$/,
    })),
    ...(
      [
        ['the string "100"', '100', /the string "100"/],
        ['null', null, /null/],
      ] as [string, unknown, RegExp][]
    ).map(([what, n, got]) => ({
      name: `nSamples ${what}`,
      run: () => makeBlobs({ nSamples: n as number, randomState: 0 }),
      error: DataError,
      message: new RegExp(
        `^nSamples: expected an integer or a list of per-centre counts, got ${got.source}\\.$`,
      ),
    })),
    {
      name: 'nSamples 1e12: 16 TB, refused before allocating',
      run: () => makeBlobs({ nSamples: 1e12, randomState: 0 }),
      error: DataError,
      message:
        /^X: expected at most 100000000 values \(rows x features\), got 1000000000000 x 2 = 2000000000000\. Ask for fewer samples or features\.$/,
    },
    {
      name: 'nFeatures 1e9 with drawn centres',
      run: () => makeBlobs({ nFeatures: 1e9, randomState: 0 }),
      error: DataError,
      message:
        /^centers: expected at most 100000000 values \(rows x features\), got 3 x 1000000000 = 3000000000\./,
    },
    {
      name: 'a per-centre count list with a negative count',
      run: () => makeBlobs({ nSamples: [10, -1], randomState: 0 }),
      error: DataError,
      message: /^nSamples\[1\]: expected an integer >= 0, got -1\.$/,
    },
    {
      name: 'an empty count list',
      run: () => makeBlobs({ nSamples: [], randomState: 0 }),
      error: ShapeError,
      message: /^nSamples: expected at least one per-centre count, got an empty list\.$/,
    },
    {
      name: 'nFeatures 0',
      run: () => makeBlobs({ nFeatures: 0, randomState: 0 }),
      error: DataError,
      message: /^nFeatures: expected an integer >= 1, got 0\.$/,
    },
    {
      name: 'centers 0',
      run: () => makeBlobs({ centers: 0, randomState: 0 }),
      error: DataError,
      message: /^centers: expected an integer >= 1, got 0\.$/,
    },
    {
      name: 'ragged centre rows',
      run: () => makeBlobs({ centers: [[1, 2], [3]], randomState: 0 }),
      error: ShapeError,
      message: /^centers: expected 2 columns in every row \(as in row 0\), got 1 columns \(at row 1\)\.$/,
    },
    {
      name: 'an empty centre list',
      run: () => makeBlobs({ centers: [], randomState: 0 }),
      error: ShapeError,
      message: /^centers: expected at least 1 row, got an empty array\.$/,
    },
    {
      name: 'a NaN centre',
      run: () => makeBlobs({ centers: [[0, Number.NaN]], randomState: 0 }),
      error: DataError,
      message: /^centers: expected finite numbers, got NaN \(at row 0, column 1\)/,
    },
    {
      name: 'a count list with a number of centres',
      run: () => makeBlobs({ nSamples: [5, 5], centers: 2, randomState: 0 }),
      error: DataError,
      message:
        /^centers: expected the centres as rows \(one per nSamples count, 2\) when nSamples is a list, got the number 2\.$/,
    },
    {
      name: 'a count list and centre rows of different lengths',
      run: () => makeBlobs({ nSamples: [5, 5], centers: [[0, 0]], randomState: 0 }),
      error: ShapeError,
      message: /^centers: expected 2 rows, one per nSamples count, got 1 rows\.$/,
    },
    {
      name: 'a negative clusterStd',
      run: () => makeBlobs({ clusterStd: -1, randomState: 0 }),
      error: DataError,
      message: /^clusterStd: expected finite standard deviations >= 0, got -1\.$/,
    },
    {
      name: 'clusterStd -0 (numpy refuses a sign bit)',
      run: () => makeBlobs({ clusterStd: -0, randomState: 0 }),
      error: DataError,
      message: /got -0\.$/,
    },
    {
      name: 'a NaN in a clusterStd list',
      run: () => makeBlobs({ clusterStd: [1, Number.NaN, 1], randomState: 0 }),
      error: DataError,
      message: /^clusterStd: expected finite standard deviations >= 0, got NaN \(at index 1\)\.$/,
    },
    {
      name: 'a clusterStd list of the wrong length',
      run: () => makeBlobs({ clusterStd: [1, 2], randomState: 0 }),
      error: ShapeError,
      message: /^clusterStd: expected 3 values, one per centre, got 2 values\.$/,
    },
    {
      name: 'clusterStd as a string',
      run: () => makeBlobs({ clusterStd: '1' as never, randomState: 0 }),
      error: DataError,
      message: /^clusterStd: expected a number or one number per centre, got the string "1"\.$/,
    },
    {
      name: 'a centre box of one number',
      run: () => makeBlobs({ centerBox: [1] as never, randomState: 0 }),
      error: ShapeError,
      message: /^centerBox: expected \[low, high\], got an array of length 1\.$/,
    },
    {
      name: 'a centre box whose width overflows',
      run: () => makeBlobs({ centerBox: [-1e308, 1e308], randomState: 0 }),
      error: DataError,
      message:
        /^centerBox: expected finite \[low, high\] with a finite high - low, got \[-1e\+308, 1e\+308\]\.$/,
    },
    {
      name: 'shuffle "no"',
      run: () => makeBlobs({ shuffle: 'no' as never, randomState: 0 }),
      error: DataError,
      message: /^makeBlobs shuffle: expected true or false, got the string "no"\.$/,
    },
    {
      name: 'randomState -1',
      run: () => makeBlobs({ randomState: -1 }),
      error: DataError,
      message: /^RandomState seed: expected an integer from 0 to 2\^32 - 1 \(4294967295\), got -1\.$/,
    },
    {
      name: 'randomState as a string',
      run: () => makeBlobs({ randomState: '0' as never }),
      error: DataError,
      message: /^randomState: expected a seed from 0 to 2\^32 - 1 or a RandomState, got the string "0"\.$/,
    },
    {
      name: 'the Python name n_samples',
      run: () => makeBlobs({ n_samples: 10 } as never),
      error: DataError,
      message:
        /^makeBlobs options: expected only nSamples, .*, got the unknown option "n_samples"\. Did you mean nSamples\?$/,
    },
    {
      name: 'the scikit-learn name random_state',
      run: () => makeBlobs({ random_state: 0 } as never),
      error: DataError,
      message: /Did you mean randomState\?$/,
    },
    {
      name: 'options that are a number',
      run: () => makeBlobs(100 as never),
      error: DataError,
      message: /^makeBlobs options: expected an options object .*, got 100\.$/,
    },
  ]);

  it('allows 0 samples, as scikit-learn does (the size limit is on the values drawn)', () => {
    expect(MAX_BLOB_VALUES).toBe(1e8);
    expect(makeBlobs({ nSamples: 0, randomState: 0 }).X.rows).toBe(0);
  });
});

describe('trainTestSplit', () => {
  const X = [[0], [1], [2], [3], [4], [5]];
  const y = [0, 0, 0, 1, 1, 1];
  refuses([
    {
      name: 'empty X',
      run: () => trainTestSplit([], []),
      error: ShapeError,
      message: /^X: expected at least 1 row, got an empty array\.$/,
    },
    {
      name: 'one row',
      run: () => trainTestSplit([[1]], [0]),
      error: ShapeError,
      message: /^X: expected at least 2 rows to split, got 1 row\.$/,
    },
    {
      name: 'fewer labels than rows',
      run: () => trainTestSplit(X, [0, 1]),
      error: ShapeError,
      message: /^y: expected 6 labels \(one per row of X\), got 2 labels\.$/,
    },
    {
      name: 'a fractional label',
      run: () => trainTestSplit(X, [0, 0, 0.5, 1, 1, 1]),
      error: LabelError,
      message: /^y: expected integers in \[0, 2147483647\), got 0\.5 \(at row 2\)\.$/,
    },
    ...(
      [
        ['0', 0],
        ['-0.2', -0.2],
        ['1.5', 1.5],
        ['6 (every row)', 6],
        ['NaN', Number.NaN],
        ['the string "0.2"', '0.2'],
      ] as [string, unknown][]
    ).map(([what, testSize]) => ({
      name: `testSize ${what}`,
      run: () => trainTestSplit(X, y, { testSize: testSize as number, seed: 0 }),
      error: DataError,
      message:
        /^trainTestSplit testSize: expected a fraction in \(0, 1\) or a row count from 1 to 5, got .+\.$/,
    })),
    {
      name: 'stratify with a class of one row',
      run: () => trainTestSplit(X, [0, 0, 0, 0, 0, 1], { stratify: true, seed: 0 }),
      error: LabelError,
      message: /^trainTestSplit stratify: expected at least 2 rows of every class, got 1 row of class 1\.$/,
    },
    {
      name: 'stratify with a test part smaller than the number of classes',
      run: () => trainTestSplit(X, [0, 0, 1, 1, 2, 2], { stratify: true, testSize: 2, seed: 0 }),
      error: DataError,
      message:
        /^trainTestSplit stratify: expected a test part of at least 3 rows \(one per class\), got 2 rows\.$/,
    },
    {
      name: 'stratify without shuffling',
      run: () => trainTestSplit(X, y, { stratify: true, shuffle: false }),
      error: DataError,
      message: /^trainTestSplit: expected shuffle: true when stratify is true, got shuffle: false\.$/,
    },
    {
      name: 'stratify "yes"',
      run: () => trainTestSplit(X, y, { stratify: 'yes' as never }),
      error: DataError,
      message: /^trainTestSplit stratify: expected true or false, got the string "yes"\.$/,
    },
    {
      name: 'a negative seed',
      run: () => trainTestSplit(X, y, { seed: -1 }),
      error: DataError,
      message: /^RandomState seed: expected an integer from 0 to 2\^32 - 1/,
    },
    {
      name: 'the scikit-learn name test_size',
      run: () => trainTestSplit(X, y, { test_size: 0.5 } as never),
      error: DataError,
      message:
        /^trainTestSplit options: expected only testSize, seed, stratify, shuffle, got the unknown option "test_size"\. Did you mean testSize\?$/,
    },
    {
      name: 'the scikit-learn name random_state',
      run: () => trainTestSplit(X, y, { random_state: 0 } as never),
      error: DataError,
      message: /got the unknown option "random_state"/,
    },
  ]);

  it('takes testSize 1 as one row (a count), as scikit-learn does', () => {
    const split = trainTestSplit(X, y, { testSize: 1, seed: 0 });
    expect(split.XTest.rows).toBe(1);
  });

  it('moves NaN rows like any other (it only splits; fit and Normalization.adapt refuse them)', () => {
    const split = trainTestSplit([[Number.NaN], [1]], [0, 1], { testSize: 1, seed: 0 });
    expect(split.XTrain.rows + split.XTest.rows).toBe(2);
  });
});
