/**
 * The whole softmax lab, in the notebook's order, with our additions: what `npm start` runs.
 *
 * @module
 */

import { resolve } from 'node:path';
import { formatFixed } from '../../format/python-number.js';
import { makeDirectorySync } from '../../io/make-directory.js';
import type { CliIO } from '../io.js';
import { crossEntropyPart, dataPart, float32X, softmaxPart } from './basics.js';
import { obviousPart, preferredPart, targetsPart } from './models.js';
import { writePlots } from './plots.js';
import { Transcript } from './transcript.js';
import { whyPreferredPart } from './why-preferred.js';

/** Options of {@link runLab}. */
export interface LabOptions {
  /** Seed of both models' RandomState (initial weights and shuffles). Default 1234. */
  seed: number;
  /** Training epochs per model. Default 10. */
  epochs: number;
  /** Folder for the pictures and the report (created if missing), or undefined for no pictures. */
  outDir: string | undefined;
}

/** What the run produced, for tests and callers. */
export interface LabResult {
  obviousAccuracy: number;
  preferredAccuracy: number;
  files: string[];
  seconds: number;
}

/** Runs every part of the lab, printing to `io.stdout`. */
export async function runLab(options: LabOptions, io: CliIO): Promise<LabResult> {
  const start = performance.now();
  const t = new Transcript(io);
  io.stdout.write('Softmax lab: softmax, cross-entropy and a 4-class network, as in the classic notebook.\n');
  softmaxPart(t);
  crossEntropyPart(t);
  const blobs = dataPart(t);
  const X = float32X(blobs);
  const settings = { seed: options.seed, epochs: options.epochs };
  const obvious = await obviousPart(t, X, blobs.y, settings);
  const preferred = await preferredPart(t, X, blobs.y, settings);
  await targetsPart(t, preferred.model, X, blobs.y);
  whyPreferredPart(t, preferred.model, X);
  t.section('8. Summary');
  const obviousAccuracy = obvious.model.evaluate(X, blobs.y, { returnDict: true }).accuracy!;
  const preferredAccuracy = preferred.model.evaluate(X, blobs.y, { returnDict: true }).accuracy!;
  t.line(
    `training accuracy: obvious ${formatFixed(obviousAccuracy, 4)}, preferred ${formatFixed(preferredAccuracy, 4)}`,
  );
  let files: string[] = [];
  if (options.outDir !== undefined) {
    const dir = resolve(io.cwd, options.outDir);
    makeDirectorySync(dir);
    files = writePlots(dir, blobs, obvious, preferred, t.sections);
    t.line(`pictures and report written to ${dir}: ${files.join(', ')}`);
  }
  const seconds = (performance.now() - start) / 1000;
  t.line(`done in ${formatFixed(seconds, 2)} s`);
  return { obviousAccuracy, preferredAccuracy, files, seconds };
}
