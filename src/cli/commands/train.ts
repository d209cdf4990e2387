/**
 * `softmax-lab train`: trains a classifier on a CSV or NumPy data set with the lab's defaults (relu hidden
 * layers 25,15, a linear output layer trained from logits with sparse cross-entropy, Adam(0.001), batch 32),
 * shows Keras' summary and progress bar, reports the final metrics (and those of a held-out split), and
 * saves the model in the TF.js Layers format.
 *
 * @module
 */

import { describeValue, LabelError, ShapeError } from '../../core/errors.js';
import { SparseCategoricalCrossentropy } from '../../core/losses/index.js';
import type { Matrix } from '../../core/matrix.js';
import { trainTestSplit } from '../../data/train-test-split.js';
import { formatKerasMetric } from '../../format/python-number.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { loadModel } from '../../io/load-model.js';
import '../../io/register-file-handlers.js';
import type { ActivationName } from '../../model/activations.js';
import { Dense } from '../../model/dense.js';
import type { Layer } from '../../model/layer.js';
import { Normalization } from '../../model/normalization.js';
import { Adam } from '../../model/optimizers/adam.js';
import type { Optimizer } from '../../model/optimizers/optimizer.js';
import { RMSprop } from '../../model/optimizers/rmsprop.js';
import { SGD } from '../../model/optimizers/sgd.js';
import { Sequential } from '../../model/sequential.js';
import { intFlag, numberFlag, numberListFlag, parseFlags } from '../args.js';
import { type Command, InputError, UsageError } from '../io.js';
import { checkOutputPath } from '../output-paths.js';
import {
  checkWidth,
  DATA_OPTIONS,
  featuresCsv,
  readDataFlags,
  readInputs,
  required,
} from './model-inputs.js';

const USAGE = `Usage: softmax-lab train --data FILE [--labels FILE.npy | --label-column NAME] [--hidden 25,15]
                         [--activation relu] [--epochs N] [--batch-size N] [--lr X]
                         [--optimizer adam|sgd|rmsprop] [--validation-split F] [--normalize]
                         [--test-size F [--test-out FILE.csv]] [--seed S] [--resume DIR] --out DIR

Trains a multiclass classifier as the softmax lab does: hidden Dense layers, then a linear output layer with
one unit per class, trained from logits with sparse categorical cross-entropy (probabilities come from a
softmax at predict time). Shows the model summary and Keras' progress bar, prints the final metrics and
saves the model (TF.js Layers format: DIR/model.json plus a weights file; load it with tf.loadLayersModel
or softmax-lab predict/evaluate). The saved model carries its training state (optimizer and random stream),
so --resume continues it exactly where it stopped.

Options:
  --data FILE             features: .csv (header row, numeric cells), .npy (2-D) or .npz (arrays X and y)
  --labels FILE.npy       class labels (integers 0..K-1), one per row, for .npy/.npz data
  --label-column NAME     the CSV column holding the labels, by name or 0-based index
                          (default: the last column; write a negative index as --label-column=-1)
  --hidden 25,15          units of the hidden layers, comma-separated (default 25,15; 0 for none)
  --activation relu       activation of the hidden layers: relu, sigmoid, tanh or linear (default relu)
  --epochs N              passes over the training rows (default 10)
  --batch-size N          rows per step (default 32)
  --lr X                  learning rate (default: Keras' default of the optimizer, 0.001 for Adam)
  --optimizer NAME        adam, sgd or rmsprop (default adam)
  --validation-split F    fraction of the training rows, taken from the end, to validate on each epoch
  --normalize             start with a Normalization layer adapted to the training rows (Keras semantics)
  --test-size F           hold out a stratified fraction F of the rows (scikit-learn's train_test_split with
                          --seed) and report the model's loss and accuracy on it at the end
  --test-out FILE.csv     write the held-out rows (features and label) there, for predict/evaluate
  --seed S                seed (0 to 4294967295) of the initial weights, the shuffles and the split
  --resume DIR            continue training the model saved in DIR (by train) for --epochs more epochs (numbered
                          on from the saved ones, as Keras' initial_epoch does): its
                          layers, optimizer state and random stream come from DIR, so --hidden, --activation,
                          --optimizer, --lr and --normalize are not allowed; --out may be DIR itself
  --out DIR               where to save the model (created if needed; an existing model there is replaced)

Examples (the digits tutorial, docs/tutorial-digits.md):
  softmax-lab train --data data/digits.csv --label-column label --hidden 64,32 --epochs 20 \\
    --test-size 0.2 --seed 0 --out models/digits
  softmax-lab train --data data/digits.csv --label-column label --epochs 10 --test-size 0.2 --seed 0 \\
    --resume models/digits --out models/digits
`;

const OPTIONS = {
  ...DATA_OPTIONS,
  hidden: { type: 'string' },
  activation: { type: 'string' },
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  lr: { type: 'string' },
  optimizer: { type: 'string' },
  'validation-split': { type: 'string' },
  normalize: { type: 'boolean' },
  'test-size': { type: 'string' },
  'test-out': { type: 'string' },
  seed: { type: 'string' },
  resume: { type: 'string' },
  out: { type: 'string' },
} as const;

/** Flags that define a new model, which --resume takes from the saved one instead. */
const MODEL_FLAGS = ['hidden', 'activation', 'optimizer', 'lr', 'normalize'] as const;

const HIDDEN_ACTIVATIONS: readonly ActivationName[] = ['relu', 'sigmoid', 'tanh', 'linear'];

interface TrainSettings {
  out: string;
  hidden: number[];
  activation: ActivationName;
  epochs: number;
  batchSize: number;
  optimizer: Optimizer;
  validationSplit: number | undefined;
  normalize: boolean;
  testSize: number | undefined;
  testOut: string | undefined;
  seed: number | undefined;
  resume: string | undefined;
}

function makeOptimizer(name: string, lr: number | undefined): Optimizer {
  const options = lr === undefined ? undefined : lr;
  if (name === 'adam') return new Adam(options);
  if (name === 'sgd') return new SGD(options);
  if (name === 'rmsprop') return new RMSprop(options);
  throw new UsageError(`--optimizer expects adam, sgd or rmsprop, got ${JSON.stringify(name)}`);
}

function readSettings(values: Record<string, string | boolean | string[] | undefined>): TrainSettings {
  const out = required(values, 'out', 'DIR (where to save the model)');
  const hidden = values.hidden === undefined ? [25, 15] : numberListFlag(values.hidden, '--hidden')!;
  if (hidden.some((h) => !Number.isInteger(h) || h < 0)) {
    throw new UsageError(
      `--hidden expects layer sizes like 25,15 (integers >= 1, or 0 for none), got ${JSON.stringify(values.hidden)}`,
    );
  }
  const activation = String(values.activation ?? 'relu') as ActivationName;
  if (!HIDDEN_ACTIVATIONS.includes(activation)) {
    throw new UsageError(
      `--activation expects relu, sigmoid, tanh or linear, got ${JSON.stringify(values.activation)}`,
    );
  }
  const lr = numberFlag(values.lr, '--lr', 0, Number.POSITIVE_INFINITY, true);
  const testSize = numberFlag(values['test-size'], '--test-size', 0, 1, true);
  const resume = values.resume === undefined ? undefined : String(values.resume);
  const clash = MODEL_FLAGS.find((flag) => values[flag] !== undefined);
  if (resume !== undefined && clash !== undefined) {
    throw new UsageError(
      `--${clash} cannot be combined with --resume: the resumed model keeps its own layers and optimizer`,
    );
  }
  if (values['test-out'] !== undefined && testSize === undefined) {
    throw new UsageError('--test-out needs --test-size (the fraction of rows to hold out)');
  }
  return {
    out,
    hidden: hidden.filter((h) => h > 0),
    activation,
    epochs: intFlag(values.epochs, '--epochs', 1, 1_000_000) ?? 10,
    batchSize: intFlag(values['batch-size'], '--batch-size', 1, 2 ** 31 - 1) ?? 32,
    optimizer: makeOptimizer(String(values.optimizer ?? 'adam').toLowerCase(), lr),
    validationSplit: numberFlag(values['validation-split'], '--validation-split', 0, 1, true),
    normalize: values.normalize === true,
    testSize,
    testOut: values['test-out'] === undefined ? undefined : String(values['test-out']),
    seed: intFlag(values.seed, '--seed', 0, 4294967295),
    resume,
  };
}

/** The lab's kind of model for these settings: [Normalization], hidden Dense layers, a linear output. */
function newModel(settings: TrainSettings, XTrain: Matrix, classes: number): Sequential {
  const layers: Layer[] = [];
  if (settings.normalize) {
    const norm = new Normalization();
    norm.adapt(XTrain);
    layers.push(norm);
  }
  for (const units of settings.hidden) layers.push(new Dense({ units, activation: settings.activation }));
  layers.push(new Dense({ units: classes, activation: 'linear' }));
  const model = new Sequential(layers, settings.seed === undefined ? {} : { seed: settings.seed });
  model.compile({
    loss: new SparseCategoricalCrossentropy({ fromLogits: true }),
    optimizer: settings.optimizer,
    metrics: ['accuracy'],
  });
  model.build(XTrain.cols);
  return model;
}

/**
 * Checks that a model loaded for --resume can go on training on this data: compiled (it has a loss and an
 * optimizer), as wide as the data, with an output for every label. Returns its number of classes.
 */
function checkResumable(
  model: Sequential,
  dir: string,
  data: { X: Matrix; y: Int32Array; dataPath: string; labelSource: string },
): number {
  const { X, y, dataPath, labelSource } = data;
  const compiled = model.compileConfig;
  if (!compiled) {
    throw new UsageError(
      `--resume ${dir}: the model there has no training configuration (loss and optimizer); resume a model saved by softmax-lab train`,
    );
  }
  if (compiled.loss.name !== 'sparse_categorical_crossentropy') {
    throw new UsageError(
      `--resume ${dir}: train resumes models trained with sparse labels, and this one uses ${compiled.loss.name}`,
    );
  }
  try {
    checkWidth(X, model, dataPath);
  } catch (e) {
    if (e instanceof ShapeError) throw new InputError(e);
    throw e;
  }
  const classes = model.outputDim;
  const tooLarge = y.findIndex((v) => v >= classes);
  if (tooLarge >= 0) {
    throw new InputError(
      new LabelError({
        subject: labelSource,
        expected: `labels 0..${classes - 1} (the resumed model has ${classes} outputs)`,
        got: String(y[tooLarge]),
        where: `row ${tooLarge}`,
      }),
    );
  }
  return classes;
}

/** Number of classes: the largest label + 1 (at least two); too few is a problem of the input file. */
function classCount(y: Int32Array, source: string): number {
  let max = -1;
  for (const v of y) if (v > max) max = v;
  if (max < 1) {
    throw new InputError(
      new LabelError({
        subject: `${source} labels`,
        expected: 'at least two classes (labels 0..K-1)',
        got: `only ${describeValue(max)} as the largest label`,
      }),
    );
  }
  return max + 1;
}

function metricsLine(logs: Record<string, number>): string {
  return Object.entries(logs)
    .map(([k, v]) => `${k}: ${formatKerasMetric(v)}`)
    .join(' - ');
}

export const trainCommand: Command = {
  name: 'train',
  summary: 'train a classifier on a CSV or NumPy data set and save it (TF.js Layers format)',
  usage: USAGE,
  async run(args, io) {
    const { values } = parseFlags(args, OPTIONS);
    const settings = readSettings(values);
    const outKind = settings.out.toLowerCase().endsWith('.json') ? 'file' : 'folder';
    await checkOutputPath(settings.out, '--out', outKind);
    if (settings.testOut !== undefined) await checkOutputPath(settings.testOut, '--test-out', 'file');
    const { X, y, featureNames, labelName, resumed } = await readInputs(async () => ({
      ...(await readDataFlags(values, true)),
      resumed: settings.resume === undefined ? undefined : await loadModel(settings.resume),
    }));
    if (y === undefined) {
      throw new UsageError('train needs labels: give --labels FILE.npy (or an .npz with an array y)');
    }
    const labelSource = String(values.labels ?? values.data);
    const classes = resumed
      ? checkResumable(resumed, settings.resume!, { X, y, dataPath: String(values.data), labelSource })
      : classCount(y, labelSource);
    let XTrain: Matrix = X;
    let yTrain = y;
    let held: { X: Matrix; y: Int32Array } | undefined;
    if (settings.testSize !== undefined) {
      const split = trainTestSplit(X, y, {
        testSize: settings.testSize,
        stratify: true,
        ...(settings.seed === undefined ? {} : { seed: settings.seed }),
      });
      XTrain = split.XTrain;
      yTrain = split.yTrain;
      held = { X: split.XTest, y: split.yTest };
      io.stdout.write(
        `Held out ${split.XTest.rows} of ${X.rows} rows (stratified, --test-size ${settings.testSize}); training on ${XTrain.rows}.\n`,
      );
    }

    const model = resumed ?? newModel(settings, XTrain, classes);
    const initialEpoch = resumed?.completedEpochs ?? 0;
    const epochs = initialEpoch + settings.epochs;
    if (resumed) {
      const steps = resumed.compileConfig!.optimizer.iterations;
      io.stdout.write(
        `Resuming the model in ${settings.resume} after epoch ${initialEpoch} (${steps} optimizer steps).\n`,
      );
    }
    model.summary({ output: io.stdout });

    const history = await model.fit(XTrain, yTrain, {
      epochs,
      initialEpoch,
      batchSize: settings.batchSize,
      verbose: 1,
      output: io.stdout,
      ...(settings.validationSplit === undefined ? {} : { validationSplit: settings.validationSplit }),
    });
    const last: Record<string, number> = {};
    for (const [k, series] of Object.entries(history.history)) {
      const v = series[series.length - 1];
      if (typeof v === 'number') last[k] = v;
    }
    io.stdout.write(`Final (epoch ${epochs}): ${metricsLine(last)}\n`);
    if (held) {
      const logs = model.evaluate(held.X, held.y, { returnDict: true });
      io.stdout.write(`Held-out test (${held.X.rows} rows): ${metricsLine(logs)}\n`);
      if (settings.testOut !== undefined) {
        const names = featureNames ?? Array.from({ length: X.cols }, (_, j) => `x${j}`);
        await writeFileAtomic(settings.testOut, featuresCsv(held.X, held.y, names, labelName ?? 'label'));
        io.stdout.write(`Wrote the held-out rows to ${settings.testOut}\n`);
      }
    }
    await model.save(settings.out, { includeOptimizer: true });
    io.stdout.write(`Saved the model to ${settings.out} (model.json and its weights file)\n`);
    return 0;
  },
};
