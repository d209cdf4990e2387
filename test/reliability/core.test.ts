/**
 * Bad inputs to the core API (matrices, vectors, labels, softmax, argmax/oneHot, the losses, RandomState): each
 * is refused with a typed error whose message says what was expected, what came and where.
 */
import { describe, expect, it } from 'vitest';
import {
  argmax,
  assertFinite,
  CategoricalCrossentropy,
  checkArraySize,
  checkOneHot,
  DataError,
  describeValue,
  getLoss,
  LabelError,
  logSoftmax,
  MAX_ARRAY_BYTES,
  Matrix,
  naiveSoftmax,
  oneHot,
  RandomState,
  ShapeError,
  SoftmaxLabError,
  SparseCategoricalCrossentropy,
  softmax,
  TrainingDivergedError,
  toLabels,
  toMatrix,
  toVector,
} from '../../src/index.js';
import { refuses } from './refusals.js';

// Values of the wrong type, as a user (or JSON) might pass them.
const notArrays: [string, unknown, RegExp][] = [
  ['null', null, /got null/],
  ['undefined', undefined, /got undefined/],
  ['a string', 'abc', /got the string "abc"/],
  ['a number', 3, /got 3/],
  ['a BigInt', 3n, /got 3n \(a BigInt\)/],
  ['an object', { a: 1 }, /got an object \(Object\)/],
  ['a function', () => 1, /got a function/],
];

describe('the error classes', () => {
  it('build "<subject>: expected <what>, got <what> (at <where>). <hint>" from their parts', () => {
    const e = new ShapeError({
      subject: 'X',
      expected: '2 columns',
      got: '3 columns',
      where: 'row 4',
      hint: 'Drop the label column.',
    });
    expect(e.message).toBe('X: expected 2 columns, got 3 columns (at row 4). Drop the label column.');
    expect(e.details).toEqual({
      subject: 'X',
      expected: '2 columns',
      got: '3 columns',
      where: 'row 4',
      hint: 'Drop the label column.',
    });
  });

  it('are one family that instanceof tells apart, each named after its class', () => {
    const all = [
      new ShapeError('a'),
      new LabelError('b'),
      new DataError('c'),
      new TrainingDivergedError('d', 2, 5),
    ];
    for (const e of all) {
      expect(e).toBeInstanceOf(SoftmaxLabError);
      expect(e).toBeInstanceOf(Error);
      expect(e.name).toBe(e.constructor.name);
    }
    expect(all[0]).not.toBeInstanceOf(LabelError);
    const diverged = all[3] as TrainingDivergedError;
    expect([diverged.epoch, diverged.batch]).toEqual([2, 5]);
  });

  it('describe values of every type in a few words', () => {
    expect(
      [null, undefined, Number.NaN, -0, 3n, 'x', true, [1, 2], new Float32Array(2), () => 0, new Map()].map(
        describeValue,
      ),
    ).toEqual([
      'null',
      'undefined',
      'NaN',
      '0',
      '3n (a BigInt)',
      'the string "x"',
      'the boolean true',
      'an array of length 2',
      'a Float32Array',
      'a function',
      'an object (Map)',
    ]);
    expect(describeValue('y'.repeat(100))).toBe(`the string "${'y'.repeat(40)}…"`);
  });
});

describe('Matrix and toMatrix', () => {
  refuses([
    ...notArrays.map(([what, value, got]) => ({
      name: `toMatrix(${what})`,
      run: () => toMatrix(value as never),
      error: ShapeError,
      message: new RegExp(
        `^X: expected a Matrix or an array of rows \\(number\\[\\]\\[\\]\\), ${got.source}`,
      ),
    })),
    {
      name: 'an empty array',
      run: () => toMatrix([]),
      error: ShapeError,
      message: /^X: expected at least 1 row, got an empty array\.$/,
    },
    {
      name: 'an empty first row',
      run: () => toMatrix([[]]),
      error: ShapeError,
      message: /^X: expected at least 1 column, got an empty row 0\.$/,
    },
    {
      name: 'a flat vector where rows are needed',
      run: () => toMatrix([1, 2] as never),
      error: ShapeError,
      message: /^X: expected an array of rows \(number\[\]\[\]\), got 1 as row 0\. Wrap a single sample/,
    },
    {
      name: 'ragged rows',
      run: () => toMatrix([[1, 2], [3]]),
      error: ShapeError,
      message: /^X: expected 2 columns in every row \(as in row 0\), got 1 columns \(at row 1\)\.$/,
    },
    {
      name: 'a row that is not an array',
      run: () => toMatrix([[1, 2], null as never]),
      error: ShapeError,
      message: /^X: expected an array as every row, got null \(at row 1\)\.$/,
    },
    ...(
      [
        ['a string', '1', /got the string "1"/],
        ['null', null, /got null/],
        ['undefined', undefined, /got undefined/],
        ['a BigInt', 1n, /got 1n \(a BigInt\)/],
        ['an object', {}, /got an object \(Object\)/],
        ['a boolean', true, /got the boolean true/],
      ] as [string, unknown, RegExp][]
    ).map(([what, value, got]) => ({
      name: `an entry that is ${what}`,
      run: () =>
        toMatrix(
          [
            [0, 1],
            [2, value as number],
          ],
          'X',
        ),
      error: DataError,
      message: new RegExp(`^X: expected a number, ${got.source} \\(at row 1, column 1\\)\\.$`),
    })),
    {
      name: 'an empty Matrix',
      run: () => toMatrix(new Matrix(0, 3, new Float64Array(0))),
      error: ShapeError,
      message: /^X: expected at least 1 row and 1 column, got a 0 x 3 matrix\.$/,
    },
    {
      name: 'an unknown dtype',
      run: () => toMatrix([[1]], 'X', 'float16' as never),
      error: DataError,
      message: /^X dtype: expected 'float32' or 'float64', got the string "float16"\.$/,
    },
    {
      name: 'new Matrix with a negative row count',
      run: () => new Matrix(-1, 2, new Float64Array(0)),
      error: ShapeError,
      message: /^Matrix: expected non-negative integer rows and cols, got rows=-1, cols=2\.$/,
    },
    {
      name: 'new Matrix with a fractional column count',
      run: () => new Matrix(2, 1.5, new Float64Array(3)),
      error: ShapeError,
      message: /got rows=2, cols=1\.5/,
    },
    {
      name: 'new Matrix with data of the wrong length',
      run: () => new Matrix(2, 2, new Float64Array(3)),
      error: ShapeError,
      message: /^Matrix data: expected 4 values \(2 x 2\), got 3 values\.$/,
    },
    {
      name: 'new Matrix with a plain array as data',
      run: () => new Matrix(1, 2, [1, 2] as never),
      error: DataError,
      message:
        /^Matrix data: expected a Float32Array or Float64Array, got an array of length 2\. Use Matrix\.from/,
    },
    {
      name: 'new Matrix with an Int32Array as data',
      run: () => new Matrix(1, 2, new Int32Array(2) as never),
      error: DataError,
      message: /got a Int32Array/,
    },
    {
      name: 'Matrix.zeros(1e6, 1e6): 8 TB, refused before allocating',
      run: () => Matrix.zeros(1e6, 1e6),
      error: DataError,
      message:
        /^Matrix\.zeros: expected at most 134217728 float64 values \(1 GiB\), got 1000000 x 1000000 = 1000000000000 values\.$/,
    },
    {
      name: 'Matrix.zeros of 2^28 float32 values + 1',
      run: () => Matrix.zeros(2 ** 14, 2 ** 14 + 1, 'float32'),
      error: DataError,
      message: /^Matrix\.zeros: expected at most 268435456 float32 values \(1 GiB\)/,
    },
    {
      name: 'Matrix.zeros with a negative size',
      run: () => Matrix.zeros(-2, 3),
      error: ShapeError,
      message: /^Matrix\.zeros: expected non-negative integer rows and cols, got rows=-2, cols=3\.$/,
    },
    {
      name: 'Matrix.zeros with NaN',
      run: () => Matrix.zeros(Number.NaN, 3),
      error: ShapeError,
      message: /got rows=NaN, cols=3/,
    },
    {
      name: 'Matrix.zeros with an unknown dtype',
      run: () => Matrix.zeros(2, 2, 'int8' as never),
      error: DataError,
      message: /^Matrix\.zeros dtype: expected 'float32' or 'float64', got the string "int8"\.$/,
    },
    {
      name: 'Matrix.from with ragged rows',
      run: () => Matrix.from([[1], [2, 3]]),
      error: ShapeError,
      message:
        /^Matrix\.from: expected 1 columns in every row \(as in row 0\), got 2 columns \(at row 1\)\.$/,
    },
    {
      name: 'assertFinite on NaN names the row and column',
      run: () =>
        assertFinite(
          Matrix.from([
            [0, 1],
            [2, Number.NaN],
          ]),
        ),
      error: DataError,
      message: /^X: expected finite numbers, got NaN \(at row 1, column 1\)\. Remove or impute/,
    },
    {
      name: 'assertFinite on -Infinity',
      run: () => assertFinite(Matrix.from([[Number.NEGATIVE_INFINITY]]), 'features'),
      error: DataError,
      message: /^features: expected finite numbers, got -Infinity \(at row 0, column 0\)/,
    },
    {
      name: 'assertFinite on nested arrays that are not a Matrix',
      run: () => assertFinite([[1], [Number.POSITIVE_INFINITY]] as never),
      error: DataError,
      message: /got Infinity \(at row 1, column 0\)/,
    },
  ]);

  it('allows exactly 1 GiB (the limit is inclusive)', () => {
    expect(MAX_ARRAY_BYTES).toBe(2 ** 30);
    expect(() => checkArraySize(2 ** 27, 'float64', 'x')).not.toThrow();
    expect(() => checkArraySize(2 ** 28, 'float32', 'x')).not.toThrow();
    expect(() => checkArraySize(2 ** 27 + 1, 'float64', 'x')).toThrow(DataError);
  });
});

describe('toVector', () => {
  refuses([
    ...notArrays.map(([what, value, got]) => ({
      name: `toVector(${what})`,
      run: () => toVector(value as never),
      error: ShapeError,
      message: new RegExp(
        `^z: expected a vector \\(number\\[\\], Float32Array or Float64Array\\), ${got.source}`,
      ),
    })),
    {
      name: 'an empty array',
      run: () => toVector([]),
      error: ShapeError,
      message: /^z: expected at least 1 value, got an empty array\.$/,
    },
    {
      name: 'an empty Float32Array',
      run: () => toVector(new Float32Array(0)),
      error: ShapeError,
      message: /^z: expected at least 1 value, got an empty array\.$/,
    },
    {
      name: 'a string entry',
      run: () => toVector([1, '2' as never]),
      error: DataError,
      message: /^z: expected a number, got the string "2" \(at index 1\)\.$/,
    },
    {
      name: 'an Int32Array (labels, not values)',
      run: () => toVector(new Int32Array(2) as never),
      error: ShapeError,
      message: /got a Int32Array/,
    },
  ]);
});

describe('softmax, logSoftmax, naiveSoftmax and argmax', () => {
  const functions: [string, (z: never) => unknown][] = [
    ['softmax', softmax],
    ['logSoftmax', logSoftmax],
    ['naiveSoftmax', naiveSoftmax],
    ['argmax', argmax],
  ];
  for (const [name, f] of functions) {
    refuses([
      {
        name: `${name}([])`,
        run: () => f([] as never),
        error: ShapeError,
        message: /^z: expected at least 1 value, got an empty array\.$/,
      },
      {
        name: `${name}(ragged rows)`,
        run: () => f([[1, 2], [1]] as never),
        error: ShapeError,
        message: /^z: expected 2 columns in every row \(as in row 0\), got 1 columns \(at row 1\)\.$/,
      },
      {
        name: `${name}([[]])`,
        run: () => f([[]] as never),
        error: ShapeError,
        message: /^z: expected at least 1 column, got an empty row 0\.$/,
      },
      {
        name: `${name}(a string entry)`,
        run: () => f([1, 'x'] as never),
        error: DataError,
        message: /^z: expected a number, got the string "x" \(at index 1\)\.$/,
      },
      {
        name: `${name}(a BigInt entry in a row)`,
        run: () => f([[1, 2n]] as never),
        error: DataError,
        message: /^z: expected a number, got 2n \(a BigInt\) \(at row 0, column 1\)\.$/,
      },
      {
        name: `${name}(null)`,
        run: () => f(null as never),
        error: ShapeError,
        message: /^z: expected a vector .*, got null\.$/,
      },
      {
        name: `${name}(a string)`,
        run: () => f('1,2' as never),
        error: ShapeError,
        message: /got the string "1,2"/,
      },
    ]);
  }

  it('give NaN rows for NaN input rather than an error (numpy and TensorFlow agree; documented)', () => {
    expect(Number.isNaN(softmax([Number.NaN, 1])[0]!)).toBe(true);
    expect(argmax([1, Number.NaN, 3])).toBe(1);
    const loss = new SparseCategoricalCrossentropy({ fromLogits: true });
    expect(loss.call([0], [[Number.NaN, 1]])).toBeNaN();
  });
});

describe('labels: toLabels, oneHot, checkOneHot', () => {
  refuses([
    ...(
      [
        ['a label equal to numClasses', [0, 3], /got 3 \(at row 1\)/],
        ['a negative label', [0, -1], /got -1 \(at row 1\)/],
        ['a fractional label', [0.5], /got 0\.5 \(at row 0\)/],
        ['NaN', [Number.NaN], /got NaN \(at row 0\)/],
        ['Infinity', [Number.POSITIVE_INFINITY], /got Infinity \(at row 0\)/],
        ['a string', ['1'], /got the string "1" \(at row 0\)/],
        ['null', [1, null], /got null \(at row 1\)/],
        ['undefined', [undefined], /got undefined \(at row 0\)/],
        ['a BigInt out of range', new BigInt64Array([0n, 7n]), /got 7 \(at row 1\)/],
        ['an object', [{}], /got an object \(Object\) \(at row 0\)/],
      ] as [string, unknown, RegExp][]
    ).map(([what, labels, got]) => ({
      name: `toLabels with ${what}`,
      run: () => toLabels(labels as never, 3),
      error: LabelError,
      message: new RegExp(`^labels: expected integers in \\[0, 3\\), ${got.source}\\.$`),
    })),
    {
      name: 'toLabels([])',
      run: () => toLabels([], 3),
      error: ShapeError,
      message: /^labels: expected at least 1 label, got an empty array\.$/,
    },
    {
      name: 'toLabels(one-hot rows)',
      run: () => toLabels([[0, 1]], 2),
      error: ShapeError,
      message:
        /^labels: expected labels of shape \(N,\) or \(N, 1\), got a row of 2 values \(at row 0\)\. .*argmax/,
    },
    {
      name: 'toLabels(a 2 x 2 Matrix)',
      run: () => toLabels(Matrix.zeros(2, 2), 2),
      error: ShapeError,
      message: /got a 2 x 2 matrix/,
    },
    ...notArrays
      .filter(([what]) => what !== 'undefined')
      .map(([what, value, got]) => ({
        name: `toLabels(${what})`,
        run: () => toLabels(value as never, 3),
        error: ShapeError,
        message: new RegExp(`^labels: expected an array of class labels, ${got.source}`),
      })),
    ...(
      [
        ['0', 0],
        ['-1', -1],
        ['2.5', 2.5],
        ['NaN', Number.NaN],
        ['2^31', 2 ** 31],
        ['a string', '3'],
      ] as [string, unknown][]
    ).map(([what, k]) => ({
      name: `oneHot with numClasses ${what}`,
      run: () => oneHot([0], k as number),
      error: DataError,
      message: /^numClasses: expected a positive integer, got .+\.$/,
    })),
    {
      name: 'oneHot(labels, 1e9): 4 GB, refused before allocating',
      run: () => oneHot([0, 1], 1e9),
      error: DataError,
      message:
        /^oneHot: expected at most 268435456 float32 values \(1 GiB\), got 2 labels x 1000000000 classes = 2000000000 values\.$/,
    },
    {
      name: 'oneHot with a label out of range',
      run: () => oneHot([0, 4], 4),
      error: LabelError,
      message: /^labels: expected integers in \[0, 4\), got 4 \(at row 1\)\.$/,
    },
    {
      name: 'checkOneHot with a row of two ones',
      run: () =>
        checkOneHot(
          Matrix.from([
            [1, 0],
            [1, 1],
          ]),
        ),
      error: LabelError,
      message:
        /^yTrue: expected one-hot rows \(a single 1, the rest 0\), got 2 entries equal to 1 \(at row 1\)\./,
    },
    {
      name: 'checkOneHot with a 0.5 entry',
      run: () => checkOneHot(Matrix.from([[0.5, 0.5]])),
      error: LabelError,
      message: /got 0\.5 \(at row 0, column 0\)\. Pass allowSoftTargets: true/,
    },
    {
      name: 'checkOneHot with soft rows that do not sum to 1',
      run: () => checkOneHot(Matrix.from([[0.5, 0.4]]), 'y', { allowSoftTargets: true }),
      error: LabelError,
      message: /^y: expected rows of probabilities .*, got a row summing to 0\.9 \(at row 0\)\.$/,
    },
    {
      name: 'checkOneHot with nested arrays rather than a Matrix',
      run: () => checkOneHot([[1, 1]] as never),
      error: LabelError,
      message: /got 2 entries equal to 1 \(at row 0\)/,
    },
    {
      name: 'checkOneHot with an unknown option',
      run: () => checkOneHot(Matrix.from([[1]]), 'y', { soft: true } as never),
      error: DataError,
      message: /^checkOneHot options: expected only allowSoftTargets, got the unknown option "soft"\.$/,
    },
    {
      name: 'checkOneHot with allowSoftTargets: "yes"',
      run: () => checkOneHot(Matrix.from([[1]]), 'y', { allowSoftTargets: 'yes' as never }),
      error: DataError,
      message: /^allowSoftTargets: expected true or false, got the string "yes"\.$/,
    },
  ]);
});

describe('the losses and getLoss', () => {
  const sparse = new SparseCategoricalCrossentropy({ fromLogits: true });
  const categorical = new CategoricalCrossentropy({ fromLogits: true });
  refuses([
    {
      name: 'a Python-style option name',
      run: () => new SparseCategoricalCrossentropy({ from_logits: true } as never),
      error: DataError,
      message:
        /^SparseCategoricalCrossentropy options: expected only fromLogits, probabilityVariant, got the unknown option "from_logits"\. Did you mean fromLogits\?$/,
    },
    {
      name: 'an option Keras has but we do not (reduction)',
      run: () => new CategoricalCrossentropy({ reduction: 'sum' } as never),
      error: DataError,
      message: /got the unknown option "reduction"/,
    },
    {
      name: 'null options',
      run: () => new SparseCategoricalCrossentropy(null as never),
      error: DataError,
      message: /^SparseCategoricalCrossentropy options: expected an options object .*, got null\.$/,
    },
    {
      name: 'fromLogits: "true"',
      run: () => new SparseCategoricalCrossentropy({ fromLogits: 'true' as never }),
      error: DataError,
      message: /^SparseCategoricalCrossentropy\.fromLogits: expected true or false, got the string "true"\.$/,
    },
    {
      name: 'an unknown probabilityVariant',
      run: () => new CategoricalCrossentropy({ probabilityVariant: 'softmax' as never }),
      error: DataError,
      message:
        /^CategoricalCrossentropy\.probabilityVariant: expected one of 'clip_then_normalize', .*, got the string "softmax"\.$/,
    },
    {
      name: 'allowSoftTargets: 1',
      run: () => new CategoricalCrossentropy({ allowSoftTargets: 1 as never }),
      error: DataError,
      message: /^CategoricalCrossentropy\.allowSoftTargets: expected true or false, got 1\.$/,
    },
    {
      name: 'sparse: a label equal to the number of classes',
      run: () => sparse.call([3], [[1, 2, 3]]),
      error: LabelError,
      message: /^yTrue: expected integers in \[0, 3\), got 3 \(at row 0\)\.$/,
    },
    {
      name: 'sparse: a fractional label',
      run: () =>
        sparse.call(
          [0, 1.5],
          [
            [1, 2],
            [3, 4],
          ],
        ),
      error: LabelError,
      message: /got 1\.5 \(at row 1\)/,
    },
    {
      name: 'sparse: fewer labels than rows',
      run: () =>
        sparse.call(
          [0],
          [
            [1, 2],
            [3, 4],
          ],
        ),
      error: ShapeError,
      message: /^yTrue: expected 2 labels \(one per row of yPred\), got 1 labels\.$/,
    },
    {
      name: 'categorical: integer labels instead of one-hot rows',
      run: () =>
        categorical.call([0, 1] as never, [
          [1, 2],
          [3, 4],
        ]),
      error: ShapeError,
      message:
        /^yTrue: expected a 2 x 2 matrix of one-hot rows, got an array of length 2\. For integer class labels use SparseCategoricalCrossentropy/,
    },
    {
      name: 'categorical: a column of labels',
      run: () =>
        categorical.call(
          [[0], [1]],
          [
            [1, 2],
            [3, 4],
          ],
        ),
      error: ShapeError,
      message:
        /^yTrue: expected a 2 x 2 matrix \(the shape of yPred\), got a 2 x 1 matrix\. For integer class labels/,
    },
    {
      name: 'categorical: a row that is not one-hot',
      run: () =>
        categorical.call(
          [
            [1, 0],
            [0, 0],
          ],
          [
            [1, 2],
            [3, 4],
          ],
        ),
      error: LabelError,
      message: /^yTrue: expected one-hot rows .*, got 0 entries equal to 1 \(at row 1\)\./,
    },
    {
      name: 'an empty prediction matrix',
      run: () => sparse.call([0], []),
      error: ShapeError,
      message: /^yPred: expected at least 1 row, got an empty array\.$/,
    },
    {
      name: 'getLoss with an unknown name',
      run: () => getLoss('mse'),
      error: DataError,
      message:
        /^loss: expected one of 'sparse_categorical_crossentropy', 'categorical_crossentropy', .*, or a loss object, got the string "mse"\.$/,
    },
    {
      name: 'getLoss("__proto__")',
      run: () => getLoss('__proto__'),
      error: DataError,
      message: /got the string "__proto__"/,
    },
    {
      name: 'getLoss(null)',
      run: () => getLoss(null as never),
      error: DataError,
      message: /, got null\.$/,
    },
    {
      name: 'getLoss with an option the sparse loss does not take',
      run: () => getLoss('sparse_categorical_crossentropy', { allowSoftTargets: true }),
      error: DataError,
      message: /got the unknown option "allowSoftTargets"/,
    },
  ]);
});

describe('RandomState', () => {
  const rs = new RandomState(0);
  refuses([
    ...(
      [
        ['-1', -1],
        ['2^32', 2 ** 32],
        ['1.5', 1.5],
        ['NaN', Number.NaN],
        ['the string "1"', '1'],
        ['a BigInt', 1n],
        ['null', null],
      ] as [string, unknown][]
    ).map(([what, seed]) => ({
      name: `a seed of ${what}`,
      run: () => new RandomState(seed as number),
      error: DataError,
      message: /^RandomState seed: expected an integer from 0 to 2\^32 - 1 \(4294967295\), got .+\.$/,
    })),
    {
      name: 'uniform(0, 1, [1e6, 1e6]): 8 TB, refused before allocating',
      run: () => rs.uniform(0, 1, [1e6, 1e6]),
      error: DataError,
      message:
        /^size: expected at most 134217728 float64 values \(1 GiB\), got 1000000 x 1000000 = 1000000000000 values\.$/,
    },
    {
      name: 'standardNormal(2^28): 2 GiB, refused',
      run: () => rs.standardNormal(2 ** 28),
      error: DataError,
      message:
        /^size: expected at most 134217728 float64 values \(1 GiB\), got 268435456 = 268435456 values\.$/,
    },
    {
      name: 'a negative size',
      run: () => rs.randomSample(-1),
      error: ShapeError,
      message: /^size: expected a length or \[rows, cols\] of non-negative integers, got -1\.$/,
    },
    {
      name: 'a size of three dimensions',
      run: () => rs.randomSample([2, 2, 2] as never),
      error: ShapeError,
      message: /got \[2, 2, 2\]/,
    },
    {
      name: 'a size given as a string',
      run: () => rs.randomSample('3' as never),
      error: ShapeError,
      message: /got the string "3"/,
    },
    {
      name: 'uniform(-Infinity, 0)',
      run: () => rs.uniform(Number.NEGATIVE_INFINITY, 0),
      error: DataError,
      message:
        /^uniform\(low, high\): expected numbers whose difference high - low is finite, got low=-Infinity, high=0\.$/,
    },
    {
      name: 'uniform with a string bound',
      run: () => rs.uniform('0' as never, 1),
      error: DataError,
      message: /got low=the string "0", high=1/,
    },
    {
      name: 'normal with a negative scale',
      run: () => rs.normal(0, -1),
      error: DataError,
      message: /^normal\(loc, scale\): expected a number loc and a scale >= 0, got loc=0, scale=-1\.$/,
    },
    {
      name: 'randint(5, 5)',
      run: () => rs.randint(5, 5),
      error: DataError,
      message: /^randint\(low, high\): expected low < high, got low=5, high=5\.$/,
    },
    {
      name: 'randint beyond 2^53',
      run: () => rs.randint(0, 2 ** 60),
      error: DataError,
      message: /expected safe integers/,
    },
    {
      name: 'permutation(-1)',
      run: () => rs.permutation(-1),
      error: DataError,
      message: /^permutation\(n\): expected an integer from 0 to 268435456, got -1\.$/,
    },
    {
      name: 'permutation(2^31 - 1): 8 GiB of int32, refused',
      run: () => rs.permutation(2 ** 31 - 1),
      error: DataError,
      message:
        /^permutation\(n\): expected at most 268435456 int32 values \(1 GiB\), got 2147483647 values\.$/,
    },
    {
      name: 'shuffle of a string',
      run: () => rs.shuffle('abc' as never),
      error: ShapeError,
      message: /^shuffle\(x\): expected an array, a typed array or a Matrix, got the string "abc"\.$/,
    },
    {
      name: 'setState(null)',
      run: () => rs.setState(null as never),
      error: DataError,
      message:
        /^RandomState state: expected an object \{ key, pos, hasGauss, gauss \} from getState\(\), got null\.$/,
    },
    {
      name: 'setState with a short key',
      run: () => rs.setState({ key: new Uint32Array(3), pos: 0, hasGauss: false, gauss: 0 }),
      error: ShapeError,
      message: /^RandomState state\.key: expected a Uint32Array of 624 words, got a Uint32Array\.$/,
    },
    {
      name: 'setState with pos 625',
      run: () => rs.setState({ key: new Uint32Array(624), pos: 625, hasGauss: false, gauss: 0 }),
      error: DataError,
      message: /^RandomState state\.pos: expected an integer from 0 to 624, got 625\.$/,
    },
  ]);
});
