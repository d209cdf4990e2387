/**
 * `softmax-lab predict`: class predictions (and probabilities) of a saved model for the rows of a data file,
 * as CSV on stdout or in a file.
 *
 * @module
 */

import { argmax } from '../../core/argmax.js';
import type { Matrix } from '../../core/matrix.js';
import { softmax } from '../../core/softmax.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { parseFlags } from '../args.js';
import type { Command } from '../io.js';
import {
  checkWidth,
  DATA_OPTIONS,
  float32Text,
  loadModelFlag,
  outputActivation,
  readDataFlags,
  readingInputs,
  required,
} from './model-inputs.js';

const USAGE = `Usage: softmax-lab predict --model DIR --data FILE [--label-column NAME] [--probabilities]
                           [--out FILE.csv]

Predicts the class of every row of FILE with the model saved in DIR (by softmax-lab train, model.save,
TF.js or tensorflowjs_converter), and writes CSV: a header, then one row per data row.

Options:
  --model DIR           the saved model (a directory with model.json, or the model.json path)
  --data FILE           the rows to classify: .csv (numeric, with a header), .npy (2-D) or .npz (array X)
  --label-column NAME   a CSV column to leave out (e.g. the labels of a test file), by name or 0-based
                        index (a negative one as --label-column=-1)
  --probabilities       add one column per class with its probability (a softmax of the logits of a
                        linear output layer; a softmax output layer's values as they are)
  --out FILE.csv        write there instead of stdout (atomically)

Columns: predicted (the class with the largest output), then p0, p1, ... with --probabilities.
`;

const OPTIONS = {
  model: { type: 'string' },
  data: DATA_OPTIONS.data,
  'label-column': DATA_OPTIONS['label-column'],
  probabilities: { type: 'boolean' },
  out: { type: 'string' },
} as const;

function predictionsCsv(outputs: Matrix, probabilities: Matrix | undefined): string {
  const { rows, cols } = outputs;
  const header = ['predicted', ...(probabilities ? Array.from({ length: cols }, (_, j) => `p${j}`) : [])];
  const classes = argmax(outputs);
  const lines = [header.join(',')];
  for (let i = 0; i < rows; i++) {
    const p = probabilities ? Array.from(probabilities.row(i), float32Text) : [];
    lines.push([String(classes[i]), ...p].join(','));
  }
  return `${lines.join('\n')}\n`;
}

export const predictCommand: Command = {
  name: 'predict',
  summary: 'predict classes (and probabilities) of a saved model for a data file, as CSV',
  usage: USAGE,
  async run(args, io) {
    const { values } = parseFlags(args, OPTIONS);
    required(values, 'model', 'DIR (a saved model)');
    const dataPath = required(values, 'data', 'FILE (.csv, .npy or .npz)');
    const input = await readingInputs(io, 'predict', async () => {
      const model = await loadModelFlag(values);
      const { X } = await readDataFlags(values, false);
      checkWidth(X, model, dataPath);
      return { model, X };
    });
    if (!input.ok) return input.code;
    const { model, X } = input.value;
    const outputs = model.predict(X);
    let probabilities: Matrix | undefined;
    if (values.probabilities === true) {
      probabilities = outputActivation(model) === 'linear' ? softmax(outputs) : outputs;
    }
    const text = predictionsCsv(outputs, probabilities);
    if (values.out === undefined) io.stdout.write(text);
    else {
      await writeFileAtomic(String(values.out), text);
      io.stdout.write(`Wrote ${X.rows} predictions to ${String(values.out)}\n`);
    }
    return 0;
  },
};
