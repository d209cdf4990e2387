/**
 * `History`: what `fit` returns, shaped as in Keras and TF.js: `history.history.loss[e]` is epoch e's loss,
 * likewise `accuracy`, `val_loss`, `val_accuracy`; `history.epoch` lists the epoch indices run.
 *
 * @module
 */

import { DataError, describeValue } from '../core/errors.js';

/** The parameters `fit` ran with (Keras' `history.params`). */
export interface HistoryParams {
  verbose: number;
  epochs: number;
  steps: number;
  batchSize: number;
  samples: number;
}

/** The record of a `fit` call. */
export class History {
  /** Epoch values per metric name. */
  readonly history: Record<string, number[]> = {};
  /** Zero-based indices of the epochs that ran. */
  readonly epoch: number[] = [];
  readonly params: HistoryParams;

  constructor(params: HistoryParams) {
    this.params = params;
  }

  /**
   * Records one epoch's values.
   *
   * @throws {DataError} `logs` is not an object of metric values
   */
  record(epoch: number, logs: Record<string, number>): void {
    if (typeof logs !== 'object' || logs === null) {
      throw new DataError({
        subject: 'History.record logs',
        expected: 'an object of metric values like { loss: 0.5 }',
        got: describeValue(logs),
      });
    }
    this.epoch.push(epoch);
    for (const [name, value] of Object.entries(logs)) {
      const series = this.history[name] ?? [];
      series.push(value);
      this.history[name] = series;
    }
  }
}
