/** A digits model trained by `softmax-lab train` into a temporary directory, with its held-out rows. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from './cli-harness.js';

export const digitsCsv = new URL('../../data/digits.csv', import.meta.url).pathname;

export interface TrainedDigits {
  dir: string;
  model: string;
  testCsv: string;
  cleanup(): Promise<void>;
}

export async function trainDigits(extra: string[] = []): Promise<TrainedDigits> {
  const dir = await mkdtemp(join(tmpdir(), 'softmax-lab-cli-'));
  const model = join(dir, 'model');
  const testCsv = join(dir, 'test.csv');
  const run = await runCli([
    'train',
    '--data',
    digitsCsv,
    '--label-column',
    'label',
    '--hidden',
    '32',
    '--epochs',
    '3',
    '--test-size',
    '0.2',
    '--seed',
    '0',
    '--test-out',
    testCsv,
    '--out',
    model,
    ...extra,
  ]);
  expect(run.err).toBe('');
  return { dir, model, testCsv, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
