import { beforeEach, describe, expect, it } from 'vitest';
import { DataError, LabelError, ShapeError, TrainingDivergedError } from '../../src/core/errors.js';
import { CategoricalCrossentropy, SparseCategoricalCrossentropy } from '../../src/core/losses/index.js';
import { Matrix } from '../../src/core/matrix.js';
import { RandomState } from '../../src/core/random/random-state.js';
import { softmax } from '../../src/core/softmax.js';
import { Dense } from '../../src/model/dense.js';
import { clearSession } from '../../src/model/naming.js';
import { Adam } from '../../src/model/optimizers/adam.js';
import { SGD } from '../../src/model/optimizers/sgd.js';
import { Sequential } from '../../src/model/sequential.js';
import { readFixture } from '../helpers/fixtures.js';

const blobs = readFixture<{ X: number[][]; y: number[] }>('reference/blobs_lab.json');
const X = Matrix.from(blobs.X, 'float32');
const y = Int32Array.from(blobs.y);

function labModel(head: 'linear' | 'softmax', seed = 1234): Sequential {
  const model = new Sequential(
    [
      new Dense({ units: 25, activation: 'relu' }),
      new Dense({ units: 15, activation: 'relu' }),
      new Dense({ units: 4, activation: head }),
    ],
    { seed },
  );
  model.compile({
    loss: new SparseCategoricalCrossentropy({ fromLogits: head === 'linear' }),
    optimizer: new Adam(0.001),
    metrics: ['accuracy'],
  });
  return model;
}

function flatWeights(model: Sequential): number[] {
  return model.getWeights().flatMap((w) => Array.from(w instanceof Matrix ? w.data : w));
}

class Capture {
  text = '';
  isTTY = false;
  write(s: string) {
    this.text += s;
    return true;
  }
}

describe('the lab, trained as the lab does it (seed 1234, shuffled, 10 epochs)', () => {
  it.each([['softmax'], ['linear']] as const)(
    'the %s-headed model reaches >= 0.95 training accuracy',
    async (head) => {
      const model = labModel(head);
      const history = await model.fit(X, y, { epochs: 10, verbose: 0 });
      expect(history.epoch).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(history.history.loss!.length).toBe(10);
      expect(history.history.loss![9]!).toBeLessThan(history.history.loss![0]!);
      expect(history.history.accuracy![9]!).toBeGreaterThanOrEqual(0.95);
      const evaluated = model.evaluate(X, y, { returnDict: true });
      expect(evaluated.accuracy).toBeGreaterThanOrEqual(0.95);
    },
  );
});

describe('seeding and shuffling', () => {
  it('the same seed gives bit-identical weights; another seed does not', async () => {
    const a = labModel('linear', 7);
    const b = labModel('linear', 7);
    const c = labModel('linear', 8);
    for (const m of [a, b, c]) await m.fit(X, y, { epochs: 2, verbose: 0 });
    expect(flatWeights(a)).toEqual(flatWeights(b));
    expect(flatWeights(a)).not.toEqual(flatWeights(c));
  });

  it("each epoch's order is permutation(nTrain) drawn from the model's RandomState after the initial weights", async () => {
    const a = labModel('linear', 99);
    a.build(2);
    const perm = a.randomState.clone().permutation(2000);
    const b = labModel('linear', 99);
    b.setWeights(a.getWeights());
    await a.fit(X, y, { epochs: 1, batchSize: 500, verbose: 0 });
    for (let s = 0; s < 4; s++) {
      const idx = Array.from(perm.subarray(s * 500, (s + 1) * 500));
      b.trainOnBatch(
        idx.map((i) => Array.from(X.row(i))),
        idx.map((i) => y[i]!),
      );
    }
    expect(flatWeights(b)).toEqual(flatWeights(a));
  });

  it('validationSplit holds out the last rows before shuffling and reports val_loss on them', async () => {
    const a = labModel('linear', 5);
    const history = await a.fit(X, y, { epochs: 1, validationSplit: 0.25, verbose: 0 });
    expect(Object.keys(history.history)).toEqual(['loss', 'accuracy', 'val_loss', 'val_accuracy']);
    expect(history.params.samples).toBe(1500);
    expect(history.params.steps).toBe(47);
    const tail = a.evaluate(X.sliceRows(1500, 2000), y.subarray(1500), { returnDict: true });
    expect(history.history.val_loss![0]).toBe(tail.loss);
    expect(history.history.val_accuracy![0]).toBe(tail.accuracy);
    // Training saw only the first 1500 rows: the same run on them alone gives the same weights.
    const b = labModel('linear', 5);
    await b.fit(X.sliceRows(0, 1500), y.subarray(0, 1500), { epochs: 1, verbose: 0 });
    expect(flatWeights(b)).toEqual(flatWeights(a));
  });

  it('validationData is evaluated at each epoch end', async () => {
    const m = labModel('linear', 5);
    const h = await m.fit(X.sliceRows(0, 1000), y.subarray(0, 1000), {
      epochs: 2,
      validationData: [X.sliceRows(1000, 1200), y.subarray(1000, 1200)],
      verbose: 0,
    });
    expect(h.history.val_loss!.length).toBe(2);
    expect(h.history.val_loss![1]).toBe(
      m.evaluate(X.sliceRows(1000, 1200), y.subarray(1000, 1200), { returnDict: true }).loss,
    );
  });
});

describe('predict and evaluate', () => {
  it('predict gives the same rows whatever the batch size, and softmax of the logits gives probabilities', () => {
    const m = labModel('linear');
    const a = m.predict(X, { batchSize: 7 });
    const b = m.predict(X);
    expect(a.rows).toBe(2000);
    expect(a.cols).toBe(4);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    const p = softmax(a);
    for (let i = 0; i < 5; i++) expect(Math.abs(p.row(i).reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-6);
  });

  it('evaluate returns the loss alone without metrics, [loss, acc] with them', () => {
    const plain = new Sequential([new Dense({ units: 4 })], { seed: 1 });
    plain.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy' });
    expect(typeof plain.evaluate(X, y)).toBe('number');
    const m = labModel('softmax');
    const r = m.evaluate(X, y) as number[];
    expect(r.length).toBe(2);
  });

  it('accepts the Keras strings in compile', async () => {
    const m = new Sequential(
      [new Dense({ units: 8, activation: 'relu' }), new Dense({ units: 4, activation: 'softmax' })],
      { seed: 3 },
    );
    m.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    const h = await m.fit(X, y, { epochs: 1, verbose: 0 });
    expect(h.history.accuracy).toBeDefined();
    expect(() => m.compile({ optimizer: 'adamw', loss: 'sparse_categorical_crossentropy' })).toThrow(
      'optimizer: expected one of adam, sgd, rmsprop or an optimizer object, got "adamw"',
    );
    expect(() => m.compile({ optimizer: 'adam', loss: 'mse' })).toThrow(DataError);
  });

  it('trains with one-hot targets and the categorical loss', async () => {
    const m = new Sequential([new Dense({ units: 4 })], { seed: 3 });
    m.compile({
      optimizer: new Adam(0.01),
      loss: new CategoricalCrossentropy({ fromLogits: true }),
      metrics: ['accuracy'],
    });
    const onehot = Array.from(y, (c) => [0, 1, 2, 3].map((j) => (j === c ? 1 : 0)));
    const h = await m.fit(X, onehot, { epochs: 2, verbose: 0 });
    expect(h.history.accuracy![1]!).toBeGreaterThan(0.5);
  });
});

describe('bad input gets a typed error that names expected and got', () => {
  it('fit before compile', async () => {
    const m = new Sequential([new Dense({ units: 4 })]);
    await expect(m.fit(X, y)).rejects.toThrow(
      /fit: expected a compiled model, got a model without compile\(\)/,
    );
  });

  it('wrong feature count for a built model', async () => {
    const m = labModel('linear');
    m.build(2);
    await expect(m.fit([[1, 2, 3]], [0], { verbose: 0 })).rejects.toThrow(
      'X: expected 2 features per row (the model was built for 2 inputs), got 3 columns.',
    );
    expect(() => m.predict([[1, 2, 3]])).toThrow(ShapeError);
  });

  it('X and y of different lengths', async () => {
    await expect(labModel('linear').fit(X, y.subarray(0, 10), { verbose: 0 })).rejects.toThrow(
      'y: expected 2000 labels (one per row of X), got 10 labels',
    );
  });

  it('labels outside the output width, fractional labels, NaN in X', async () => {
    const m = labModel('linear');
    await expect(
      m.fit(
        [
          [0, 0],
          [1, 1],
        ],
        [0, 4],
        { verbose: 0 },
      ),
    ).rejects.toThrow(LabelError);
    await expect(
      m.fit(
        [
          [0, 0],
          [1, 1],
        ],
        [0, 4],
        { verbose: 0 },
      ),
    ).rejects.toThrow(/row 1/);
    await expect(
      m.fit(
        [
          [0, 0],
          [1, 1],
        ],
        [0, 1.5],
        { verbose: 0 },
      ),
    ).rejects.toThrow(/1.5/);
    await expect(m.fit([[0, Number.NaN]], [0], { verbose: 0 })).rejects.toThrow(
      'X: expected finite numbers, got NaN (at row 0, column 1)',
    );
  });

  it('bad batch sizes, epochs and validation splits', async () => {
    const m = labModel('linear');
    await expect(m.fit(X, y, { batchSize: 0 })).rejects.toThrow(
      'fit batchSize: expected an integer >= 1, got 0',
    );
    await expect(m.fit(X, y, { epochs: -1 })).rejects.toThrow(/fit epochs: expected an integer >= 0, got -1/);
    await expect(m.fit(X, y, { validationSplit: 1.5 })).rejects.toThrow(
      /expected a fraction in \(0, 1\), got 1.5/,
    );
    await expect(m.fit([[0, 0]], [0], { validationSplit: 0.1, verbose: 0 })).rejects.toThrow(
      /at least one training row and one validation row/,
    );
  });

  it('categorical targets given as labels suggest the sparse loss', async () => {
    const m = new Sequential([new Dense({ units: 4 })], { seed: 1 });
    m.compile({ optimizer: 'adam', loss: 'categorical_crossentropy' });
    await expect(
      m.fit(
        X,
        Array.from(y, (v) => [v]),
        { verbose: 0 },
      ),
    ).rejects.toThrow(/use the sparse_categorical_crossentropy loss/);
  });

  it('setWeights with the wrong count or shape names the weight', () => {
    const m = labModel('linear');
    m.build(2);
    const w = m.getWeights();
    expect(() => m.setWeights(w.slice(0, 5))).toThrow(/setWeights: expected 6 arrays \(dense(_\d+)?\/kernel/);
    const bad = [...w];
    bad[2] = new Matrix(3, 3, new Float32Array(9));
    expect(() => m.setWeights(bad)).toThrow(/kernel: expected shape \(25, 15\), got shape \(3, 3\)/);
  });
});

describe('divergence', () => {
  it('stops with TrainingDivergedError and keeps the weights from before the failing step', async () => {
    const m = new Sequential([new Dense({ units: 25, activation: 'relu' }), new Dense({ units: 4 })], {
      seed: 2,
    });
    m.compile({ optimizer: new SGD(1e30), loss: new SparseCategoricalCrossentropy({ fromLogits: true }) });
    let before: number[] = [];
    m.build(2);
    before = flatWeights(m);
    const error = await m
      .fit(X, y, {
        epochs: 3,
        verbose: 0,
        callbacks: [
          {
            onBatchEnd: () => {
              before = flatWeights(m);
            },
          },
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingDivergedError);
    const e = error as TrainingDivergedError;
    expect(e.message).toMatch(/at epoch 1, batch \d+ of 63/);
    expect(e.message).toMatch(/smaller learning rate \(now 1e\+30\)/);
    const after = flatWeights(m);
    expect(after.every(Number.isFinite)).toBe(true);
    expect(after).toEqual(before);
  });
});

describe('console output', () => {
  beforeEach(() => clearSession());

  it("summary() is Keras 2's table for the lab model: Total params: 529", () => {
    const m = labModel('softmax');
    m.build(2);
    const out = new Capture();
    const text = m.summary({ output: out });
    expect(out.text).toBe(text);
    expect(text).toContain('Model: "sequential"');
    expect(text).toContain(' dense (Dense)               (None, 25)                75        \n');
    expect(text).toContain(' dense_2 (Dense)             (None, 4)                 64        \n');
    expect(text).toContain('Total params: 529\nTrainable params: 529\nNon-trainable params: 0\n');
  });

  it('verbose 1 off a terminal prints the Epoch line and one final Keras bar line per epoch', async () => {
    const m = labModel('linear');
    const out = new Capture();
    const h = await m.fit(X, y, { epochs: 2, verbose: 1, output: out });
    const lines = out.text.trimEnd().split('\n');
    expect(lines[0]).toBe('Epoch 1/2');
    expect(lines[1]).toMatch(
      /^63\/63 \[==============================\] - \d+s \d+(ms|us)\/step - loss: \d\.\d{4} - accuracy: \d\.\d{4}$/,
    );
    expect(lines[2]).toBe('Epoch 2/2');
    expect(lines.length).toBe(4);
    const shown = Number(/loss: (\d\.\d{4})/.exec(lines[3]!)![1]);
    expect(Math.abs(shown - h.history.loss![1]!)).toBeLessThanOrEqual(5e-5);
  });

  it('verbose 2 prints one line per epoch, verbose 0 nothing', async () => {
    const two = new Capture();
    await labModel('linear').fit(X, y, { epochs: 1, verbose: 2, output: two });
    expect(two.text).toMatch(
      /^63\/63 - \d+s - loss: \d\.\d{4} - accuracy: \d\.\d{4} - \d+(ms|us)\/epoch - \d+(ms|us)\/step\n$/,
    );
    const zero = new Capture();
    await labModel('linear').fit(X, y, { epochs: 1, verbose: 0, output: zero });
    expect(zero.text).toBe('');
  });
});

describe('callbacks', () => {
  it('are called in order, awaited, and can stop training', async () => {
    const calls: string[] = [];
    const m = labModel('linear');
    const h = await m.fit(X, y, {
      epochs: 5,
      verbose: 0,
      callbacks: {
        onTrainBegin: () => void calls.push('train'),
        onEpochBegin: (e) => void calls.push(`begin ${e}`),
        onBatchEnd: (b, logs) => {
          if (b === 62) calls.push(`batch ${b} ${logs.loss! > 0}`);
        },
        onEpochEnd: async (e) => {
          await new Promise((r) => setTimeout(r, 1));
          calls.push(`end ${e}`);
          if (e === 1) m.stopTraining = true;
        },
        onTrainEnd: () => void calls.push('done'),
      },
    });
    expect(calls).toEqual([
      'train',
      'begin 0',
      'batch 62 true',
      'end 0',
      'begin 1',
      'batch 62 true',
      'end 1',
      'done',
    ]);
    expect(h.epoch).toEqual([0, 1]);
  });

  it('initialEpoch resumes the epoch numbering', async () => {
    const m = labModel('linear');
    const h = await m.fit(X, y, { epochs: 3, initialEpoch: 2, verbose: 0 });
    expect(h.epoch).toEqual([2]);
  });
});

describe('RandomState stream ownership', () => {
  it('without a seed, two models differ', () => {
    const a = new Sequential([new Dense({ units: 3 })]);
    const b = new Sequential([new Dense({ units: 3 })]);
    a.build(2);
    b.build(2);
    expect(flatWeights(a)).not.toEqual(flatWeights(b));
    expect(new RandomState(0).randomSample()).toBe(0.5488135039273248);
  });
});
