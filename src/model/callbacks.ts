/**
 * Training callbacks (Keras / TF.js style). Every hook is optional and may return a promise, which `fit` awaits.
 * `logs` hold the running epoch means at batch ends, and the epoch values (plus `val_*`) at epoch ends.
 *
 * @module
 */

import { DataError, describeValue } from '../core/errors.js';
import { booleanOption, checkOptions } from '../core/options.js';

/** Metric values by name, e.g. `{ loss: 0.31, accuracy: 0.92, val_loss: 0.35 }`. */
export type Logs = Record<string, number>;

/** What a callback may do to the model it watches (a subset of `Sequential`). */
export interface TrainingModel {
  /** Set to true to stop after the current epoch. */
  stopTraining: boolean;
  getWeights(): unknown[];
  setWeights(weights: unknown[]): void;
}

/** Hooks called by `fit`. */
export interface Callback {
  /** Called by `fit` before training with the model being trained. */
  setModel?(model: TrainingModel): void;
  onTrainBegin?(logs?: Logs): void | Promise<void>;
  onTrainEnd?(logs?: Logs): void | Promise<void>;
  onEpochBegin?(epoch: number, logs?: Logs): void | Promise<void>;
  onEpochEnd?(epoch: number, logs: Logs): void | Promise<void>;
  onBatchBegin?(batch: number, logs?: Logs): void | Promise<void>;
  onBatchEnd?(batch: number, logs: Logs): void | Promise<void>;
}

/** Options of {@link EarlyStopping} (Keras names, camelCase). */
export interface EarlyStoppingOptions {
  /** Quantity to watch (default `val_loss`). */
  monitor?: string;
  /** Smallest change that counts as an improvement (default 0). */
  minDelta?: number;
  /** Epochs without improvement before stopping (default 0). */
  patience?: number;
  /** `min`, `max`, or `auto` (max for names containing `acc`, else min). */
  mode?: 'auto' | 'min' | 'max';
  /** Stop if the monitored value does not beat this baseline within `patience` epochs. */
  baseline?: number;
  /** Restore the weights of the best epoch when stopping (default false). */
  restoreBestWeights?: boolean;
  /** Epochs to wait before starting to monitor (default 0). */
  startFromEpoch?: number;
}

/**
 * Stops training when a monitored quantity has stopped improving, as Keras' `EarlyStopping`.
 *
 * @example
 * await model.fit(X, y, { epochs: 100, validationSplit: 0.2, callbacks: [new EarlyStopping({ patience: 3 })] });
 */
export class EarlyStopping implements Callback {
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly mode: 'min' | 'max';
  readonly baseline: number | undefined;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  /** The epoch (zero-based) at which training was stopped, or 0 if it was not. */
  stoppedEpoch = 0;
  /** The best monitored value seen. */
  best = Number.NaN;
  private wait = 0;
  private bestWeights: unknown[] | undefined;
  private model: TrainingModel | undefined;

  constructor(options: EarlyStoppingOptions = {}) {
    checkOptions(options, 'EarlyStopping options', [
      'monitor',
      'minDelta',
      'patience',
      'mode',
      'baseline',
      'restoreBestWeights',
      'startFromEpoch',
    ]);
    const monitor = options.monitor ?? 'val_loss';
    if (typeof monitor !== 'string' || monitor === '') {
      throw new DataError({
        subject: 'EarlyStopping.monitor',
        expected: "a metric name such as 'val_loss'",
        got: describeValue(monitor),
      });
    }
    this.monitor = monitor;
    const minDelta = options.minDelta ?? 0;
    if (typeof minDelta !== 'number' || !Number.isFinite(minDelta)) {
      throw new DataError({
        subject: 'EarlyStopping.minDelta',
        expected: 'a finite number',
        got: describeValue(minDelta),
      });
    }
    this.minDelta = Math.abs(minDelta);
    const patience = options.patience ?? 0;
    if (typeof patience !== 'number' || !Number.isInteger(patience) || patience < 0) {
      throw new DataError({
        subject: 'EarlyStopping.patience',
        expected: 'an integer >= 0',
        got: describeValue(patience),
      });
    }
    this.patience = patience;
    const mode = options.mode ?? 'auto';
    if (mode !== 'auto' && mode !== 'min' && mode !== 'max') {
      throw new DataError({
        subject: 'EarlyStopping.mode',
        expected: "'auto', 'min' or 'max'",
        got: describeValue(mode),
      });
    }
    this.mode = mode === 'auto' ? (this.monitor.includes('acc') ? 'max' : 'min') : mode;
    if (
      options.baseline !== undefined &&
      (typeof options.baseline !== 'number' || Number.isNaN(options.baseline))
    ) {
      throw new DataError({
        subject: 'EarlyStopping.baseline',
        expected: 'a number',
        got: describeValue(options.baseline),
      });
    }
    this.baseline = options.baseline;
    this.restoreBestWeights = booleanOption(
      options.restoreBestWeights,
      'EarlyStopping.restoreBestWeights',
      false,
    );
    const startFromEpoch = options.startFromEpoch ?? 0;
    if (typeof startFromEpoch !== 'number' || !Number.isInteger(startFromEpoch) || startFromEpoch < 0) {
      throw new DataError({
        subject: 'EarlyStopping.startFromEpoch',
        expected: 'an integer >= 0',
        got: describeValue(startFromEpoch),
      });
    }
    this.startFromEpoch = startFromEpoch;
  }

  setModel(model: TrainingModel): void {
    this.model = model;
  }

  onTrainBegin(): void {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = this.mode === 'min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    this.bestWeights = undefined;
  }

  private improved(current: number, reference: number): boolean {
    return this.mode === 'min' ? current < reference - this.minDelta : current > reference + this.minDelta;
  }

  onEpochEnd(epoch: number, logs: Logs): void {
    const current = logs[this.monitor];
    if (current === undefined) {
      const available = Object.keys(logs).join(', ');
      console.warn(
        `EarlyStopping: the monitored metric ${JSON.stringify(this.monitor)} is not available (have: ${available}).`,
      );
      return;
    }
    if (epoch < this.startFromEpoch) return;
    if (this.restoreBestWeights && this.bestWeights === undefined)
      this.bestWeights = this.model?.getWeights();
    this.wait++;
    if (this.improved(current, this.best)) {
      this.best = current;
      if (this.restoreBestWeights) this.bestWeights = this.model?.getWeights();
      if (this.baseline === undefined || this.improved(current, this.baseline)) this.wait = 0;
    }
    if (this.wait >= this.patience && epoch > 0 && this.model) {
      this.stoppedEpoch = epoch;
      this.model.stopTraining = true;
      if (this.restoreBestWeights && this.bestWeights) this.model.setWeights(this.bestWeights);
    }
  }
}
