/**
 * `softmax-lab evaluate`: a saved model's loss and accuracy on a labelled data file, in Keras' format, then
 * the confusion matrix.
 *
 * @module
 */

import { argmax, oneHot } from '../../core/argmax.js';
import { LabelError } from '../../core/errors.js';
import { SparseCategoricalCrossentropy } from '../../core/losses/index.js';
import { formatKerasMetric } from '../../format/python-number.js';
import { intFlag, parseFlags } from '../args.js';
import { type Command, InputError, UsageError } from '../io.js';
import {
  checkWidth,
  DATA_OPTIONS,
  loadModelFlag,
  outputActivation,
  readDataFlags,
  readInputs,
  required,
} from './model-inputs.js';

const USAGE = `Usage: softmax-lab evaluate --model DIR --data FILE [--labels FILE.npy | --label-column NAME]
                            [--batch-size N]

Evaluates the model saved in DIR on labelled data: prints Keras' line "loss: 0.1234 - accuracy: 0.9639"
(accuracy as a fraction), then the confusion matrix (rows: true class, columns: predicted class).

Options:
  --model DIR           the saved model (a directory with model.json, or the model.json path)
  --data FILE           .csv (numeric, with a header), .npy (2-D) or .npz (arrays X and y)
  --labels FILE.npy     the labels of .npy data (integers 0..K-1)
  --label-column NAME   the CSV column holding the labels, by name or 0-based index (default: the last
                        column; write a negative index as --label-column=-1)
  --batch-size N        rows per batch of the loss computation (default 32, as Keras)

The loss is the one the model was compiled with when it was saved; a model saved without one (e.g. by TF.js
without its optimizer) is evaluated with sparse cross-entropy, from logits when its output layer is linear.
`;

const OPTIONS = { model: { type: 'string' }, ...DATA_OPTIONS, 'batch-size': { type: 'string' } } as const;

/** counts[t][p]: rows of true class t predicted as p. */
function confusion(truth: Int32Array, predicted: Int32Array, classes: number): number[][] {
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < truth.length; i++) counts[truth[i]!]![predicted[i]!]!++;
  return counts;
}

/** The matrix as a right-aligned table with class numbers on both axes. */
export function formatConfusion(counts: number[][]): string {
  const k = counts.length;
  const width = Math.max(String(k - 1).length, ...counts.flat().map((c) => String(c).length)) + 2;
  const label = 'true\\pred';
  const lines = [label + Array.from({ length: k }, (_, j) => String(j).padStart(width)).join('')];
  counts.forEach((row, t) => {
    lines.push(String(t).padStart(label.length) + row.map((c) => String(c).padStart(width)).join(''));
  });
  return `${lines.join('\n')}\n`;
}

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: "a saved model's loss, accuracy and confusion matrix on labelled data",
  usage: USAGE,
  async run(args, io) {
    const { values } = parseFlags(args, OPTIONS);
    required(values, 'model', 'DIR (a saved model)');
    const dataPath = required(values, 'data', 'FILE (.csv, .npy or .npz)');
    const batchSize = intFlag(values['batch-size'], '--batch-size', 1, 2 ** 31 - 1) ?? 32;
    const { model, X, y } = await readInputs(async () => {
      const model = await loadModelFlag(values);
      const data = await readDataFlags(values, true);
      checkWidth(data.X, model, dataPath);
      return { model, ...data };
    });
    if (y === undefined)
      throw new UsageError('evaluate needs labels: give --labels FILE.npy (or an .npz with y)');
    const classes = model.outputDim;
    const tooLarge = y.findIndex((v) => v >= classes);
    if (tooLarge >= 0) {
      throw new InputError(
        new LabelError({
          subject: dataPath,
          expected: `labels 0..${classes - 1} (the model has ${classes} outputs)`,
          got: String(y[tooLarge]),
          where: `row ${tooLarge}`,
        }),
      );
    }
    const compiled = model.compileConfig;
    const loss =
      compiled?.loss ??
      new SparseCategoricalCrossentropy({ fromLogits: outputActivation(model) === 'linear' });
    model.compile({ loss, optimizer: compiled?.optimizer ?? 'adam', metrics: ['accuracy'] });
    const targets = loss.name === 'categorical_crossentropy' ? oneHot(y, classes) : y;
    const logs = model.evaluate(X, targets, { batchSize, returnDict: true });
    // One write of a small report lands in the pipe buffer at once, so a reader that stops early (| head)
    // does not leave later writes to fail with EPIPE.
    io.stdout.write(
      `loss: ${formatKerasMetric(logs.loss!)} - accuracy: ${formatKerasMetric(logs.accuracy!)}\n` +
        'Confusion matrix (rows: true class, columns: predicted class):\n' +
        formatConfusion(confusion(y, argmax(model.predict(X)), classes)),
    );
    return 0;
  },
};
