/**
 * Labelled 2-D points shared by the scatter and decision-region pictures: input checking, data bounds,
 * the class-coloured dots and the `c0 … c3` legend.
 *
 * @module
 */

import { DataError, LabelError, ShapeError } from '../core/errors.js';
import { classColorDark } from './palette.js';
import { element, text } from './svg.js';

/** Points as rows `[x0, x1]` or as `{ x, y }` objects. */
export type PointsInput =
  | readonly (readonly number[] | Float32Array | Float64Array)[]
  | readonly { x: number; y: number }[];

/** Checked points: coordinates and integer class labels, all the same length. */
export interface LabelledPoints {
  xs: Float64Array;
  ys: Float64Array;
  labels: Int32Array;
  /** `max(label) + 1`, at least 1. */
  classCount: number;
}

function isXY(p: unknown): p is { x: number; y: number } {
  return typeof p === 'object' && p !== null && !ArrayBuffer.isView(p) && !Array.isArray(p);
}

/**
 * Checks and copies points and labels: each row must have 2 finite numbers, each label must be a
 * non-negative integer, and there must be one label per point.
 */
export function toLabelledPoints(X: PointsInput, y: ArrayLike<number>, subject = 'X'): LabelledPoints {
  if (X.length !== y.length) {
    throw new ShapeError({
      subject: `${subject} and y`,
      expected: 'one label per point',
      got: `${X.length} points and ${y.length} labels`,
    });
  }
  const n = X.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const labels = new Int32Array(n);
  let classCount = 1;
  for (let i = 0; i < n; i++) {
    const row = X[i]!;
    let a: number | undefined;
    let b: number | undefined;
    if (isXY(row)) {
      a = row.x;
      b = row.y;
    } else {
      if (row.length !== 2)
        throw new ShapeError({
          subject,
          expected: '2 columns',
          got: `${row.length} columns`,
          where: `row ${i}`,
        });
      a = row[0];
      b = row[1];
    }
    if (typeof a !== 'number' || typeof b !== 'number' || !Number.isFinite(a) || !Number.isFinite(b)) {
      throw new DataError({
        subject,
        expected: 'finite coordinates',
        got: `(${a}, ${b})`,
        where: `row ${i}`,
      });
    }
    const label = y[i]!;
    if (!Number.isInteger(label) || label < 0) {
      throw new LabelError({
        subject: 'y',
        expected: 'non-negative integer class labels',
        got: String(label),
        where: `index ${i}`,
      });
    }
    xs[i] = a;
    ys[i] = b;
    labels[i] = label;
    classCount = Math.max(classCount, label + 1);
  }
  return { xs, ys, labels, classCount };
}

/** Min and max of an array; [0, 1] when empty. */
export function extent(values: ArrayLike<number>): [number, number] {
  if (values.length === 0) return [0, 1];
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]!);
    hi = Math.max(hi, values[i]!);
  }
  return [lo, hi];
}

/** Class-coloured dots (class `point`, `data-class` = label); `outline` draws a thin white ring. */
export function drawPoints(
  points: LabelledPoints,
  xOf: (v: number) => number,
  yOf: (v: number) => number,
  options: { radius?: number; outline?: boolean } = {},
): string {
  const parts: string[] = [];
  for (let i = 0; i < points.xs.length; i++) {
    const label = points.labels[i]!;
    parts.push(
      element('circle', {
        class: 'point',
        'data-class': label,
        cx: xOf(points.xs[i]!),
        cy: yOf(points.ys[i]!),
        r: options.radius ?? 4,
        fill: classColorDark(label),
        stroke: options.outline ? '#ffffff' : undefined,
        'stroke-width': options.outline ? 0.8 : undefined,
      }),
    );
  }
  return parts.join('\n');
}

/** Class names to show: the given ones, else `c0`, `c1`, … as the lab's legend. */
export function classNamesFor(count: number, names?: readonly string[]): string[] {
  return Array.from({ length: Math.max(count, names?.length ?? 0) }, (_, k) => names?.[k] ?? `c${k}`);
}

/** A vertical legend of coloured dots and names starting at (x, y). */
export function drawLegend(x: number, y: number, names: readonly string[]): string {
  const parts: string[] = [];
  names.forEach((name, k) => {
    const cy = y + k * 20;
    parts.push(element('circle', { cx: x + 6, cy, r: 5, fill: classColorDark(k) }));
    parts.push(text(x + 17, cy + 4, name, { size: 12, extra: { class: 'legend' } }));
  });
  return element('g', { class: 'legend-box' }, parts);
}
