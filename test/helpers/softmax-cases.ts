/**
 * Typed access to `test/fixtures/reference/softmax_cases.json` (numpy float64 reference values; see the
 * reference README next to it for how they were made and how to compare).
 */
import { readFileSync } from 'node:fs';

export interface SoftmaxCase {
  name: string;
  logits: number[][];
  softmax: number[][];
  log_softmax: number[][];
}

export interface SparseFromLogitsCase {
  name: string;
  logits: number[][];
  labels: number[];
  per_example: number[];
  mean: number;
  grad_mean_wrt_logits: number[][];
}

export interface SparseFromProbsCase {
  name: string;
  probs: number[][];
  labels: number[];
  per_example: number[];
  mean: number;
  keras_tf_per_example: number[];
  keras_tf_mean: number;
  normalize_then_clip_per_example: number[];
  normalize_then_clip_mean: number;
}

export interface CategoricalCase {
  name: string;
  from_logits: boolean;
  logits?: number[][];
  probs?: number[][];
  onehot: number[][];
  per_example: number[];
  mean: number;
  grad_mean_wrt_logits?: number[][];
}

export interface SoftmaxCases {
  softmax: SoftmaxCase[];
  sparse_ce_from_logits: SparseFromLogitsCase[];
  sparse_ce_from_probs: SparseFromProbsCase[];
  categorical_ce_onehot: CategoricalCase[];
}

export const softmaxCases: SoftmaxCases = JSON.parse(
  readFileSync(new URL('../fixtures/reference/softmax_cases.json', import.meta.url), 'utf8'),
);

/** The README's tolerance for these float64 values: 1e-14 relative, 1e-300 absolute floor. */
export const REFERENCE_TOLERANCE = { rtol: 1e-14, atol: 1e-300 };
