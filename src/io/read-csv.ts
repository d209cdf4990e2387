/**
 * `readCsv`: a numeric CSV file as features (and labels); see `src/data/csv.ts` for the accepted format.
 *
 * @module
 */

import { constants } from 'node:buffer';
import { ModelFormatError } from '../core/errors.js';
import { type CsvOptions, type CsvTable, parseCsv } from '../data/csv.js';
import { readDataFile } from './read-file.js';

/**
 * Largest CSV file `readCsv` reads whole: the longest string the JavaScript engine can hold (about 512 MiB;
 * UTF-8 never decodes to more characters than bytes). Larger files are refused before they are read.
 */
export const MAX_CSV_BYTES = constants.MAX_STRING_LENGTH;

/**
 * Reads a numeric CSV file.
 *
 * @throws {ModelFormatError} a missing or too large file, ragged rows, a non-numeric cell (with line and
 *   column)
 * @throws {LabelError} a label that is not a non-negative integer
 * @example
 * const { X, y } = await readCsv('data/digits.csv', { labelColumn: 'label' });
 */
export async function readCsv(path: string, options: CsvOptions = {}): Promise<CsvTable> {
  const bytes = await readDataFile(path, 'a readable CSV file', MAX_CSV_BYTES);
  let text: string;
  try {
    text = new TextDecoder('utf-8').decode(bytes);
  } catch (e) {
    // A pipe is not size-checked before reading; the engine refuses a string beyond its limit.
    throw new ModelFormatError({
      subject: path,
      expected: `a CSV file of at most ${MAX_CSV_BYTES} bytes`,
      got: `${bytes.length} bytes (${(e as Error).message})`,
    });
  }
  return parseCsv(text, options, path);
}
