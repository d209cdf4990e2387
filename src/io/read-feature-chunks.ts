/**
 * `readFeatureChunks`: the feature rows of a data file, a block at a time, for commands that handle one
 * block and forget it (`softmax-lab predict`). CSV and `.npy` files are read from disk block by block, so
 * memory does not grow with the file; an `.npz` archive (possibly compressed) is read whole and handed out
 * in blocks. Values and errors are those of `readDataset`.
 *
 * @module
 */

import { extname } from 'node:path';
import type { Matrix } from '../core/matrix.js';
import { readCsvChunks } from './read-csv-chunks.js';
import { readDataset } from './read-dataset.js';
import { readNpyRowChunks } from './read-npy-chunks.js';

/** Options of {@link readFeatureChunks}. */
export interface FeatureChunkOptions {
  /** For CSV files: the label column to leave out, by header name or index (negative from the end). */
  labelColumn?: string | number;
  /** About how many bytes of the file each block covers (default 32 KiB; at least one read of 64 KiB for CSV). */
  chunkBytes?: number;
}

/**
 * Yields the feature rows of `path` (`.csv`, `.npy` or `.npz`) as matrices of consecutive rows.
 *
 * @throws {ModelFormatError} what `readDataset` throws for the file, when the block holding the problem is read
 * @throws {LabelError} a CSV label that is not a non-negative integer
 * @throws {DataError} a label column for a NumPy file
 * @example
 * for await (const X of readFeatureChunks('big.csv', { labelColumn: 'label' })) total += X.rows;
 */
export async function* readFeatureChunks(
  path: string,
  options: FeatureChunkOptions = {},
): AsyncGenerator<Matrix> {
  const chunkBytes = options.chunkBytes ?? 1 << 15;
  const ext = extname(path).toLowerCase();
  if (ext === '.npy' && options.labelColumn === undefined) {
    yield* readNpyRowChunks(path, chunkBytes);
    return;
  }
  if (ext === '.npy' || ext === '.npz') {
    const { X } = await readDataset(
      path,
      options.labelColumn === undefined ? {} : { labelColumn: options.labelColumn },
    );
    const rows = Math.max(1, Math.floor(chunkBytes / (8 * Math.max(1, X.cols))));
    for (let start = 0; start < X.rows || start === 0; start += rows) {
      yield X.sliceRows(start, Math.min(start + rows, X.rows));
    }
    return;
  }
  const csv = options.labelColumn === undefined ? {} : { labelColumn: options.labelColumn };
  for await (const table of readCsvChunks(path, { ...csv, chunkChars: chunkBytes })) yield table.X;
}
