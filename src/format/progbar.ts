/**
 * The Keras 2 progress bar (`tf_keras/utils/generic_utils.py` `Progbar`, as driven by `ProgbarLogger` in
 * `fit`), reproduced character for character:
 *
 * ```
 * Epoch 1/10
 * 63/63 [==============================] - 0s 1ms/step - loss: 0.8726
 * ```
 *
 * Differences from Keras, on purpose:
 * - All metric values are shown as given (Keras' "stateful metrics"), which is what `fit` passes: the running
 *   epoch means. Keras would average any other metric over steps itself.
 * - A sink that is not a terminal (a log file, a pipe, a test capture) gets only the final line of each bar,
 *   one line per epoch. Keras redraws with `\b` and `\r` whenever Python's `posix` module is loaded, which
 *   fills logs with control characters.
 * - The verbose=2 line always ends with a newline, even when finalized before the target step.
 *
 * @module
 */

import { DataError, describeValue } from '../core/errors.js';
import { checkOptions, sinkOption } from '../core/options.js';
import { formatFixed, formatKerasMetric } from './python-number.js';

/** Where the bar is written. `isTTY: true` turns on the redrawn (dynamic) display. */
export interface ProgbarSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Options of {@link Progbar}; the defaults are Keras 2's. */
export interface ProgbarOptions {
  /** Characters between the brackets. Default 30. */
  width?: number;
  /** 0 silent, 1 a bar redrawn per step, 2 one line per epoch. Default 1. */
  verbose?: 0 | 1 | 2;
  /** Minimum seconds between two redraws (the final update is never skipped). Default 0.05. */
  interval?: number;
  /** Default `process.stdout`. */
  sink?: ProgbarSink;
  /** Clock in seconds; injectable for tests. Default `performance.now() / 1000`. */
  now?: () => number;
}

/** The widest bar {@link Progbar} draws. */
const MAX_WIDTH = 1000;

/** One metric to show: `[name, value]`, e.g. `['loss', 0.8726]`. */
export type ProgbarValue = readonly [name: string, value: number];

/**
 * The `Epoch i/E` line Keras prints before each epoch, or `undefined` when `epochs` is 1 (Keras prints
 * nothing then). `epoch` is zero-based, as in Keras callbacks and `history.epoch`.
 *
 * @example
 * epochHeader(0, 10); // 'Epoch 1/10'
 * epochHeader(0, 1);  // undefined
 */
export function epochHeader(epoch: number, epochs: number): string | undefined {
  if (!Number.isSafeInteger(epoch) || epoch < 0 || !Number.isSafeInteger(epochs) || epochs < 0) {
    throw new DataError({
      subject: 'epochHeader',
      expected: 'integers epoch >= 0 and epochs >= 0',
      got: `epoch=${describeValue(epoch)}, epochs=${describeValue(epochs)}`,
    });
  }
  return epochs > 1 ? `Epoch ${epoch + 1}/${epochs}` : undefined;
}

/**
 * Keras' `Progbar._format_time`: ` 3s/step`, ` 12ms/step` or ` 250us/step`, rounded like Python `%.0f`
 * (exact value, ties to even). Zero prints as ` 0s/<unit>`.
 */
export function formatStepTime(seconds: number, unit: string): string {
  if (seconds >= 1 || seconds === 0) return ` ${formatFixed(seconds, 0)}s/${unit}`;
  if (seconds >= 1e-3) return ` ${formatFixed(seconds * 1000, 0)}ms/${unit}`;
  return ` ${formatFixed(seconds * 1e6, 0)}us/${unit}`;
}

/** Keras' ETA text: `1:02:03` above an hour, `2:05` above a minute, else `42s`; Python `%d` truncates. */
export function formatEta(seconds: number): string {
  const two = (n: number) => String(Math.trunc(n)).padStart(2, '0');
  if (seconds > 3600)
    return `${Math.floor(seconds / 3600)}:${two(Math.floor((seconds % 3600) / 60))}:${two(seconds % 60)}`;
  if (seconds > 60) return `${Math.floor(seconds / 60)}:${two(seconds % 60)}`;
  return `${Math.trunc(seconds)}s`;
}

/**
 * A Keras 2 progress bar for one epoch of `target` steps. Create one per epoch (as Keras' `ProgbarLogger`
 * does) and call {@link Progbar.update} after each step.
 *
 * Line format (verbose 1): `'%{d}d/%d ['` with d = digits of target, then `int(width·current/target)` cells
 * of `=` whose last is `>` while in progress, `.` for the rest and `]`; then ` - ETA: 2s` while in progress, or
 * ` - 0s 1ms/step` (elapsed, time per step) at the end; then ` - name: value` per metric
 * (`.4f`, or `.4e` when |value| <= 1e-3). Time per step leaves out the first step once there are others.
 *
 * @example
 * const bar = new Progbar(63, { sink: process.stdout });
 * for (let step = 1; step <= 63; step++) bar.update(step, [['loss', runningLoss]]);
 */
export class Progbar {
  readonly target: number;
  private readonly width: number;
  private readonly verbose: 0 | 1 | 2;
  private readonly interval: number;
  private readonly sink: ProgbarSink;
  private readonly now: () => number;
  private readonly dynamicDisplay: boolean;
  private readonly values = new Map<string, number>();
  private readonly start: number;
  // Keras starts from 0 with time.time() in the billions, so the first update is always drawn.
  private lastUpdate = Number.NEGATIVE_INFINITY;
  private totalWidth = 0;
  private timeAtEpochStart: number;
  private timeAtEpochEnd: number | undefined;
  private timeAfterFirstStep: number | undefined;

  constructor(target: number, options: ProgbarOptions = {}) {
    if (!Number.isSafeInteger(target) || target < 1) {
      throw new DataError({
        subject: 'Progbar target',
        expected: 'a positive integer',
        got: describeValue(target),
      });
    }
    checkOptions(options, 'Progbar options', ['width', 'verbose', 'interval', 'sink', 'now']);
    this.target = target;
    const width = options.width ?? 30;
    // The bar is drawn as one string of `width` cells: a huge width would allocate a huge line.
    if (typeof width !== 'number' || !Number.isInteger(width) || width < 1 || width > MAX_WIDTH) {
      throw new DataError({
        subject: 'Progbar width',
        expected: `an integer from 1 to ${MAX_WIDTH}`,
        got: describeValue(width),
      });
    }
    this.width = width;
    const verbose = options.verbose ?? 1;
    if (verbose !== 0 && verbose !== 1 && verbose !== 2) {
      throw new DataError({ subject: 'Progbar verbose', expected: '0, 1 or 2', got: describeValue(verbose) });
    }
    this.verbose = verbose;
    const interval = options.interval ?? 0.05;
    if (typeof interval !== 'number' || !(interval >= 0)) {
      throw new DataError({
        subject: 'Progbar interval',
        expected: 'a number of seconds >= 0',
        got: describeValue(interval),
      });
    }
    this.interval = interval;
    this.sink = sinkOption(options.sink, 'Progbar sink') ?? process.stdout;
    if (options.now !== undefined && typeof options.now !== 'function') {
      throw new DataError({
        subject: 'Progbar now',
        expected: 'a function',
        got: describeValue(options.now),
      });
    }
    this.now = options.now ?? (() => performance.now() / 1000);
    this.dynamicDisplay = this.sink.isTTY === true;
    this.start = this.now();
    this.timeAtEpochStart = this.start;
  }

  /**
   * Records step `current` (1-based) with the metric values to show, and redraws when due.
   * `finalize` defaults to `current >= target`; the final update is always written and ends the line.
   */
  update(current: number, values: readonly ProgbarValue[] = [], finalize?: boolean): void {
    if (typeof current !== 'number' || !(current >= 0) || current === Number.POSITIVE_INFINITY) {
      throw new DataError({
        subject: 'Progbar.update current',
        expected: 'a finite step number >= 0',
        got: describeValue(current),
      });
    }
    if (!Array.isArray(values)) {
      throw new DataError({
        subject: 'Progbar.update values',
        expected: "a list of [name, value] pairs like [['loss', 0.5]]",
        got: describeValue(values),
      });
    }
    const isFinal = finalize ?? current >= this.target;
    for (let i = 0; i < values.length; i++) {
      const entry = values[i] as unknown;
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'number') {
        throw new DataError({
          subject: 'Progbar.update values',
          expected: "[name, value] pairs like ['loss', 0.5]",
          got: describeValue(entry),
          where: `index ${i}`,
        });
      }
      this.values.set(entry[0], entry[1]);
    }
    const now = this.now();
    const elapsed = ` - ${formatFixed(now - this.start, 0)}s`;
    if (current === this.target) this.timeAtEpochEnd = now;
    if (this.verbose === 1) {
      if (now - this.lastUpdate < this.interval && !isFinal) return;
      this.drawBar(current, now, elapsed, isFinal);
    } else if (this.verbose === 2 && isFinal) {
      this.writeEpochLine(current, now, elapsed);
    }
    this.lastUpdate = now;
  }

  private drawBar(current: number, now: number, elapsed: string, isFinal: boolean): void {
    const previousWidth = this.totalWidth;
    const bar = this.barText(current);
    const stepTime = this.estimateStepDuration(current, now);
    let info = isFinal
      ? elapsed + formatStepTime(stepTime, 'step')
      : ` - ETA: ${formatEta(stepTime * (this.target - current))}`;
    for (const [name, value] of this.values) info += ` - ${name}: ${formatKerasMetric(value)}`;
    const line = bar + info;
    this.totalWidth = line.length;
    if (!this.dynamicDisplay) {
      if (isFinal) this.sink.write(`${line}\n`);
      return;
    }
    const padding = ' '.repeat(Math.max(0, previousWidth - line.length));
    this.sink.write(`${'\b'.repeat(previousWidth)}\r${line}${padding}${isFinal ? '\n' : ''}`);
  }

  private barText(current: number): string {
    const digits = String(this.target).length;
    let bar = `${String(Math.trunc(current)).padStart(digits, ' ')}/${this.target} [`;
    // A step past the target (Keras allows it) draws a full bar, not a longer one.
    const filled = Math.min(this.width, Math.trunc(this.width * (current / this.target)));
    if (filled > 0) bar += '='.repeat(filled - 1) + (current < this.target ? '>' : '=');
    return `${bar}${'.'.repeat(Math.max(0, this.width - filled))}]`;
  }

  private writeEpochLine(current: number, now: number, elapsed: string): void {
    const digits = String(this.target).length;
    let line = `${String(Math.trunc(current)).padStart(digits, ' ')}/${this.target}${elapsed}`;
    // Keras' verbose=2 branch compares `avg > 1e-3` without abs(), unlike the bar.
    for (const [name, value] of this.values)
      line += ` - ${name}: ${formatKerasMetric(value, { signed: true })}`;
    if (this.timeAtEpochEnd !== undefined) {
      const epochSeconds = this.timeAtEpochEnd - this.timeAtEpochStart;
      line += ` -${formatStepTime(epochSeconds, 'epoch')} -${formatStepTime(epochSeconds / this.target, 'step')}`;
      this.timeAtEpochStart = now;
      this.timeAtEpochEnd = undefined;
    }
    this.sink.write(`${line}\n`);
  }

  /** Keras' `_estimate_step_duration`: the first step (graph tracing in Keras) is left out once possible. */
  private estimateStepDuration(current: number, now: number): number {
    if (!current) return 0;
    const perStep =
      this.timeAfterFirstStep !== undefined && current > 1
        ? (now - this.timeAfterFirstStep) / (current - 1)
        : (now - this.start) / current;
    if (current === 1) this.timeAfterFirstStep = now;
    return perStep;
  }
}
