/**
 * Bad inputs to the model API (Dense, Normalization, Sequential, compile, fit, evaluate, trainOnBatch,
 * setWeights, summary, the optimizers and EarlyStopping): each is refused with a typed error whose message says
 * what was expected, what came and where, and sizes that would fill the kernels' memory are refused before
 * anything is allocated.
 */
import { describe, expect, it } from 'vitest';
import {
  Adam,
  DataError,
  Dense,
  EarlyStopping,
  getOptimizer,
  LabelError,
  MAX_BATCH_VALUES,
  MAX_MODEL_WEIGHTS,
  Normalization,
  RMSprop,
  Sequential,
  SGD,
  ShapeError,
  SparseCategoricalCrossentropy,
} from '../../src/index.js';
import { refuses } from './refusals.js';

const X = [
  [0, 1],
  [1, 0],
  [1, 1],
  [0, 0],
];
const y = [0, 1, 1, 0];

/** A compiled 2 → 3 → 2 model (not built until it sees data). */
function compiled(
  loss: 'sparse_categorical_crossentropy' | 'categorical_crossentropy' = 'sparse_categorical_crossentropy',
) {
  const model = new Sequential([new Dense({ units: 3, activation: 'relu' }), new Dense({ units: 2 })], {
    seed: 1,
  });
  model.compile({ optimizer: 'adam', loss, metrics: ['accuracy'] });
  return model;
}

/** A compiled model built for 2 inputs. */
function built() {
  const model = compiled();
  model.build(2);
  return model;
}

describe('Dense', () => {
  refuses([
    ...(
      [
        ['0', 0],
        ['-3', -3],
        ['2.5', 2.5],
        ['NaN', Number.NaN],
        ['Infinity', Number.POSITIVE_INFINITY],
        ['the string "4"', '4'],
        ['a BigInt', 4n],
        ['null', null],
        ['undefined', undefined],
      ] as [string, unknown][]
    ).map(([what, units]) => ({
      name: `units ${what}`,
      run: () => new Dense({ units: units as number }),
      error: DataError,
      message: /^Dense\.units: expected a positive integer, got .+\.$/,
    })),
    {
      name: 'no options',
      run: () => new (Dense as unknown as new () => Dense)(),
      error: DataError,
      message: /^Dense options: expected an object like \{ units: 4 \}, got undefined\.$/,
    },
    {
      name: 'a number instead of options (Keras positional style)',
      run: () => new Dense(4 as never),
      error: DataError,
      message: /got 4/,
    },
    {
      name: 'an unknown activation',
      run: () => new Dense({ units: 2, activation: 'gelu' as never }),
      error: DataError,
      message: /^activation: expected one of linear, relu, sigmoid, tanh, softmax, got "gelu"\.$/,
    },
    {
      name: 'activation "__proto__"',
      run: () => new Dense({ units: 2, activation: '__proto__' as never }),
      error: DataError,
      message: /got "__proto__"/,
    },
    {
      name: 'an unknown initializer',
      run: () => new Dense({ units: 2, kernelInitializer: 'orthogonal' }),
      error: DataError,
      message:
        /^initializer: expected one of glorotUniform, glorotNormal, heUniform, heNormal, zeros, ones, got "orthogonal"\.$/,
    },
    {
      name: 'a Python-style option name',
      run: () => new Dense({ units: 2, use_bias: false } as never),
      error: DataError,
      message:
        /^Dense options: expected only units, .*, got the unknown option "use_bias"\. Did you mean useBias\?$/,
    },
    {
      name: 'useBias: "no"',
      run: () => new Dense({ units: 2, useBias: 'no' as never }),
      error: DataError,
      message: /^Dense\.useBias: expected true or false, got the string "no"\.$/,
    },
    {
      name: 'inputDim 0',
      run: () => new Dense({ units: 2, inputDim: 0 }),
      error: DataError,
      message: /^Dense\.inputDim: expected a positive integer, got 0\.$/,
    },
    {
      name: 'an empty name',
      run: () => new Dense({ units: 2, name: '' }),
      error: DataError,
      message: /^Dense\.name: expected a non-empty string, got the string ""\.$/,
    },
    {
      name: 'units 1e9, built: 8 GB of weights, refused before allocating',
      run: () => new Sequential([new Dense({ units: 1e9, name: 'huge' })]).build(2),
      error: DataError,
      message:
        /^Sequential sequential\w*: expected at most 67108864 weights \(2\^26\), got huge: 3000000000 = 3000000000 weights\. Use fewer units or fewer input features\.$/,
    },
    {
      name: 'a layer built on its own with too many weights',
      run: () => new Dense({ units: 2 ** 20, name: 'wide' }).build(2 ** 10, undefined as never),
      error: DataError,
      message:
        /^Dense layer wide: expected at most 67108864 weights \(2\^26\), got 1024 inputs x 1048576 units \+ 1048576 biases = 1074790400 weights\./,
    },
    {
      name: 'build with a fractional input width',
      run: () => new Dense({ units: 2, name: 'd' }).build(1.5, undefined as never),
      error: DataError,
      message: /^d inputDim: expected a positive integer, got 1\.5\.$/,
    },
  ]);

  it('fits a model of exactly MAX_MODEL_WEIGHTS weights in the check (the limit is inclusive)', () => {
    expect(MAX_MODEL_WEIGHTS).toBe(2 ** 26);
    const layer = new Dense({ units: 2 ** 16, useBias: false });
    expect(layer.weightCountFor(2 ** 10)).toBe(MAX_MODEL_WEIGHTS);
  });
});

describe('Normalization', () => {
  refuses([
    {
      name: 'an unknown option',
      run: () => new Normalization({ axis: -1 } as never),
      error: DataError,
      message:
        /^Normalization options: expected only mean, variance, inputDim, name, got the unknown option "axis"\.$/,
    },
    {
      name: 'mean without variance',
      run: () => new Normalization({ mean: [0, 1] }),
      error: DataError,
      message: /^Normalization options: expected both mean and variance, or neither, got only mean\.$/,
    },
    {
      name: 'a negative variance',
      run: () => new Normalization({ mean: [0, 1], variance: [1, -1], name: 'norm' }),
      error: DataError,
      message:
        /^Normalization norm: expected finite means and finite variances >= 0, got mean 1, variance -1 \(at feature 1\)\.$/,
    },
    {
      name: 'a variance list of the wrong length',
      run: () => new Normalization({ mean: [0, 1], variance: [1] }),
      error: ShapeError,
      message:
        /^Normalization\.variance: expected 2 values \(one per feature, as the mean\), got 1 values\.$/,
    },
    {
      name: 'adapt on an empty array',
      run: () => new Normalization().adapt([]),
      error: ShapeError,
      message: /^Normalization\.adapt X: expected at least 1 row, got an empty array\.$/,
    },
    {
      name: 'adapt on NaN',
      run: () => new Normalization().adapt([[1], [Number.NaN]]),
      error: DataError,
      message: /^Normalization\.adapt X: expected finite numbers, got NaN \(at row 1, column 0\)/,
    },
    {
      name: 'adapt on rows of another width',
      run: () => new Normalization({ inputDim: 3, name: 'n3' }).adapt([[1, 2]]),
      error: ShapeError,
      message: /^Normalization\.adapt X: expected 3 features \(the width of layer n3\), got 2 columns\.$/,
    },
    {
      name: 'a width of 2^26 features (2 x 2^26 weights)',
      run: () => new Sequential([new Normalization({ name: 'wide_norm' })]).build(2 ** 26),
      error: DataError,
      message:
        /^Sequential \w+: expected at most 67108864 weights \(2\^26\), got wide_norm: 134217728 = 134217728 weights\./,
    },
  ]);
});

describe('Sequential: construction, build and compile', () => {
  refuses([
    {
      name: 'layers that are not an array',
      run: () => new Sequential(new Dense({ units: 2 }) as never),
      error: DataError,
      message: /^Sequential layers: expected an array of layers, got an object \(Object\)\.$/,
    },
    {
      name: 'a layer that is not a layer',
      run: () => new Sequential([{ units: 2 } as never]),
      error: DataError,
      message:
        /^Sequential\.add: expected a layer \(e\.g\. new Dense\(\.\.\.\)\), got an object \(Object\)\.$/,
    },
    {
      name: 'the same layer twice',
      run: () => {
        const layer = new Dense({ units: 2, name: 'twice' });
        return new Sequential([layer, layer]);
      },
      error: DataError,
      message: /^Sequential\.add: expected a layer not already in the model, got twice\.$/,
    },
    {
      name: 'a negative seed',
      run: () => new Sequential([], { seed: -1 }),
      error: DataError,
      message: /^Sequential seed: expected an integer from 0 to 2\^32 - 1 \(4294967295\), got -1\.$/,
    },
    {
      name: 'a seed given as a string',
      run: () => new Sequential([], { seed: '42' as never }),
      error: DataError,
      message: /^Sequential seed: .*, got the string "42"\.$/,
    },
    {
      name: 'an unknown option',
      run: () => new Sequential([], { random_state: 1 } as never),
      error: DataError,
      message: /^Sequential options: expected only seed, name, got the unknown option "random_state"\.$/,
    },
    {
      name: 'null options',
      run: () => new Sequential([], null as never),
      error: DataError,
      message: /^Sequential options: expected an options object \(with seed, name\), got null\.$/,
    },
    {
      name: 'build without layers',
      run: () => new Sequential().build(2),
      error: ShapeError,
      message: /^Sequential\.build: expected at least one layer, got no layers\.$/,
    },
    {
      name: 'build without an input width',
      run: () => new Sequential([new Dense({ units: 2 })]).build(),
      error: DataError,
      message: /^Sequential\.build inputDim: expected a positive integer, got undefined\.$/,
    },
    {
      name: 'build for another width than the declared one',
      run: () => new Sequential([new Dense({ units: 2, inputDim: 3 })]).build(2),
      error: ShapeError,
      message: /^X: expected 3 features \(the first layer was declared with inputDim 3\), got 2 columns\.$/,
    },
    {
      name: 'build again for another width',
      run: () => built().build(5),
      error: ShapeError,
      message: /^Sequential\.build: expected 2 input features \(already built\), got 5\.$/,
    },
    {
      name: 'add after build',
      run: () => built().add(new Dense({ units: 2 })),
      error: ShapeError,
      message: /^Sequential\.add: expected a model that is not built yet, got a built model\./,
    },
    {
      name: 'compile without a loss',
      run: () => new Sequential().compile({ optimizer: 'adam' } as never),
      error: DataError,
      message: /^compile: expected a loss, got no loss\. Pass loss:/,
    },
    {
      name: 'compile without an optimizer',
      run: () => new Sequential().compile({ loss: 'categorical_crossentropy' } as never),
      error: DataError,
      message: /^compile: expected an optimizer, got no optimizer\./,
    },
    {
      name: 'compile with an unknown optimizer',
      run: () => new Sequential().compile({ optimizer: 'adagrad', loss: 'categorical_crossentropy' }),
      error: DataError,
      message: /^optimizer: expected one of adam, sgd, rmsprop or an optimizer object, got "adagrad"\.$/,
    },
    {
      name: 'compile with an unknown loss',
      run: () => new Sequential().compile({ optimizer: 'sgd', loss: 'hinge' }),
      error: DataError,
      message: /^loss: expected one of .*, got the string "hinge"\.$/,
    },
    {
      name: 'compile with an unknown metric',
      run: () =>
        new Sequential().compile({ optimizer: 'sgd', loss: 'categorical_crossentropy', metrics: ['auc'] }),
      error: DataError,
      message:
        /^metrics: expected names among accuracy, acc, sparse_categorical_accuracy, categorical_accuracy, got "auc"\.$/,
    },
    {
      name: 'compile with metrics as a string',
      run: () =>
        new Sequential().compile({
          optimizer: 'sgd',
          loss: 'categorical_crossentropy',
          metrics: 'accuracy' as never,
        }),
      error: DataError,
      message: /^compile metrics: expected an array of names, got the string "accuracy"\.$/,
    },
    {
      name: 'compile with a misspelt key',
      run: () =>
        new Sequential().compile({ optimizer: 'sgd', loss: 'categorical_crossentropy', metric: [] } as never),
      error: DataError,
      message: /^compile options: expected only optimizer, loss, metrics, got the unknown option "metric"\.$/,
    },
    {
      name: 'fit before compile',
      run: () => new Sequential([new Dense({ units: 2 })]).fit(X, y),
      error: DataError,
      message: /^fit: expected a compiled model, got a model without compile\(\)\. Call model\.compile/,
    },
    {
      name: 'evaluate before compile',
      run: () => new Sequential([new Dense({ units: 2 })]).evaluate(X, y),
      error: DataError,
      message: /^evaluate: expected a compiled model/,
    },
  ]);
});

describe('fit: data', () => {
  refuses([
    {
      name: 'empty X',
      run: () => compiled().fit([], []),
      error: ShapeError,
      message: /^X: expected at least 1 row, got an empty array\.$/,
    },
    {
      name: 'ragged X',
      run: () => compiled().fit([[0, 1], [1]], [0, 1]),
      error: ShapeError,
      message: /^X: expected 2 columns in every row \(as in row 0\), got 1 columns \(at row 1\)\.$/,
    },
    {
      name: 'NaN in X',
      run: () =>
        compiled().fit(
          [
            [0, 1],
            [Number.NaN, 0],
          ],
          [0, 1],
        ),
      error: DataError,
      message:
        /^X: expected finite numbers, got NaN \(at row 1, column 0\)\. Remove or impute missing values before training\.$/,
    },
    {
      name: 'a value that overflows float32',
      run: () => compiled().fit([[0, 1e39]], [0]),
      error: DataError,
      message: /^X: expected finite numbers, got Infinity \(at row 0, column 1\)/,
    },
    {
      name: 'a string in X',
      run: () => compiled().fit([[0, '1' as never]], [0]),
      error: DataError,
      message: /^X: expected a number, got the string "1" \(at row 0, column 1\)\.$/,
    },
    {
      name: 'X of the wrong width for the built model',
      run: () => built().fit([[0, 1, 2]], [0]),
      error: ShapeError,
      message: /^X: expected 2 features per row \(the model was built for 2 inputs\), got 3 columns\.$/,
    },
    {
      name: 'fewer labels than rows',
      run: () => compiled().fit(X, [0, 1]),
      error: ShapeError,
      message: /^y: expected 4 labels \(one per row of X\), got 2 labels\.$/,
    },
    {
      name: 'a label out of range (2 outputs)',
      run: () => compiled().fit(X, [0, 1, 2, 0]),
      error: LabelError,
      message: /^y: expected integers in \[0, 2\), got 2 \(at row 2\)\.$/,
    },
    {
      name: 'a fractional label',
      run: () => compiled().fit(X, [0, 1, 0.5, 0]),
      error: LabelError,
      message: /^y: expected integers in \[0, 2\), got 0\.5 \(at row 2\)\.$/,
    },
    {
      name: 'a negative label',
      run: () => compiled().fit(X, [0, -1, 1, 0]),
      error: LabelError,
      message: /got -1 \(at row 1\)/,
    },
    {
      name: 'labels as strings',
      run: () => compiled().fit(X, ['0', '1', '1', '0'] as never),
      error: LabelError,
      message: /got the string "0" \(at row 0\)/,
    },
    {
      name: 'one-hot rows for a sparse loss',
      run: () =>
        compiled().fit(X, [
          [1, 0],
          [0, 1],
          [0, 1],
          [1, 0],
        ] as never),
      error: ShapeError,
      message: /^y: expected labels of shape \(N,\) or \(N, 1\), got a row of 2 values \(at row 0\)\./,
    },
    {
      name: 'integer labels for the categorical loss',
      run: () => compiled('categorical_crossentropy').fit(X, [[0], [1], [1], [0]]),
      error: ShapeError,
      message:
        /^y: expected one-hot targets of shape \(4, 2\) .*, got shape \(4, 1\)\. These look like integer labels: use the sparse_categorical_crossentropy loss\.$/,
    },
    {
      name: 'targets that are not one-hot for the categorical loss',
      run: () =>
        compiled('categorical_crossentropy').fit(X, [
          [1, 0],
          [0, 1],
          [1, 1],
          [1, 0],
        ]),
      error: LabelError,
      message: /^y: expected one-hot rows .*, got 2 entries equal to 1 \(at row 2\)\./,
    },
    {
      name: 'validationData of the wrong width',
      run: () => compiled().fit(X, y, { validationData: [[[1, 2, 3]], [0]], verbose: 0 }),
      error: ShapeError,
      message: /^validationData X: expected 2 features per row/,
    },
    {
      name: 'validationData with a bad label',
      run: () => compiled().fit(X, y, { validationData: [[[1, 2]], [7]], verbose: 0 }),
      error: LabelError,
      message: /^validationData y: expected integers in \[0, 2\), got 7 \(at row 0\)\.$/,
    },
    {
      name: 'validationData that is not a pair',
      run: () => compiled().fit(X, y, { validationData: [X] as never, verbose: 0 }),
      error: DataError,
      message: /^fit validationData: expected \[Xval, yval\], got an array of length 1\.$/,
    },
  ]);
});

describe('fit: options', () => {
  const options: [string, Record<string, unknown>, typeof DataError, RegExp][] = [
    ['epochs -1', { epochs: -1 }, DataError, /^fit epochs: expected an integer >= 0, got -1\.$/],
    ['epochs 2.5', { epochs: 2.5 }, DataError, /^fit epochs: expected an integer >= 0, got 2\.5\.$/],
    ['epochs "10"', { epochs: '10' }, DataError, /got the string "10"/],
    ['epochs NaN', { epochs: Number.NaN }, DataError, /got NaN/],
    ['epochs Infinity', { epochs: Number.POSITIVE_INFINITY }, DataError, /got Infinity/],
    ['batchSize 0', { batchSize: 0 }, DataError, /^fit batchSize: expected an integer >= 1, got 0\.$/],
    ['batchSize -32', { batchSize: -32 }, DataError, /got -32/],
    ['batchSize 1.5', { batchSize: 1.5 }, DataError, /got 1\.5/],
    ['batchSize null', { batchSize: null }, DataError, /got null/],
    [
      'validationSplit 1',
      { validationSplit: 1 },
      DataError,
      /^fit validationSplit: expected a fraction in \(0, 1\), got 1\.$/,
    ],
    ['validationSplit -0.2', { validationSplit: -0.2 }, DataError, /got -0\.2/],
    ['validationSplit 1.5', { validationSplit: 1.5 }, DataError, /got 1\.5/],
    ['validationSplit NaN', { validationSplit: Number.NaN }, DataError, /got NaN/],
    ['validationSplit "0.2"', { validationSplit: '0.2' }, DataError, /got the string "0\.2"/],
    [
      'validationSplit that leaves no training row',
      { validationSplit: 0.9 },
      DataError,
      /^fit validationSplit: expected a split that leaves at least one training row and one validation row, got 0\.9 of 4 rows \(0 for training\)\.$/,
    ],
    [
      'shuffle "yes"',
      { shuffle: 'yes' },
      DataError,
      /^fit shuffle: expected true or false, got the string "yes"\.$/,
    ],
    ['verbose 3', { verbose: 3 }, DataError, /^fit verbose: expected 0, 1, 2 or 'auto', got 3\.$/],
    [
      'initialEpoch -1',
      { initialEpoch: -1 },
      DataError,
      /^fit initialEpoch: expected an integer >= 0, got -1\.$/,
    ],
    ['initialEpoch "1"', { initialEpoch: '1' }, DataError, /got the string "1"/],
    [
      'the Python name validation_split',
      { validation_split: 0.2 },
      DataError,
      /^fit options: expected only epochs, batchSize, .*, got the unknown option "validation_split"\. Did you mean validationSplit\?$/,
    ],
    ['a misspelt key (epoch)', { epoch: 10 }, DataError, /got the unknown option "epoch"/],
    [
      'classWeight (not supported)',
      { classWeight: { 0: 1 } },
      DataError,
      /got the unknown option "classWeight"/,
    ],
    [
      'a callback that is not an object',
      { callbacks: [5] },
      DataError,
      /^fit callbacks: expected callback objects \(e\.g\. new EarlyStopping\(\)\), got 5 \(at callbacks\[0\]\)\.$/,
    ],
    [
      'a callback hook that is not a function',
      { callbacks: { onEpochEnd: 'log' } },
      DataError,
      /^fit callbacks onEpochEnd: expected a function, got the string "log"\.$/,
    ],
    [
      'an output without write()',
      { output: {} },
      DataError,
      /^fit output: expected a stream or an object with a write\(text\) method, got an object \(Object\)\.$/,
    ],
  ];
  refuses(
    options.map(([name, extra, error, message]) => ({
      name,
      run: () => compiled().fit(X, y, { verbose: 0, ...extra } as never),
      error,
      message,
    })),
  );
  refuses([
    {
      name: 'options that are not an object',
      run: () => compiled().fit(X, y, 10 as never),
      error: DataError,
      message: /^fit options: expected an object like \{ epochs: 10 \}, got 10\.$/,
    },
  ]);

  it('runs no epoch for epochs 0 (Keras semantics) and leaves the weights as they were', async () => {
    const model = built();
    const before = model.getWeights();
    const history = await model.fit(X, y, { epochs: 0, verbose: 0 });
    expect(history.epoch).toEqual([]);
    expect(model.getWeights()).toEqual(before);
  });

  it('caps a batchSize of 1e9 at the number of rows (one step per epoch, no huge buffers)', async () => {
    const model = compiled();
    const history = await model.fit(X, y, { batchSize: 1e9, epochs: 1, verbose: 0 });
    expect(history.params.steps).toBe(1);
    expect(history.history.loss).toHaveLength(1);
  });

  it('treats validationSplit 0 as no validation (Keras semantics)', async () => {
    const history = await compiled().fit(X, y, { validationSplit: 0, verbose: 0 });
    expect(Object.keys(history.history).sort()).toEqual(['accuracy', 'loss']);
  });
});

describe('fit, evaluate and trainOnBatch: batches too large for the kernels’ memory', () => {
  // A layer of 2^21 units is within the weight budget (2 x 2^21 + 2^21 weights), but a batch of 32 rows of it
  // needs 32 x (2 + 2^21 + 2) activation values, more than MAX_BATCH_VALUES.
  function wide() {
    const model = new Sequential([new Dense({ units: 2 ** 21, name: 'wide' }), new Dense({ units: 2 })], {
      seed: 0,
    });
    model.compile({ optimizer: 'sgd', loss: new SparseCategoricalCrossentropy({ fromLogits: true }) });
    return model;
  }
  const rows = Array.from({ length: 64 }, (_, i) => [i % 2, 1]);
  const labels = rows.map((r) => r[0]!);

  refuses([
    {
      name: 'fit with batchSize 32',
      run: () => wide().fit(rows, labels, { batchSize: 32, verbose: 0 }),
      error: DataError,
      message:
        /^fit batchSize: expected at most 33554432 activation values per batch \(rows x the sum of the layer widths\), got 32 rows x 2097156 = 67108992\. Use a batch size of at most 15\.$/,
    },
    {
      name: 'evaluate with batchSize 64',
      run: () => wide().evaluate(rows, labels, { batchSize: 64 }),
      error: DataError,
      message:
        /^evaluate batchSize: expected at most 33554432 activation values per batch .*, got 64 rows x 2097156/,
    },
    {
      name: 'trainOnBatch with 64 rows',
      run: () => wide().trainOnBatch(rows, labels),
      error: DataError,
      message: /^trainOnBatch X: expected at most 33554432 activation values per batch/,
    },
  ]);

  it('predict needs no batch size: it runs the wide model in passes that fit, with the same rows', () => {
    const model = wide();
    model.build(2);
    const all = model.predict(rows);
    const one = model.predict(rows.slice(0, 1), { batchSize: 1 });
    expect(all.rows).toBe(64);
    expect(Array.from(all.row(0))).toEqual(Array.from(one.row(0)));
    expect(() => model.predict(rows, { batch_size: 8 } as never)).toThrow(/Did you mean batchSize\?/);
  });

  it('accepts the batch size the message suggests', async () => {
    expect(MAX_BATCH_VALUES).toBe(2 ** 25);
    const model = wide();
    const history = await model.fit(rows.slice(0, 15), labels.slice(0, 15), { batchSize: 15, verbose: 0 });
    expect(history.history.loss).toHaveLength(1);
  });
});

describe('evaluate, trainOnBatch, setWeights and summary', () => {
  refuses([
    {
      name: 'evaluate with batchSize 0',
      run: () => built().evaluate(X, y, { batchSize: 0 }),
      error: DataError,
      message: /^evaluate batchSize: expected an integer >= 1, got 0\.$/,
    },
    {
      name: 'evaluate with verbose 2',
      run: () => built().evaluate(X, y, { verbose: 2 as never }),
      error: DataError,
      message: /^evaluate verbose: expected 0 or 1, got 2\.$/,
    },
    {
      name: 'evaluate with returnDict "yes"',
      run: () => built().evaluate(X, y, { returnDict: 'yes' as never }),
      error: DataError,
      message: /^evaluate returnDict: expected true or false, got the string "yes"\.$/,
    },
    {
      name: 'evaluate with an unknown option',
      run: () => built().evaluate(X, y, { batch_size: 8 } as never),
      error: DataError,
      message: /^evaluate options: .*, got the unknown option "batch_size"\. Did you mean batchSize\?$/,
    },
    {
      name: 'evaluate with labels out of range',
      run: () => built().evaluate(X, [0, 1, 5, 0]),
      error: LabelError,
      message: /^y: expected integers in \[0, 2\), got 5 \(at row 2\)\.$/,
    },
    {
      name: 'evaluate with Infinity in X',
      run: () => built().evaluate([[0, Number.POSITIVE_INFINITY]], [0]),
      error: DataError,
      message: /^X: expected finite numbers, got Infinity \(at row 0, column 1\)/,
    },
    {
      name: 'trainOnBatch with an unknown option',
      run: () => built().trainOnBatch(X, y, { reset_metrics: true } as never),
      error: DataError,
      message: /^trainOnBatch options: expected only returnDict, got the unknown option "reset_metrics"\.$/,
    },
    {
      name: 'trainOnBatch with mismatched labels',
      run: () => built().trainOnBatch(X, [0]),
      error: ShapeError,
      message: /^y: expected 4 labels \(one per row of X\), got 1 labels\.$/,
    },
    {
      name: 'setWeights with too few arrays',
      run: () => built().setWeights([]),
      error: ShapeError,
      message:
        /^setWeights: expected 4 arrays \(\w+\/kernel, \w+\/bias, \w+\/kernel, \w+\/bias\), got 0 arrays\.$/,
    },
    {
      name: 'setWeights with a kernel of the wrong shape',
      run: () => {
        const model = built();
        const w = model.getWeights();
        w[0] = [[1, 2]] as never;
        model.setWeights(w);
      },
      error: ShapeError,
      message: /^setWeights \w+\/kernel: expected shape \(2, 3\), got shape \(1, 2\)\.$/,
    },
    {
      name: 'setWeights with a NaN bias',
      run: () => {
        const model = built();
        const w = model.getWeights();
        w[1] = [0, Number.NaN, 0] as never;
        model.setWeights(w);
      },
      error: DataError,
      message: /^setWeights \w+\/bias: expected finite numbers, got NaN \(at index 1\)\.$/,
    },
    {
      name: 'setWeights with a 2-D bias',
      run: () => {
        const model = built();
        const w = model.getWeights();
        w[1] = [[0, 0, 0]] as never;
        model.setWeights(w);
      },
      error: ShapeError,
      message: /^setWeights \w+\/bias: expected a vector of shape \(3,\), got a 2-D array\.$/,
    },
    {
      name: 'setWeights with a string entry',
      run: () => {
        const model = built();
        const w = model.getWeights();
        w[3] = [0, 'x'] as never;
        model.setWeights(w);
      },
      error: DataError,
      message: /^setWeights \w+\/bias: expected a number, got the string "x" \(at index 1\)\.$/,
    },
    {
      name: 'setWeights with a negative Normalization variance',
      run: () => {
        const model = new Sequential([new Normalization({ name: 'norm' }), new Dense({ units: 2 })]);
        model.build(2);
        const w = model.getWeights();
        w[1] = [1, -0.5] as never;
        model.setWeights(w);
      },
      error: DataError,
      message: /^setWeights norm\/variance: expected finite numbers >= 0, got -0\.5 \(at index 1\)\.$/,
    },
    {
      name: 'summary with print: "no"',
      run: () => built().summary({ print: 'no' as never }),
      error: DataError,
      message: /^summary print: expected true or false, got the string "no"\.$/,
    },
    {
      name: 'summary with an output that cannot be written to',
      run: () => built().summary({ output: 'stdout' as never }),
      error: DataError,
      message:
        /^summary output: expected a stream or an object with a write\(text\) method, got the string "stdout"\.$/,
    },
    {
      name: 'outputDim of a model without layers',
      run: () => new Sequential().outputDim,
      error: ShapeError,
      message: /^Sequential: expected at least one layer, got no layers\.$/,
    },
  ]);

  it('still prints a summary with a valid sink', () => {
    const out: string[] = [];
    built().summary({ output: { write: (s: string) => out.push(s) } });
    expect(out.join('')).toContain('Total params: 17');
  });
});

describe('optimizers and EarlyStopping', () => {
  refuses([
    ...(
      [
        ['Adam', (o: unknown) => new Adam(o as number)],
        ['SGD', (o: unknown) => new SGD(o as number)],
        ['RMSprop', (o: unknown) => new RMSprop(o as number)],
      ] as [string, (o: unknown) => unknown][]
    ).flatMap(([name, make]) => [
      {
        name: `${name} with learning rate 0`,
        run: () => make(0),
        error: DataError,
        message: new RegExp(`^${name}\\.learningRate: expected a finite number > 0, got 0\\.$`),
      },
      {
        name: `${name} with a negative learning rate`,
        run: () => make({ learningRate: -0.1 }),
        error: DataError,
        message: new RegExp(`^${name}\\.learningRate: expected a finite number > 0, got -0\\.1\\.$`),
      },
      {
        name: `${name} with learning rate NaN`,
        run: () => make(Number.NaN),
        error: DataError,
        message: /got NaN/,
      },
      {
        name: `${name} with learning rate Infinity`,
        run: () => make(Number.POSITIVE_INFINITY),
        error: DataError,
        message: /got Infinity/,
      },
      {
        name: `${name} with the Keras 2 name lr`,
        run: () => make({ lr: 0.01 }),
        error: DataError,
        message: new RegExp(
          `^${name} options: expected only learningRate, .*, got the unknown option "lr"\\.$`,
        ),
      },
      {
        name: `${name} with the Python name learning_rate`,
        run: () => make({ learning_rate: 0.01 }),
        error: DataError,
        message: /got the unknown option "learning_rate"\. Did you mean learningRate\?$/,
      },
      {
        name: `${name} with a string`,
        run: () => make('0.01'),
        error: DataError,
        message: new RegExp(
          `^${name} options: expected a learning rate or an options object, got the string "0\\.01"\\.$`,
        ),
      },
    ]),
    {
      name: 'Adam with beta1 = 1',
      run: () => new Adam({ beta1: 1 }),
      error: DataError,
      message: /^Adam\.beta1: expected a number in \[0, 1\), got 1\.$/,
    },
    {
      name: 'Adam with a negative epsilon',
      run: () => new Adam({ epsilon: -1e-7 }),
      error: DataError,
      message: /^Adam\.epsilon: expected a finite number >= 0, got -1e-7\.$/,
    },
    {
      name: 'Adam with amsgrad "true"',
      run: () => new Adam({ amsgrad: 'true' as never }),
      error: DataError,
      message: /^Adam\.amsgrad: expected true or false, got the string "true"\.$/,
    },
    {
      name: 'SGD with momentum -0.5',
      run: () => new SGD({ momentum: -0.5 }),
      error: DataError,
      message: /^SGD\.momentum: expected a number in \[0, 1\), got -0\.5\.$/,
    },
    {
      name: 'SGD with nesterov 1',
      run: () => new SGD({ nesterov: 1 as never }),
      error: DataError,
      message: /^SGD\.nesterov: expected true or false, got 1\.$/,
    },
    {
      name: 'RMSprop with rho 1.5',
      run: () => new RMSprop({ rho: 1.5 }),
      error: DataError,
      message: /^RMSprop\.rho: expected a number in \[0, 1\), got 1\.5\.$/,
    },
    {
      name: 'RMSprop with centered "no"',
      run: () => new RMSprop({ centered: 'no' as never }),
      error: DataError,
      message: /^RMSprop\.centered: expected true or false, got the string "no"\.$/,
    },
    {
      name: 'getOptimizer with an object that is not an optimizer',
      run: () => getOptimizer({ name: 'adam' } as never),
      error: DataError,
      message:
        /^optimizer: expected an optimizer name or object \(new Adam\(0\.001\)\), got an object \(Object\)\.$/,
    },
    {
      name: 'getOptimizer("constructor")',
      run: () => getOptimizer('constructor'),
      error: DataError,
      message: /got "constructor"/,
    },
    {
      name: 'EarlyStopping with patience -1',
      run: () => new EarlyStopping({ patience: -1 }),
      error: DataError,
      message: /^EarlyStopping\.patience: expected an integer >= 0, got -1\.$/,
    },
    {
      name: 'EarlyStopping with patience "3"',
      run: () => new EarlyStopping({ patience: '3' as never }),
      error: DataError,
      message: /got the string "3"/,
    },
    {
      name: 'EarlyStopping with mode "lowest"',
      run: () => new EarlyStopping({ mode: 'lowest' as never }),
      error: DataError,
      message: /^EarlyStopping\.mode: expected 'auto', 'min' or 'max', got the string "lowest"\.$/,
    },
    {
      name: 'EarlyStopping with minDelta NaN',
      run: () => new EarlyStopping({ minDelta: Number.NaN }),
      error: DataError,
      message: /^EarlyStopping\.minDelta: expected a finite number, got NaN\.$/,
    },
    {
      name: 'EarlyStopping monitoring a number',
      run: () => new EarlyStopping({ monitor: 1 as never }),
      error: DataError,
      message: /^EarlyStopping\.monitor: expected a metric name such as 'val_loss', got 1\.$/,
    },
    {
      name: 'EarlyStopping with baseline "0.5"',
      run: () => new EarlyStopping({ baseline: '0.5' as never }),
      error: DataError,
      message: /^EarlyStopping\.baseline: expected a number, got the string "0\.5"\.$/,
    },
    {
      name: 'EarlyStopping with restoreBestWeights 1',
      run: () => new EarlyStopping({ restoreBestWeights: 1 as never }),
      error: DataError,
      message: /^EarlyStopping\.restoreBestWeights: expected true or false, got 1\.$/,
    },
    {
      name: 'EarlyStopping with startFromEpoch 1.5',
      run: () => new EarlyStopping({ startFromEpoch: 1.5 }),
      error: DataError,
      message: /^EarlyStopping\.startFromEpoch: expected an integer >= 0, got 1\.5\.$/,
    },
    {
      name: 'EarlyStopping with the Python name min_delta',
      run: () => new EarlyStopping({ min_delta: 0.1 } as never),
      error: DataError,
      message: /got the unknown option "min_delta"\. Did you mean minDelta\?$/,
    },
  ]);
});
