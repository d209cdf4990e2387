/**
 * What each benchmarked library implements: the three workloads of `bench/workloads.ts`, each timed inside
 * the call (data already in the library's own format, results synced back to JS).
 *
 * @module
 */

import type { GemmVariant, LabData, W2Data } from '../workloads.js';

/** One timed run and the accuracy it reached. */
export interface TimedAccuracy {
  ms: number;
  accuracy: number;
}

/** A library under test. */
export interface BenchLibrary {
  /** How it ran (backend, threads), for the table. */
  readonly details: string;
  /** W1: build, compile and fit the lab model (only `fit` is timed); accuracy on the 2000 training rows. */
  w1Fit(data: LabData): Promise<TimedAccuracy>;
  /** W2: fit one epoch (timed), then predict the test set (timed); accuracy on the test set. */
  w2(data: W2Data): Promise<{ trainMs: number; predictMs: number[]; accuracy: number }>;
  /** W3: loads the operands once. */
  w3Prepare(a: Float32Array, b: Float32Array): Promise<void>;
  /** W3: one 1024³ product (timed) and the product, to check it. */
  w3Gemm(variant: GemmVariant): Promise<{ ms: number; c: ArrayLike<number> }>;
}
