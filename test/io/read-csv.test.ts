import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelFormatError } from '../../src/core/errors.js';
import { MAX_CSV_BYTES, readCsv } from '../../src/io/read-csv.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'softmax-lab-read-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readCsv', () => {
  it('reads a file with the path in its errors', async () => {
    const path = join(dir, 'd.csv');
    await writeFile(path, 'a,y\n1,0\n2,1\n');
    const { X, y } = await readCsv(path, { labelColumn: 'y' });
    expect(X.toArray()).toEqual([[1], [2]]);
    expect(Array.from(y!)).toEqual([0, 1]);
    await writeFile(path, 'a,y\n1,x\n');
    await expect(readCsv(path)).rejects.toThrow(`${path}: expected a number, got "x"`);
  });

  // Found while choosing huge inputs for the fuzzer: a file beyond the engine's longest string failed inside TextDecoder with
  // an engine error. It is now refused from its size, before anything is read (the file here is sparse).
  it('refuses a file too large to decode before reading it', async () => {
    const path = join(dir, 'huge.csv');
    await writeFile(path, '');
    await truncate(path, MAX_CSV_BYTES + 1);
    const before = process.memoryUsage().arrayBuffers;
    const error = await readCsv(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFormatError);
    expect((error as Error).message).toBe(
      `${path}: expected a readable CSV file of at most ${MAX_CSV_BYTES} bytes, got ${MAX_CSV_BYTES + 1} bytes.`,
    );
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(2 ** 20);
  });
});
