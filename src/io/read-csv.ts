/**
 * `readCsv`: a numeric CSV file as features (and labels); see `src/data/csv.ts` for the accepted format.
 *
 * @module
 */

import { type CsvOptions, type CsvTable, parseCsv } from '../data/csv.js';
import { readDataFile } from './read-file.js';

/**
 * Reads a numeric CSV file.
 *
 * @throws {ModelFormatError} a missing file, ragged rows, a non-numeric cell (with line and column)
 * @throws {LabelError} a label that is not a non-negative integer
 * @example
 * const { X, y } = await readCsv('data/digits.csv', { labelColumn: 'label' });
 */
export async function readCsv(path: string, options: CsvOptions = {}): Promise<CsvTable> {
  const bytes = await readDataFile(path, 'a readable CSV file');
  return parseCsv(new TextDecoder('utf-8').decode(bytes), options, path);
}
