/**
 * What the model commands (`train`, `predict`, `evaluate`, `export-onnx`) share: the data and label flags,
 * loading a model, the one-line report of a bad input file, and number and CSV formatting.
 *
 * @module
 */

import { extname } from 'node:path';
import { ShapeError, SoftmaxLabError } from '../../core/errors.js';
import type { Matrix } from '../../core/matrix.js';
import { loadModel } from '../../io/load-model.js';
import { type Dataset, readDataset } from '../../io/read-dataset.js';
import type { Sequential } from '../../model/sequential.js';
import { InputError, UsageError } from '../io.js';

/** Flag definitions for `--data`, `--labels` and `--label-column`. */
export const DATA_OPTIONS = {
  data: { type: 'string' },
  labels: { type: 'string' },
  'label-column': { type: 'string' },
} as const;

/** A flag that must be present. */
export function required(values: Record<string, unknown>, flag: string, what: string): string {
  const v = values[flag];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${flag} ${what} is required`);
  return v;
}

/** `--label-column`: a header name, or an integer index (negative from the end). */
export function labelColumnFlag(value: unknown): string | number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  return /^-?\d+$/.test(text) ? Number(text) : text;
}

/**
 * Reads `--data` with `--labels`/`--label-column`. With `labelsByDefault`, a CSV without either flag takes
 * its last column as the labels (as digits.csv and `softmax-lab blobs --format csv` lay them out).
 */
export async function readDataFlags(
  values: Record<string, unknown>,
  labelsByDefault: boolean,
): Promise<Dataset> {
  const data = required(values, 'data', 'FILE (.csv, .npy or .npz)');
  const labelsPath = values.labels === undefined ? undefined : String(values.labels);
  let labelColumn = labelColumnFlag(values['label-column']);
  if (labelsPath !== undefined && labelColumn !== undefined) {
    throw new UsageError('give either --labels FILE.npy or --label-column NAME, not both');
  }
  const csv = !['.npy', '.npz'].includes(extname(data).toLowerCase());
  if (!csv && labelColumn !== undefined) {
    throw new UsageError('--label-column applies to CSV files; give NumPy labels with --labels FILE.npy');
  }
  if (csv && labelsByDefault && labelsPath === undefined && labelColumn === undefined) labelColumn = -1;
  return readDataset(data, {
    ...(labelsPath === undefined ? {} : { labelsPath }),
    ...(labelColumn === undefined ? {} : { labelColumn }),
  });
}

/**
 * Runs `work` (reading input files); a problem with the files (any {@link SoftmaxLabError}) is rethrown as an
 * {@link InputError}, which `main` reports as one line on stderr with exit code 2, like a bad flag (and its
 * stack with --debug). Other errors propagate.
 */
export async function readInputs<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof SoftmaxLabError) throw new InputError(e);
    throw e;
  }
}

/** The shortest decimal text that reads back as the same float32 (e.g. `0.1` rather than `0.10000000149`). */
export function float32Text(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  for (let digits = 1; digits < 9; digits++) {
    const text = v.toPrecision(digits);
    if (Math.fround(Number(text)) === v) return String(Number(text));
  }
  return String(Number(v.toPrecision(9)));
}

/** Quotes a CSV field when it needs it. */
export function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV table of features (with the header names) and labels. */
export function featuresCsv(X: Matrix, y: Int32Array, names: readonly string[], labelName: string): string {
  const lines = [[...names, labelName].map(csvField).join(',')];
  for (let i = 0; i < X.rows; i++) {
    lines.push(`${Array.from(X.row(i), (v) => String(v)).join(',')},${y[i]}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Loads `--model`, reporting a broken model like a bad input file (see {@link readingInputs}). */
export async function loadModelFlag(values: Record<string, unknown>): Promise<Sequential> {
  return loadModel(required(values, 'model', 'DIR (a saved model)'));
}

/**
 * Checks that the data has the model's width; a CSV with one column too many most likely still holds its
 * label column, which the message says how to drop.
 */
export function checkWidth(X: Matrix, model: Sequential, dataPath: string): void {
  const want = model.inputDim!;
  if (X.cols === want) return;
  throw new ShapeError({
    subject: dataPath,
    expected: `${want} feature columns (the model's input width)`,
    got: `${X.cols} columns`,
    hint: X.cols === want + 1 ? 'If one column holds the labels, name it with --label-column.' : undefined,
  });
}

/** The activation of the model's last layer (`linear` means the outputs are logits). */
export function outputActivation(model: Sequential): string {
  const last = model.layers[model.layers.length - 1];
  return String(last?.getConfig().activation ?? 'linear');
}
