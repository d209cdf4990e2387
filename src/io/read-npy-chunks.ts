/**
 * `readNpyRowChunks`: the rows of a 2-D `.npy` file, read from disk a block of rows at a time, for files too
 * large to hold whole. Each block is decoded by `parseNpy` itself (given a header for just those rows), so
 * the values are those `readNpy(path).toMatrix()` gives. Anything other than a plain 2-D C-order array of a
 * supported dtype whose size matches its header is read whole by `readNpy`, which reports the problem
 * exactly as it always does.
 *
 * @module
 */

import type { FileHandle } from 'node:fs/promises';
import { ModelFormatError } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import { parseNpy } from '../data/npy.js';
import { parsePythonLiteral } from '../data/python-literal.js';
import { shiftPosition } from './chunk-errors.js';
import { openDataFile } from './read-csv-chunks.js';
import { readNpy } from './read-npy.js';

/** The dtype codes `parseNpy` reads, with their sizes in bytes. */
const ITEM_SIZES: Record<string, number> = {
  f2: 2,
  f4: 4,
  f8: 8,
  i1: 1,
  i2: 2,
  i4: 4,
  i8: 8,
  u1: 1,
  u2: 2,
  u4: 4,
  u8: 8,
  b1: 1,
};

/** Headers longer than this are left to `readNpy` (numpy writes a few hundred bytes at most). */
const MAX_STREAMED_HEADER = 1 << 16;

interface StreamableNpy {
  descr: string;
  rows: number;
  cols: number;
  itemSize: number;
  dataOffset: number;
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(bytes, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return bytes.subarray(0, done);
}

/** The layout of a file we can read by blocks of rows, or undefined for anything else. */
async function streamable(handle: FileHandle, fileSize: number): Promise<StreamableNpy | undefined> {
  const start = await readAt(handle, 0, 12);
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (start.length < 12 || magic.some((b, i) => start[i] !== b) || start[7] !== 0) return undefined;
  const major = start[6]!;
  if (major < 1 || major > 3) return undefined;
  const view = new DataView(start.buffer, start.byteOffset, start.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (headerLength > MAX_STREAMED_HEADER) return undefined;
  const dataOffset = 8 + lengthBytes + headerLength;
  const headerBytes = await readAt(handle, 8 + lengthBytes, headerLength);
  if (headerBytes.length !== headerLength) return undefined;
  let header: unknown;
  try {
    header = parsePythonLiteral(new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(headerBytes));
  } catch {
    return undefined;
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return undefined;
  const { descr, fortran_order: fortran, shape } = header as Record<string, unknown>;
  if (typeof descr !== 'string' || fortran !== false || !Array.isArray(shape) || shape.length !== 2) {
    return undefined;
  }
  const match = /^([<>|=])([a-z]\d)$/.exec(descr);
  const itemSize = match ? ITEM_SIZES[match[2]!] : undefined;
  const [rows, cols] = shape as unknown[];
  if (itemSize === undefined || !Number.isSafeInteger(rows) || !Number.isSafeInteger(cols)) return undefined;
  if ((rows as number) < 1 || (cols as number) < 1) return undefined;
  if (dataOffset + (rows as number) * (cols as number) * itemSize !== fileSize) return undefined;
  return { descr, rows: rows as number, cols: cols as number, itemSize, dataOffset };
}

/** A version 1.0 `.npy` image of `rows` rows of `layout`, holding `data`. */
function npyImage(layout: StreamableNpy, rows: number, data: Uint8Array): Uint8Array {
  let header = `{'descr': '${layout.descr}', 'fortran_order': False, 'shape': (${rows}, ${layout.cols}), }`;
  header = `${header.padEnd(Math.ceil((10 + header.length + 1) / 64) * 64 - 11)}\n`;
  const out = new Uint8Array(10 + header.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(data, 10 + header.length);
  return out;
}

/**
 * Yields the rows of a 2-D `.npy` file as matrices of about `chunkBytes` bytes of file data each (float32
 * files as float32, other dtypes as float64, like `readNpy(path).toMatrix()`).
 *
 * @throws {ModelFormatError} what `readNpy` throws (a missing or broken file, a refused dtype, ...)
 * @throws {ShapeError} an array that is not 2-D
 * @example
 * for await (const X of readNpyRowChunks('X.npy')) console.log(X.rows);
 */
export async function* readNpyRowChunks(path: string, chunkBytes = 1 << 20): AsyncGenerator<Matrix> {
  const handle = await openDataFile(path, 'a readable .npy file');
  try {
    const layout = await streamable(handle, (await handle.stat()).size);
    if (layout === undefined) {
      const X = (await readNpy(path)).toMatrix();
      yield X;
      return;
    }
    const rowBytes = layout.cols * layout.itemSize;
    const rowsPerChunk = Math.max(1, Math.floor(chunkBytes / rowBytes));
    for (let start = 0; start < layout.rows; start += rowsPerChunk) {
      const rows = Math.min(rowsPerChunk, layout.rows - start);
      const data = await readAt(handle, layout.dataOffset + start * rowBytes, rows * rowBytes);
      if (data.length !== rows * rowBytes) {
        throw new ModelFormatError({
          subject: path,
          expected: `${layout.rows * rowBytes} data bytes`,
          got: 'a file that became shorter while it was read',
        });
      }
      let X: Matrix;
      try {
        X = parseNpy(npyImage(layout, rows, data), path).toMatrix();
      } catch (e) {
        throw shiftPosition(e, 'index', start * layout.cols);
      }
      yield X;
    }
  } finally {
    await handle.close();
  }
}
