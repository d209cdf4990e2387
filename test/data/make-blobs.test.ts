import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataError, ShapeError } from '../../src/core/errors.js';
import { Matrix } from '../../src/core/matrix.js';
import { RandomState } from '../../src/core/random/random-state.js';
import { MAX_BLOB_VALUES, makeBlobs } from '../../src/data/make-blobs.js';

/** One reference case of test/fixtures/reference (see its README): sklearn 1.2.1 / numpy 1.24.2 output. */
interface BlobsCase {
  params: {
    n_samples: number | number[];
    n_features: number;
    centers: number | number[][] | null;
    cluster_std: number | number[];
    center_box: [number, number];
    shuffle: boolean;
    random_state: number;
  };
  X: number[][];
  y: number[];
  centers_used: number[][];
}

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

const lab = fixture<BlobsCase>('reference/blobs_lab.json');
const cases = fixture<BlobsCase[]>('reference/blobs_cases.json');
/** More parameter sets, from test/fixtures/blobs/make_cases.py (checked against the reference first). */
const extraCases = fixture<BlobsCase[]>('blobs/extra_blobs_cases.json');

function run(c: BlobsCase) {
  const p = c.params;
  return makeBlobs({
    nSamples: p.n_samples,
    nFeatures: p.n_features,
    centers: p.centers ?? undefined,
    clusterStd: p.cluster_std,
    centerBox: p.center_box,
    shuffle: p.shuffle,
    randomState: p.random_state,
  });
}

/** Fails on the first float64 whose bit pattern differs (Object.is tells 0 from -0 and NaN from numbers). */
function expectBitIdentical(actual: Matrix, expected: number[][], label: string, features?: number): void {
  expect(actual.shape, `${label} shape`).toEqual([expected.length, expected[0]?.length ?? features]);
  const cols = actual.cols;
  for (let i = 0; i < expected.length; i++) {
    for (let j = 0; j < cols; j++) {
      const got = actual.data[i * cols + j]!;
      const want = expected[i]![j]!;
      if (!Object.is(got, want)) expect.fail(`${label}: X[${i}][${j}] is ${got}, reference ${want}`);
    }
  }
}

describe('makeBlobs against scikit-learn 1.2.1', () => {
  it("reproduces the lab's data set bit for bit (2000 samples, 4 fixed centres, seed 30)", () => {
    const { X, y, centers } = run(lab);
    expect(X.data).toBeInstanceOf(Float64Array);
    expectBitIdentical(X, lab.X, 'lab');
    expect(Array.from(y)).toEqual(lab.y);
    expect(centers.toArray()).toEqual(lab.centers_used);
  });

  it.each(cases.map((c, i) => [i, JSON.stringify(c.params), c] as const))(
    'reproduces reference case %i bit for bit: %s',
    (i, _params, c) => {
      const { X, y, centers } = run(c);
      expectBitIdentical(X, c.X, `case ${i}`);
      expect(Array.from(y)).toEqual(c.y);
      expect(centers.toArray()).toEqual(c.centers_used);
    },
  );

  it.each(extraCases.map((c, i) => [i, JSON.stringify(c.params), c] as const))(
    'reproduces numpy restatement case %i bit for bit: %s',
    (i, _params, c) => {
      const { X, y, centers } = run(c);
      expectBitIdentical(X, c.X, `extra case ${i}`, c.centers_used[0]!.length);
      expect(Array.from(y)).toEqual(c.y);
      expect(centers.toArray()).toEqual(c.centers_used);
    },
  );

  it('carries the cached normal across clusters when a cluster uses an odd number of values', () => {
    // Counts [3, 5, 7] with 3 features: cluster 0 uses 9 normals, so cluster 1 starts with the cached one.
    // python3 -c "import numpy as np; r=np.random.RandomState(7); c=r.uniform(-10,10,(3,3)); X=np.vstack([r.normal(c[i],1.0,(n,3)) for i,n in enumerate([3,5,7])]); print(c.tolist()); print(X.tolist())"
    const { X, y, centers } = makeBlobs({
      nSamples: [3, 5, 7],
      nFeatures: 3,
      shuffle: false,
      randomState: 7,
    });
    expect(centers.toArray()).toEqual([
      [-8.473834212520856, 5.598375844802293, -1.2318153711821296],
      [4.469303556618824, 9.559790239932052, 0.7699174082086735],
      [0.022409273198757518, -8.55897733280477, -4.631220397962577],
    ]);
    expectBitIdentical(
      X,
      [
        [-6.448062688383821, 5.5970477943261345, -1.7087470707273893],
        [-7.257101863738885, 5.435243770028094, -1.5660529611590832],
        [-8.488802419569723, 5.619766519721943, -0.4830342955589394],
        [4.386167724255942, 9.630519381263467, 0.43571719473301995],
        [5.343197363115208, 9.663364185663898, 0.8405780292925835],
        [3.362186184280172, 10.353974764484342, 1.9465804545717083],
        [3.0339775992667537, 9.40297162295709, -1.558925683685823],
        [4.300790896998103, 7.3094555117516276, 0.3907129317045343],
        [0.4994250743293187, -7.958963489906292, -3.9343104017919335],
        [-1.7624908996782387, -8.923281789471213, -6.361318009483827],
        [1.3637097170491959, -9.811841729745776, -5.317989149910988],
        [-2.154205409030088, -9.198093084876938, -3.0201820313667973],
        [-0.48300567824926444, -6.989076114629436, -2.7230589035604447],
        [-1.0219321306154965, -11.103331559207206, -3.9464743557863398],
        [0.23706614285565922, -6.7127319721236365, -4.464819075868317],
      ],
      'counts [3, 5, 7]',
    );
    expect(Array.from(y)).toEqual([0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2]);
  });

  it('handles an empty cluster, per-centre stds and the shuffle', () => {
    // python3 -c "import numpy as np; r=np.random.RandomState(11); c=np.array([[0.,0.],[5.,5.],[-5.,5.]]); X=np.vstack([r.normal(c[i],s,(n,2)) for i,(n,s) in enumerate(zip([0,4,1],[1.0,0.5,2.0]))]); idx=np.arange(5); r.shuffle(idx); print(X[idx].tolist(), idx.tolist())"
    const { X, y } = makeBlobs({
      nSamples: [0, 4, 1],
      centers: [
        [0, 0],
        [5, 5],
        [-5, 5],
      ],
      clusterStd: [1.0, 0.5, 2.0],
      randomState: 11,
    });
    expectBitIdentical(
      X,
      [
        [-4.157898567489043, 2.8687940391023328],
        [4.731685318882635, 5.157701334212849],
        [4.995857685313532, 4.840184318117851],
        [4.757717433889428, 3.6733407203692607],
        [5.8747273706525895, 4.856963501591853],
      ],
      'empty cluster',
    );
    expect(Array.from(y)).toEqual([2, 1, 1, 1, 1]);
  });
});

describe('makeBlobs semantics', () => {
  it('defaults to 100 samples, 2 features and 3 drawn centres', () => {
    const { X, y, centers } = makeBlobs({ randomState: 0 });
    expect(X.shape).toEqual([100, 2]);
    expect(centers.shape).toEqual([3, 2]);
    expect(new Set(y).size).toBe(3);
    expect(y.filter((v) => v === 0)).toHaveLength(34);
  });

  it('ignores nFeatures when the centres are given as rows', () => {
    const { X } = makeBlobs({ nSamples: 4, nFeatures: 7, centers: [[1, 2, 3]], randomState: 0 });
    expect(X.shape).toEqual([4, 3]);
  });

  it('advances a RandomState passed in, like scikit-learn does', () => {
    const rs = new RandomState(30);
    const first = makeBlobs({ nSamples: 10, randomState: rs });
    const second = makeBlobs({ nSamples: 10, randomState: rs });
    expect(first.X.toArray()).toEqual(makeBlobs({ nSamples: 10, randomState: 30 }).X.toArray());
    expect(second.X.toArray()).not.toEqual(first.X.toArray());
  });

  it('does not alias a float64 centres matrix given by the caller', () => {
    const given = Matrix.from([
      [0, 0],
      [1, 1],
    ]);
    const { centers } = makeBlobs({ nSamples: 2, centers: given, randomState: 0 });
    centers.set(0, 0, 99);
    expect(given.get(0, 0)).toBe(0);
  });

  it('allows a zero std (every sample is its centre)', () => {
    const { X } = makeBlobs({ nSamples: 3, centers: [[2, -1]], clusterStd: 0, randomState: 0 });
    expect(X.toArray()).toEqual([
      [2, -1],
      [2, -1],
      [2, -1],
    ]);
  });
});

describe('makeBlobs errors (the cases scikit-learn refuses, and a few more)', () => {
  it('refuses a clusterStd list of the wrong length', () => {
    expect(() => makeBlobs({ centers: 3, clusterStd: [1, 2], randomState: 0 })).toThrow(ShapeError);
    expect(() => makeBlobs({ centers: 3, clusterStd: [1, 2], randomState: 0 })).toThrow(
      /clusterStd: expected 3 values, one per centre, got 2 values/,
    );
  });

  it('refuses a list nSamples whose length differs from the centres rows', () => {
    expect(() => makeBlobs({ nSamples: [10, 20], centers: [[0, 0]], randomState: 0 })).toThrow(
      /centers: expected 2 rows, one per nSamples count, got 1 rows/,
    );
  });

  it('refuses an int centers with a list nSamples (scikit-learn: centers must be array-like)', () => {
    expect(() => makeBlobs({ nSamples: [10, 20], centers: 2, randomState: 0 })).toThrow(DataError);
  });

  it('refuses negative, -0 and non-finite standard deviations', () => {
    expect(() => makeBlobs({ clusterStd: -1, randomState: 0 })).toThrow(
      /finite standard deviations >= 0, got -1/,
    );
    expect(() => makeBlobs({ clusterStd: -0, randomState: 0 })).toThrow(/got -0/);
    expect(() => makeBlobs({ centers: 2, clusterStd: [1, Number.NaN], randomState: 0 })).toThrow(
      /at index 1/,
    );
  });

  it('refuses bad counts, centres, boxes and seeds', () => {
    expect(() => makeBlobs({ nSamples: -1 })).toThrow(/nSamples: expected an integer >= 0, got -1/);
    expect(() => makeBlobs({ nSamples: 2.5 })).toThrow(DataError);
    expect(() => makeBlobs({ nSamples: [3, -1] })).toThrow(/nSamples\[1\]/);
    expect(() => makeBlobs({ nSamples: [] })).toThrow(ShapeError);
    expect(() => makeBlobs({ centers: 0, randomState: 0 })).toThrow(/centers: expected an integer >= 1/);
    expect(() => makeBlobs({ nFeatures: 0, randomState: 0 })).toThrow(/nFeatures/);
    expect(() => makeBlobs({ centers: [[0, 0], [1]], randomState: 0 })).toThrow(ShapeError);
    expect(() => makeBlobs({ centers: [[0, Number.NaN]], randomState: 0 })).toThrow(
      /centers: expected finite numbers/,
    );
    expect(() => makeBlobs({ centerBox: [0, Number.POSITIVE_INFINITY], randomState: 0 })).toThrow(
      /centerBox/,
    );
    expect(() => makeBlobs({ randomState: -5 })).toThrow(/RandomState seed/);
    expect(() => makeBlobs({ randomState: 'x' as unknown as number })).toThrow(
      /randomState: expected a seed/,
    );
  });

  it('refuses absurd sizes before allocating anything', () => {
    const started = performance.now();
    expect(() => makeBlobs({ nSamples: 1e9, randomState: 0 })).toThrow(
      new RegExp(`X: expected at most ${MAX_BLOB_VALUES} values`),
    );
    expect(() => makeBlobs({ nSamples: 10, centers: 2, nFeatures: 1e9, randomState: 0 })).toThrow(
      /centers: expected at most/,
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
