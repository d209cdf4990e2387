/**
 * `readDataset`: features and labels from the files users bring, chosen by extension:
 *
 * - `.csv`: a numeric table (see `src/data/csv.ts`); the label column by name or index;
 * - `.npy`: a 2-D feature array, with labels from a separate 1-D `.npy` (`labelsPath`);
 * - `.npz`: an archive holding the features under `X` (or `x`, `data`, `features`) and the labels under `y`
 *   (or `labels`, `target`), unless `labelsPath` is given.
 *
 * Labels must be integers ≥ 0 (int64 arrays arrive as Int32Array after a range check).
 *
 * @module
 */

import { extname } from 'node:path';
import { DataError, LabelError, ModelFormatError, ShapeError } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import type { NpyArray } from '../data/npy.js';
import { readCsv } from './read-csv.js';
import { readNpy, readNpz } from './read-npy.js';

/** Options of {@link readDataset}. */
export interface DatasetOptions {
  /** A `.npy` file of labels (one per row of the features). */
  labelsPath?: string;
  /** For CSV files: the label column, by header name or 0-based index (negative from the end). */
  labelColumn?: string | number;
}

/** Features, labels when the files have them, and the feature names of a CSV header. */
export interface Dataset {
  X: Matrix;
  y: Int32Array | undefined;
  featureNames: string[] | undefined;
  labelName: string | undefined;
}

const FEATURE_KEYS = ['X', 'x', 'data', 'features'];
const LABEL_KEYS = ['y', 'labels', 'target'];

/** Labels from a numeric array: integers ≥ 0, one per row. */
function labelsFrom(array: NpyArray, rows: number): Int32Array {
  const { shape, data, source } = array;
  if (!(shape.length === 1 || (shape.length === 2 && shape[1] === 1))) {
    throw new ShapeError({
      subject: source,
      expected: 'labels of shape (N,) or (N, 1)',
      got: `shape (${shape.join(', ')})`,
    });
  }
  if (data.length !== rows) {
    throw new ShapeError({
      subject: source,
      expected: `${rows} labels (one per row of the features)`,
      got: `${data.length} labels`,
    });
  }
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = data[i]!;
    if (!Number.isInteger(v) || v < 0 || v > 2 ** 31 - 1) {
      throw new LabelError({
        subject: source,
        expected: 'class labels that are integers >= 0',
        got: String(v),
        where: `index ${i}`,
      });
    }
    out[i] = v;
  }
  return out;
}

function pick(
  arrays: Record<string, NpyArray>,
  keys: string[],
  path: string,
  what: string,
): NpyArray | undefined {
  const key = keys.find((k) => Object.hasOwn(arrays, k));
  if (key === undefined && what === 'features') {
    throw new ModelFormatError({
      subject: path,
      expected: `an array named ${keys.join(', ')} for the features`,
      got: `arrays ${Object.keys(arrays).join(', ') || '(none)'}`,
    });
  }
  return key === undefined ? undefined : arrays[key];
}

/**
 * Reads features (and labels, when the files hold them).
 *
 * @throws {ModelFormatError} unreadable or malformed files (named), a CSV option on a NumPy file
 * @throws {LabelError} labels that are not integers ≥ 0
 * @throws {ShapeError} labels whose count differs from the number of rows
 * @example
 * const { X, y } = await readDataset('data/digits.csv', { labelColumn: 'label' });
 */
export async function readDataset(path: string, options: DatasetOptions = {}): Promise<Dataset> {
  const ext = extname(path).toLowerCase();
  if ((ext === '.npy' || ext === '.npz') && options.labelColumn !== undefined) {
    throw new DataError({
      subject: path,
      expected: 'a CSV file for a label column',
      got: `a ${ext} file`,
      hint: 'Give the labels as a separate .npy file (or the y array of an .npz) instead.',
    });
  }
  if (ext === '.npy' || ext === '.npz') {
    let features: NpyArray;
    let labels: NpyArray | undefined;
    if (ext === '.npy') features = await readNpy(path);
    else {
      const arrays = await readNpz(path);
      features = pick(arrays, FEATURE_KEYS, path, 'features')!;
      labels = pick(arrays, LABEL_KEYS, path, 'labels');
    }
    const X = features.toMatrix();
    if (options.labelsPath !== undefined) labels = await readNpy(options.labelsPath);
    return {
      X,
      y: labels ? labelsFrom(labels, X.rows) : undefined,
      featureNames: undefined,
      labelName: undefined,
    };
  }
  const table = await readCsv(
    path,
    options.labelColumn === undefined ? {} : { labelColumn: options.labelColumn },
  );
  let y = table.y;
  if (options.labelsPath !== undefined) {
    if (y !== undefined) {
      throw new DataError({
        subject: path,
        expected: 'labels from one place',
        got: 'both a label column and a labels file',
      });
    }
    y = labelsFrom(await readNpy(options.labelsPath), table.X.rows);
  }
  return { X: table.X, y, featureNames: table.featureNames, labelName: table.labelName };
}
