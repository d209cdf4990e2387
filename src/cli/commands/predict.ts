/**
 * `softmax-lab predict`: class predictions (and probabilities) of a saved model for the rows of a data file,
 * as CSV on stdout or in a file.
 *
 * @module
 */

import { extname } from 'node:path';
import { argmax } from '../../core/argmax.js';
import type { Matrix } from '../../core/matrix.js';
import { softmax } from '../../core/softmax.js';
import { openAtomicFile } from '../../io/atomic-stream.js';
import { shiftPosition } from '../../io/chunk-errors.js';
import { readFeatureChunks } from '../../io/read-feature-chunks.js';
import { parseFlags } from '../args.js';
import { type CliIO, type Command, UsageError } from '../io.js';
import {
  checkWidth,
  DATA_OPTIONS,
  float32Text,
  labelColumnFlag,
  loadModelFlag,
  outputActivation,
  readInputs,
  required,
} from './model-inputs.js';

const USAGE = `Usage: softmax-lab predict --model DIR --data FILE [--label-column NAME] [--probabilities]
                           [--out FILE.csv]

Predicts the class of every row of FILE with the model saved in DIR (by softmax-lab train, model.save,
TF.js or tensorflowjs_converter), and writes CSV: a header, then one row per data row. CSV and .npy files
are read, predicted and written a block of rows at a time, so memory stays flat for files of any size; on
stdout, a bad row met midway ends the output there with an error (exit code 2).

Options:
  --model DIR           the saved model (a directory with model.json, or the model.json path)
  --data FILE           the rows to classify: .csv (numeric, with a header), .npy (2-D) or .npz (array X)
  --label-column NAME   a CSV column to leave out (e.g. the labels of a test file), by name or 0-based
                        index (a negative one as --label-column=-1)
  --probabilities       add one column per class with its probability (a softmax of the logits of a
                        linear output layer; a softmax output layer's values as they are)
  --out FILE.csv        write there instead of stdout; the file appears only once complete, and an
                        existing one stays as it was if predicting fails

Columns: predicted (the class with the largest output), then p0, p1, ... with --probabilities.
`;

const OPTIONS = {
  model: { type: 'string' },
  data: DATA_OPTIONS.data,
  'label-column': DATA_OPTIONS['label-column'],
  probabilities: { type: 'boolean' },
  out: { type: 'string' },
} as const;

/** The CSV lines for one block of outputs (with the header line first when `header` is set). */
function predictionsCsv(outputs: Matrix, probabilities: Matrix | undefined, header: boolean): string {
  const { rows, cols } = outputs;
  const classes = argmax(outputs);
  const lines: string[] = [];
  if (header) {
    lines.push(
      ['predicted', ...(probabilities ? Array.from({ length: cols }, (_, j) => `p${j}`) : [])].join(','),
    );
  }
  for (let i = 0; i < rows; i++) {
    const p = probabilities ? Array.from(probabilities.row(i), float32Text) : [];
    lines.push([String(classes[i]), ...p].join(','));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Where the CSV goes: a file replaced atomically at the end, or stdout as rows are predicted. */
interface Sink {
  write(text: string): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

function stdoutSink(io: CliIO): Sink {
  const stream = io.stdout as CliIO['stdout'] & { once?: (event: 'drain', listener: () => void) => unknown };
  return {
    async write(text) {
      // Wait for a slow reader (a pipe) instead of queueing the whole output in memory.
      if (stream.write(text) === false && typeof stream.once === 'function') {
        await new Promise<void>((resolve) => stream.once!('drain', resolve));
      }
    },
    async commit() {},
    async abort() {},
  };
}

export const predictCommand: Command = {
  name: 'predict',
  summary: 'predict classes (and probabilities) of a saved model for a data file, as CSV',
  usage: USAGE,
  async run(args, io) {
    const { values } = parseFlags(args, OPTIONS);
    required(values, 'model', 'DIR (a saved model)');
    const dataPath = required(values, 'data', 'FILE (.csv, .npy or .npz)');
    const labelColumn = labelColumnFlag(values['label-column']);
    if (labelColumn !== undefined && ['.npy', '.npz'].includes(extname(dataPath).toLowerCase())) {
      throw new UsageError('--label-column applies to CSV files');
    }
    const model = await readInputs(() => loadModelFlag(values));
    const softmaxOutputs = values.probabilities === true && outputActivation(model) === 'linear';
    const outPath = values.out === undefined ? undefined : String(values.out);
    const sink: Sink = outPath === undefined ? stdoutSink(io) : await openAtomicFile(outPath);
    let rows = 0;
    try {
      // The input is read, predicted and written one block at a time: memory stays flat however many
      // rows the file has, and with --out the file appears only once complete.
      await readInputs(async () => {
        const chunks = readFeatureChunks(dataPath, labelColumn === undefined ? {} : { labelColumn });
        for await (const X of chunks) {
          if (rows === 0) checkWidth(X, model, dataPath);
          let outputs: Matrix;
          try {
            outputs = model.predict(X);
          } catch (e) {
            throw shiftPosition(e, 'row', rows);
          }
          const probabilities =
            values.probabilities !== true ? undefined : softmaxOutputs ? softmax(outputs) : outputs;
          await sink.write(predictionsCsv(outputs, probabilities, rows === 0));
          rows += X.rows;
        }
      });
      await sink.commit();
    } finally {
      await sink.abort();
    }
    if (outPath !== undefined) io.stdout.write(`Wrote ${rows} predictions to ${outPath}\n`);
    return 0;
  },
};
