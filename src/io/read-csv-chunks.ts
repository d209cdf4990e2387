/**
 * `readCsvChunks`: a numeric CSV file read and parsed one chunk of rows at a time, for files too large to
 * hold whole (`softmax-lab predict` on millions of rows). Every chunk is parsed by `parseCsv` (with the
 * header), so the accepted format, the values and the errors are those of `readCsv`; an error names the
 * line of the whole file.
 *
 * @module
 */

import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { ModelFormatError } from '../core/errors.js';
import { type CsvOptions, type CsvTable, parseCsv } from '../data/csv.js';
import { type CsvChunk, CsvChunker } from '../data/csv-chunker.js';
import { shiftPosition } from './chunk-errors.js';
import { readDataFile } from './read-file.js';

/** Options of {@link readCsvChunks}. */
export interface CsvChunkOptions {
  /** The label column to set apart, as for `readCsv`. */
  labelColumn?: string | number;
  /** The fewest characters of rows a chunk holds (default 32 Ki; a chunk ends at the last whole row read). */
  chunkChars?: number;
  /** Bytes per read from the file (default 64 KiB). */
  readBytes?: number;
}

/**
 * Opens `path` for reading; the failures users meet (no file, a directory, no permission) are reported
 * exactly as `readCsv` reports them.
 */
export async function openDataFile(path: string, what: string): Promise<FileHandle> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    if ((await handle.stat()).isDirectory()) throw new Error('a directory');
    return handle;
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await readDataFile(path, what); // throws the one-line error for this path
    throw e;
  }
}

function parseChunk(
  header: { text: string; endLine: number },
  chunk: CsvChunk,
  options: CsvOptions,
  path: string,
): CsvTable {
  try {
    return parseCsv(header.text + chunk.text, options, path);
  } catch (e) {
    throw shiftPosition(e, 'line', chunk.line - header.endLine);
  }
}

/**
 * Parses CSV text that arrives in pieces, yielding a table per chunk of about `chunkChars` characters
 * (every table has the file's feature names and label column). `path` names the source in errors.
 *
 * @throws {ModelFormatError} what `parseCsv` throws for the whole text (ragged rows, a cell that is not a
 *   number, only a header, ...), naming the line of the whole text, when the chunk holding it is reached
 * @throws {LabelError} a label that is not a non-negative integer
 * @example
 * for await (const { X } of parseCsvPieces(['a,b\n1,', '2\n'], {}, 'data.csv')) X.toArray(); // [[1, 2]]
 */
export async function* parseCsvPieces(
  pieces: AsyncIterable<string> | Iterable<string>,
  options: Omit<CsvChunkOptions, 'readBytes'>,
  path: string,
): AsyncGenerator<CsvTable> {
  const csvOptions: CsvOptions =
    options.labelColumn === undefined ? {} : { labelColumn: options.labelColumn };
  const chunker = new CsvChunker(options.chunkChars);
  let yielded = 0;
  for await (const piece of pieces) {
    for (const chunk of chunker.push(piece)) {
      yield parseChunk(chunker.header!, chunk, csvOptions, path);
      yielded++;
    }
  }
  for (const chunk of chunker.end()) {
    yield parseChunk(chunker.header!, chunk, csvOptions, path);
    yielded++;
  }
  // No rows at all: parsing what there is raises parseCsv's error (an empty file, only a header, ...).
  if (yielded === 0) yield parseCsv(chunker.header?.text ?? '', csvOptions, path);
}

/** The UTF-8 text of an open file, in pieces of `readBytes` bytes (as `readCsv` decodes it). */
async function* textPieces(handle: FileHandle, path: string, readBytes: number): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  const buffer = new Uint8Array(readBytes);
  for (;;) {
    let bytesRead: number;
    try {
      ({ bytesRead } = await handle.read(buffer, 0, buffer.length, null));
    } catch (e) {
      throw new ModelFormatError({
        subject: path,
        expected: 'a readable CSV file',
        got: `a read error (${(e as Error).message})`,
      });
    }
    if (bytesRead === 0) break;
    yield decoder.decode(buffer.subarray(0, bytesRead), { stream: true });
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/**
 * Yields the rows of a CSV file as tables of about `chunkChars` characters each: the tables `readCsv`
 * would return, cut into parts. Memory: one chunk, not the file.
 *
 * @throws {ModelFormatError} what `readCsv` throws (a missing file, ragged rows, a cell that is not a
 *   number, ...), raised when the chunk holding the problem is read
 * @throws {LabelError} a label that is not a non-negative integer
 * @example
 * for await (const { X } of readCsvChunks('big.csv')) console.log(X.rows);
 */
export async function* readCsvChunks(path: string, options: CsvChunkOptions = {}): AsyncGenerator<CsvTable> {
  const handle = await openDataFile(path, 'a readable CSV file');
  try {
    yield* parseCsvPieces(textPieces(handle, path, options.readBytes ?? 1 << 16), options, path);
  } finally {
    await handle.close();
  }
}
