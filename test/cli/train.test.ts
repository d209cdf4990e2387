/**
 * `softmax-lab train`, in-process: the model it saves is the one the API trains with the same settings
 * (bit for bit), the held-out split is trainTestSplit's, and bad flags or files give one line and exit 2.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparseCategoricalCrossentropy } from '../../src/core/losses/index.js';
import { trainTestSplit } from '../../src/data/train-test-split.js';
import { loadModel } from '../../src/io/load-model.js';
import { readCsv } from '../../src/io/read-csv.js';
import { Dense } from '../../src/model/dense.js';
import { Normalization } from '../../src/model/normalization.js';
import { Adam } from '../../src/model/optimizers/adam.js';
import { Sequential } from '../../src/model/sequential.js';
import { sameBits } from '../helpers/lab-model.js';
import { runCli } from './cli-harness.js';

const digits = new URL('../../data/digits.csv', import.meta.url).pathname;
const npy = new URL('../fixtures/npy/', import.meta.url).pathname;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'softmax-lab-train-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('softmax-lab train', () => {
  it('trains, shows the summary and the progress bar, and saves what the API trains with the same settings', async () => {
    const out = join(dir, 'digits');
    const testOut = join(dir, 'test.csv');
    const args = ['train', '--data', digits, '--label-column', 'label', '--hidden', '16', '--epochs', '3'];
    const run = await runCli([
      ...args,
      '--test-size',
      '0.2',
      '--seed',
      '7',
      '--test-out',
      testOut,
      '--out',
      out,
    ]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^Held out 360 of 1797 rows/);
    expect(run.out).toContain('Total params: 1,210');
    expect(run.out).toMatch(/Epoch 3\/3\n45\/45 \[=+\] - .* - loss: \d\.\d{4} - accuracy: 0\.\d{4}\n/);
    expect(run.out).toMatch(/Final \(epoch 3\): loss: \d\.\d{4} - accuracy: 0\.\d{4}\n/);
    expect(run.out).toMatch(/Held-out test \(360 rows\): loss: \d\.\d{4} - accuracy: 0\.\d{4}\n/);

    const { X, y } = await readCsv(digits, { labelColumn: 'label' });
    const split = trainTestSplit(X, y!, { testSize: 0.2, seed: 7, stratify: true });
    const api = new Sequential([new Dense({ units: 16, activation: 'relu' }), new Dense({ units: 10 })], {
      seed: 7,
    });
    api.compile({
      loss: new SparseCategoricalCrossentropy({ fromLogits: true }),
      optimizer: new Adam(0.001),
      metrics: ['accuracy'],
    });
    await api.fit(split.XTrain, split.yTrain, { epochs: 3, verbose: 0 });
    const saved = await loadModel(out);
    expect(sameBits(saved.predict(split.XTest).data, api.predict(split.XTest).data)).toBe(true);

    const held = await readCsv(testOut, { labelColumn: 'label' });
    expect(held.X.data).toEqual(split.XTest.data);
    expect(held.y).toEqual(split.yTest);
  });

  it('--resume continues a saved model exactly: 2 epochs + 3 resumed = 5 epochs in one run, bit for bit', async () => {
    const base = ['train', '--data', digits, '--label-column', 'label', '--hidden', '16', '--normalize'];
    const split = ['--test-size', '0.2', '--seed', '3'];
    const straight = join(dir, 'straight');
    expect((await runCli([...base, ...split, '--epochs', '5', '--out', straight])).code).toBe(0);
    const ckpt = join(dir, 'checkpoint');
    expect((await runCli([...base, ...split, '--epochs', '2', '--out', ckpt])).code).toBe(0);
    const again = ['train', '--data', digits, '--label-column', 'label', ...split];
    const run = await runCli([...again, '--epochs', '3', '--resume', ckpt, '--out', ckpt]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Resuming the model in .*checkpoint after epoch 2 \(90 optimizer steps\)\./);
    expect(run.out).toMatch(/Epoch 3\/5\n/);
    expect(run.out).not.toMatch(/Epoch 1\/|Epoch 2\//);
    expect(run.out).toMatch(/Final \(epoch 5\): loss: \d\.\d{4}/);
    const [a, b] = [await loadModel(straight), await loadModel(ckpt)];
    expect(b.compileConfig!.optimizer.iterations).toBe(225);
    expect(b.completedEpochs).toBe(5);
    const bitsOf = (m: Sequential) =>
      m.params().map((p) => Array.from(new Uint32Array(p.value.slice().buffer)));
    expect(bitsOf(b)).toEqual(bitsOf(a));
  });

  it('--resume refuses flags that would redefine the model, a model without training state and wrong data', async () => {
    const ckpt = join(dir, 'small');
    const base = ['train', '--data', digits, '--label-column', 'label', '--hidden', '4', '--epochs', '1'];
    expect((await runCli([...base, '--out', ckpt])).code).toBe(0);
    const clash = await runCli([...base, '--resume', ckpt, '--out', ckpt]);
    expect(clash.code).toBe(2);
    expect(clash.err).toMatch(/--hidden cannot be combined with --resume/);
    const missing = await runCli([
      'train',
      '--data',
      digits,
      '--label-column',
      'label',
      '--resume',
      join(dir, 'none'),
      '--out',
      ckpt,
    ]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/none.*model\.json/);
    const narrow = join(dir, 'narrow.csv');
    await writeFile(narrow, 'a,b,label\n1,2,0\n3,4,1\n');
    const wide = await runCli(['train', '--data', narrow, '--resume', ckpt, '--out', ckpt]);
    expect(wide.code).toBe(2);
    expect(wide.err).toMatch(
      /narrow\.csv: expected 64 feature columns \(the model's input width\), got 2 columns/,
    );
    for (const run of [clash, missing, wide]) expect(run.err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('starts with an adapted Normalization layer with --normalize and takes the last CSV column by default', async () => {
    const out = join(dir, 'normalized');
    const run = await runCli([
      'train',
      '--data',
      digits,
      '--epochs',
      '1',
      '--hidden',
      '0',
      '--normalize',
      '--seed',
      '1',
      '--out',
      out,
    ]);
    expect(run.code).toBe(0);
    expect(run.out).toContain('Non-trainable params: 128');
    const model = await loadModel(out);
    expect(model.layers.map((l) => l.className)).toEqual(['Normalization', 'Dense']);
    const { X } = await readCsv(digits, { labelColumn: 'label' });
    const norm = new Normalization();
    norm.adapt(X);
    expect(sameBits((model.layers[0] as Normalization).mean, norm.mean)).toBe(true);
  });

  it('reads NumPy data: an .npz with X and y', async () => {
    const out = join(dir, 'npz');
    const run = await runCli([
      'train',
      '--data',
      `${npy}xy_stored.npz`,
      '--epochs',
      '1',
      '--hidden',
      '4',
      '--out',
      out,
    ]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect((await loadModel(out)).outputDim).toBe(3);
    expect(JSON.parse(await readFile(join(out, 'model.json'), 'utf8')).format).toBe('layers-model');
  });

  it('refuses bad flags in one line that points to --help, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--data', digits], /--out DIR \(where to save the model\) is required/],
      [['--data', digits, '--out', dir, '--hidden', '25,x'], /--hidden expects comma-separated numbers/],
      [
        ['--data', digits, '--out', dir, '--activation', 'softmax'],
        /--activation expects relu, sigmoid, tanh or linear/,
      ],
      [
        ['--data', digits, '--out', dir, '--optimizer', 'adagrad'],
        /--optimizer expects adam, sgd or rmsprop/,
      ],
      [
        ['--data', digits, '--out', dir, '--test-size', '1.5'],
        /--test-size expects a number between 0 and 1/,
      ],
      [['--data', digits, '--out', dir, '--test-out', 'x.csv'], /--test-out needs --test-size/],
      [['--data', digits, '--out', dir, '--labels', 'y.npy', '--label-column', 'label'], /either --labels/],
      [['--data', `${npy}f8_3x4.npy`, '--out', dir], /train needs labels/],
      [['--data', digits, '--out', dir, '--bogus'], /Unknown option '--bogus'/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(['train', ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.err.trimEnd().split('\n')).toHaveLength(1);
      expect(run.err).toMatch(message);
      expect(run.err).toMatch(/ See softmax-lab train --help\.\n$/);
    }
  });

  it('reports a bad data file in one line, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['--data', join(dir, 'missing.csv')],
        /missing\.csv: expected a readable CSV file, got no such file\.\n/,
      ],
      [['--data', digits, '--label-column', 'digit'], /expected a column named "digit"/],
      [
        ['--data', `${npy}f8_3x4.npy`, '--labels', `${npy}i8_labels_6.npy`],
        /expected 3 labels \(one per row of the features\), got 6 labels/,
      ],
      [['--data', `${npy}fortran_3x4.npy`, '--labels', `${npy}i8_labels_6.npy`], /fortran_order: True/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(['train', ...args, '--out', join(dir, 'never')]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.err.trimEnd().split('\n')).toHaveLength(1);
      expect(run.err).toMatch(message);
    }
  });

  it('prints its help with --help', async () => {
    const run = await runCli(['train', '--help']);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^Usage: softmax-lab train --data FILE/);
    expect(run.out).toContain('--test-size F');
  });
});
