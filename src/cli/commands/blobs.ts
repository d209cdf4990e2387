/**
 * `softmax-lab blobs`: writes a `makeBlobs` data set (scikit-learn's `make_blobs`, bit for bit) to stdout
 * as JSON or CSV.
 *
 * @module
 */

import { SoftmaxLabError } from '../../core/errors.js';
import { assertFinite, type Matrix } from '../../core/matrix.js';
import { type MakeBlobsOptions, makeBlobs } from '../../data/make-blobs.js';
import { intFlag, numberFlag, numberListFlag, parseFlags } from '../args.js';
import { type CliIO, type Command, UsageError } from '../io.js';

const USAGE = `Usage: softmax-lab blobs [--n-samples N | --n-samples-list a,b,c] [--centers JSON|INT] [--n-features N]
                         [--cluster-std X|a,b,c] [--center-box=LO,HI] [--no-shuffle] [--random-state S]
                         [--format json|csv]

Writes isotropic Gaussian blobs to stdout, exactly as scikit-learn's make_blobs (1.2.1 and later) makes them
for the same arguments and integer random state: every float64 of X is bit-identical.

Options:
  --n-samples N          total number of samples, split evenly over the centres (default 100)
  --n-samples-list a,b,c one count per centre instead (then --centers must be rows, or omitted)
  --centers JSON|INT     the centres as a JSON list of rows, e.g. '[[-5,2],[-2,-2]]', or how many to draw
                         uniformly in the centre box (default 3, or one per --n-samples-list count)
  --n-features N         columns when the centres are drawn (default 2; ignored when they are given as rows)
  --cluster-std X|a,b,c  standard deviation of every cluster, or one per centre (default 1)
  --center-box=LO,HI     bounds of drawn centres (default -10,10; write it with '=' when LO is negative)
  --no-shuffle           keep the rows grouped by centre, in centre order
  --random-state S       seed from 0 to 4294967295 (default: a random seed)
  --format json|csv      json: {"X": [[...], ...], "y": [...]}; csv: header x0,x1,...,y then one row per sample
                         (default json). Numbers are written so that parsing them gives the same float64.

Example (the softmax lab's data set):
  softmax-lab blobs --centers '[[-5,2],[-2,-2],[1,2],[5,-2]]' --n-samples 2000 --random-state 30 > blobs.json
`;

const OPTIONS = {
  'n-samples': { type: 'string' },
  'n-samples-list': { type: 'string' },
  centers: { type: 'string' },
  'n-features': { type: 'string' },
  'cluster-std': { type: 'string' },
  'center-box': { type: 'string' },
  shuffle: { type: 'boolean' },
  'random-state': { type: 'string' },
  format: { type: 'string' },
} as const;

/** Roughly how many characters to gather before one write to stdout. */
const CHUNK_CHARS = 1 << 16;

export const blobsCommand: Command = {
  name: 'blobs',
  summary: "write scikit-learn's make_blobs data set (bit-exact) as JSON or CSV",
  usage: USAGE,
  async run(args, io) {
    const { values } = parseFlags(args, OPTIONS);
    const format = values.format === undefined ? 'json' : String(values.format);
    if (format !== 'json' && format !== 'csv') {
      throw new UsageError(`--format expects json or csv, got ${JSON.stringify(values.format)}`);
    }
    const options = readOptions(values);
    let blobs: ReturnType<typeof makeBlobs>;
    try {
      blobs = makeBlobs(options);
      assertFinite(blobs.X, 'X');
    } catch (e) {
      // Every makeBlobs argument here came from a flag, so a refused value is a usage error.
      if (e instanceof SoftmaxLabError) throw new UsageError(e.message);
      throw e;
    }
    const write = format === 'json' ? writeJson : writeCsv;
    await write(blobs.X, blobs.y, io);
    return 0;
  },
};

function readOptions(values: Record<string, string | boolean | string[] | undefined>): MakeBlobsOptions {
  if (values['n-samples'] !== undefined && values['n-samples-list'] !== undefined) {
    throw new UsageError('give either --n-samples or --n-samples-list, not both');
  }
  const options: MakeBlobsOptions = { shuffle: values.shuffle !== false };
  const nSamples = intFlag(values['n-samples'], '--n-samples', 0);
  if (nSamples !== undefined) options.nSamples = nSamples;
  const list = numberListFlag(values['n-samples-list'], '--n-samples-list');
  if (list !== undefined) {
    if (list.some((n) => !Number.isSafeInteger(n) || n < 0)) {
      throw new UsageError(
        `--n-samples-list expects non-negative integers like 100,50,30, got ${JSON.stringify(values['n-samples-list'])}`,
      );
    }
    options.nSamples = list;
  }
  const nFeatures = intFlag(values['n-features'], '--n-features', 1);
  if (nFeatures !== undefined) options.nFeatures = nFeatures;
  if (values.centers !== undefined) options.centers = readCenters(String(values.centers));
  const std = readStd(values['cluster-std']);
  if (std !== undefined) options.clusterStd = std;
  const box = numberListFlag(values['center-box'], '--center-box');
  if (box !== undefined) {
    if (box.length !== 2) {
      throw new UsageError(
        `--center-box expects two numbers LO,HI, got ${JSON.stringify(values['center-box'])}`,
      );
    }
    options.centerBox = [box[0]!, box[1]!];
  }
  const seed = intFlag(values['random-state'], '--random-state', 0, 4294967295);
  if (seed !== undefined) options.randomState = seed;
  return options;
}

function readCenters(text: string): number | number[][] {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[')) return intFlag(trimmed, '--centers', 1)!;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw new UsageError(
      `--centers expects a JSON list of rows like [[-5,2],[1,2]], got invalid JSON ${JSON.stringify(text)}`,
    );
  }
  const isRows =
    Array.isArray(parsed) &&
    parsed.length > 0 &&
    parsed.every((row) => Array.isArray(row) && row.length > 0 && row.every((v) => typeof v === 'number'));
  if (!isRows) {
    throw new UsageError(
      `--centers expects a non-empty JSON list of rows of numbers like [[-5,2],[1,2]], got ${text}`,
    );
  }
  return parsed as number[][];
}

function readStd(value: unknown): number | number[] | undefined {
  if (value === undefined) return undefined;
  if (String(value).includes(',')) {
    const list = numberListFlag(value, '--cluster-std')!;
    if (list.some((s) => s < 0)) {
      throw new UsageError(`--cluster-std expects standard deviations >= 0, got ${JSON.stringify(value)}`);
    }
    return list;
  }
  return numberFlag(value, '--cluster-std', 0);
}

/** Shortest round-trip text of a float64; `-0` keeps its sign (String(-0) is "0"). */
function formatFloat(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

/** Writes `text`, waiting for 'drain' when the stream asks for it, so huge outputs do not pile up in memory. */
async function writeChunk(io: CliIO, text: string): Promise<void> {
  const accepted = io.stdout.write(text);
  const stream = io.stdout as { once?: (event: string, listener: () => void) => unknown };
  if (accepted === false && typeof stream.once === 'function') {
    await new Promise<void>((resolve) => stream.once!('drain', resolve));
  }
}

async function writeJson(X: Matrix, y: Int32Array, io: CliIO): Promise<void> {
  const { rows, cols, data } = X;
  let chunk = '{"X": [';
  for (let i = 0; i < rows; i++) {
    let line = i === 0 ? '[' : ', [';
    for (let j = 0; j < cols; j++) line += (j === 0 ? '' : ', ') + formatFloat(data[i * cols + j]!);
    chunk += `${line}]`;
    if (chunk.length >= CHUNK_CHARS) {
      await writeChunk(io, chunk);
      chunk = '';
    }
  }
  chunk += '], "y": [';
  for (let i = 0; i < y.length; i++) {
    chunk += (i === 0 ? '' : ', ') + String(y[i]);
    if (chunk.length >= CHUNK_CHARS) {
      await writeChunk(io, chunk);
      chunk = '';
    }
  }
  await writeChunk(io, `${chunk}]}\n`);
}

async function writeCsv(X: Matrix, y: Int32Array, io: CliIO): Promise<void> {
  const { rows, cols, data } = X;
  const header = Array.from({ length: cols }, (_, j) => `x${j}`);
  let chunk = `${[...header, 'y'].join(',')}\n`;
  for (let i = 0; i < rows; i++) {
    let line = '';
    for (let j = 0; j < cols; j++) line += `${formatFloat(data[i * cols + j]!)},`;
    chunk += `${line}${y[i]}\n`;
    if (chunk.length >= CHUNK_CHARS) {
      await writeChunk(io, chunk);
      chunk = '';
    }
  }
  if (chunk.length > 0) await writeChunk(io, chunk);
}
