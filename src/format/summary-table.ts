/**
 * `model.summary()` in the Keras 2.7–2.12 layout (`keras/utils/layer_utils.py` `print_summary`, sequential
 * branch): 65 characters wide, columns ending at 29/55/65, a leading space in the first column, a line of 65
 * spaces after every layer and `{:,}` thousands separators in the totals.
 *
 * ```
 * Model: "sequential"
 * _________________________________________________________________
 *  Layer (type)                Output Shape              Param #
 * =================================================================
 *  dense (Dense)               (None, 25)                75
 * ```
 * (every table line is padded with spaces to exactly 65 characters)
 *
 * Our choices where Keras 2.7–2.12 has none or a flaw:
 * - A field too long for its column wraps onto continuation rows, as Keras does, but each column holds one
 *   character less than in those releases (the later Keras fix "offset by one to align the start of col"),
 *   so a 27-character layer name no longer pushes the next column one place to the right. Names of up to 26
 *   characters and shapes of up to 23 render exactly as in Keras 2.7–2.12.
 * - An unbuilt layer (shape or parameter count unknown) shows `?` and `0 (unbuilt)`, as Keras 3 does, instead
 *   of Keras 2's "This model has not yet been built" error. The Param # column is never wrapped, so that row
 *   is 66 characters long rather than ending in a row holding only `)`.
 *
 * @module
 */

import { DataError, describeValue } from '../core/errors.js';
import { formatIntThousands } from './python-number.js';

/** One row of the table. */
export interface SummaryLayer {
  /** Layer name, e.g. `dense_1`. */
  name: string;
  /** Class name, e.g. `Dense`. */
  className: string;
  /** Output shape with `null` for the batch dimension, e.g. `[null, 25]`; `null` when not built yet. */
  outputShape: readonly (number | null)[] | null;
  /** Number of weights (kernel + bias), e.g. 75; `null` when not built yet. */
  params: number | null;
}

/** What {@link formatSummary} prints. */
export interface SummaryInput {
  /** e.g. `sequential`. */
  modelName: string;
  layers: readonly SummaryLayer[];
  trainableParams: number;
  nonTrainableParams: number;
}

const LINE_LENGTH = 65;
// int(65 · p) for Keras' positions [0.45, 0.85, 1.0].
const COLUMN_ENDS = [29, 55, 65] as const;
// Keras breaks a long field right after the end of a tuple, dict, list or quoted item.
const BREAK_AFTER = ['),', '},', '],', "',"] as const;

/**
 * Python `str()` of a shape tuple: `(None, 25)`, `(None,)` for one dimension, `()` for none; `?` if unknown.
 *
 * @example
 * formatShape([null, 25]); // '(None, 25)'
 * formatShape([null]);     // '(None,)'
 */
export function formatShape(shape: readonly (number | null)[] | null): string {
  if (shape === null) return '?';
  const parts = shape.map((d) => (d === null ? 'None' : String(d)));
  return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
}

/** Keras' `print_row`: lays the fields out in the columns, wrapping long fields onto extra rows. */
function tableRows(fields: readonly string[]): string[] {
  const left = [...fields];
  const rows: string[] = [];
  while (left.some((text) => text.length > 0)) {
    let line = '';
    for (let col = 0; col < left.length; col++) {
      const start = col > 0 ? COLUMN_ENDS[col - 1]! : 0;
      const end = COLUMN_ENDS[col]!;
      const isLast = col === COLUMN_ENDS.length - 1;
      const gap = isLast ? 0 : 2;
      // The last column is never wrapped, so `0 (unbuilt)` (11 characters) stays on one row.
      let cutoff = isLast ? left[col]!.length : end - start - gap - 1;
      let piece = left[col]!.slice(0, cutoff);
      const breaks = BREAK_AFTER.filter((b) => piece.includes(b)).map((b) => piece.indexOf(b) + b.length);
      if (breaks.length > 0) {
        cutoff = Math.min(...breaks);
        piece = piece.slice(0, cutoff);
      }
      if (col === 0) line += ' ';
      line += piece + ' '.repeat(gap);
      left[col] = left[col]!.slice(cutoff);
      line += ' '.repeat(Math.max(0, end - line.length));
    }
    rows.push(line);
  }
  return rows;
}

function checkLayer(layer: SummaryLayer, i: number): void {
  const subject = `formatSummary layers[${i}]`;
  if (typeof layer !== 'object' || layer === null) {
    throw new DataError({
      subject,
      expected: '{ name, className, outputShape, params }',
      got: describeValue(layer),
    });
  }
  for (const key of ['name', 'className'] as const) {
    if (typeof layer[key] !== 'string') {
      throw new DataError({
        subject: `${subject}.${key}`,
        expected: 'a string',
        got: describeValue(layer[key]),
      });
    }
  }
  const shape = layer.outputShape as unknown;
  const shapeOk =
    shape === null ||
    (Array.isArray(shape) && shape.every((d) => d === null || (Number.isSafeInteger(d) && d >= 0)));
  if (!shapeOk) {
    throw new DataError({
      subject: `${subject}.outputShape`,
      expected: 'null or a list of sizes (null for the batch), e.g. [null, 25]',
      got: describeValue(shape),
    });
  }
}

function checkCount(value: unknown, subject: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new DataError({ subject, expected: 'a non-negative integer', got: describeValue(value) });
  }
}

/**
 * The text `model.summary()` prints in Keras 2.7–2.12, one `\n`-terminated line per printed line.
 *
 * Per-layer parameter counts are printed plainly (`str(n)`, no separators) and totals with `{:,}`,
 * exactly as Keras 2 does.
 *
 * @example
 * formatSummary({
 *   modelName: 'sequential',
 *   layers: [{ name: 'dense', className: 'Dense', outputShape: [null, 25], params: 75 }],
 *   trainableParams: 75,
 *   nonTrainableParams: 0,
 * });
 */
export function formatSummary(input: SummaryInput): string {
  if (typeof input !== 'object' || input === null || !Array.isArray(input.layers)) {
    throw new DataError({
      subject: 'formatSummary',
      expected: '{ modelName, layers: [...], trainableParams, nonTrainableParams }',
      got:
        typeof input === 'object' && input !== null
          ? `layers ${describeValue(input.layers)}`
          : describeValue(input),
    });
  }
  if (typeof input.modelName !== 'string') {
    throw new DataError({
      subject: 'formatSummary modelName',
      expected: 'a string',
      got: describeValue(input.modelName),
    });
  }
  input.layers.forEach(checkLayer);
  checkCount(input.trainableParams, 'formatSummary trainableParams');
  checkCount(input.nonTrainableParams, 'formatSummary nonTrainableParams');
  const lines = [`Model: "${input.modelName}"`, '_'.repeat(LINE_LENGTH)];
  lines.push(...tableRows(['Layer (type)', 'Output Shape', 'Param #']));
  lines.push('='.repeat(LINE_LENGTH));
  input.layers.forEach((layer, i) => {
    if (layer.params !== null) checkCount(layer.params, `formatSummary layers[${i}].params`);
    const params = layer.params === null ? '0 (unbuilt)' : String(layer.params);
    lines.push(...tableRows([`${layer.name} (${layer.className})`, formatShape(layer.outputShape), params]));
    lines.push(' '.repeat(LINE_LENGTH));
  });
  lines.push('='.repeat(LINE_LENGTH));
  lines.push(`Total params: ${formatIntThousands(input.trainableParams + input.nonTrainableParams)}`);
  lines.push(`Trainable params: ${formatIntThousands(input.trainableParams)}`);
  lines.push(`Non-trainable params: ${formatIntThousands(input.nonTrainableParams)}`);
  lines.push('_'.repeat(LINE_LENGTH));
  return `${lines.join('\n')}\n`;
}
