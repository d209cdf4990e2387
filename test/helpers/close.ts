/**
 * The one tolerance check used across the tests: |a - e| <= atol + rtol * |e|, element by element,
 * with NaN equal to NaN and infinities equal only to themselves. Failures name the first bad index.
 */
import { expect } from 'vitest';

export interface Tolerance {
  rtol?: number;
  atol?: number;
}

type Numeric = number | ArrayLike<number> | ArrayLike<ArrayLike<number>>;

function flatten(x: Numeric): number[] {
  if (typeof x === 'number') return [x];
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number | ArrayLike<number>;
    if (typeof v === 'number') out.push(v);
    else for (let j = 0; j < v.length; j++) out.push(v[j]!);
  }
  return out;
}

/** Index of the first element outside the tolerance, or -1. */
export function firstMismatch(actual: Numeric, expected: Numeric, tol: Tolerance = {}): number {
  const a = flatten(actual);
  const e = flatten(expected);
  if (a.length !== e.length) return -2;
  const { rtol = 0, atol = 0 } = tol;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = e[i]!;
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (!Number.isFinite(y) || !Number.isFinite(x)) {
      if (x !== y) return i;
      continue;
    }
    if (Math.abs(x - y) > atol + rtol * Math.abs(y)) return i;
  }
  return -1;
}

/** Asserts closeness and reports the first mismatch with both values. */
export function expectClose(actual: Numeric, expected: Numeric, tol: Tolerance = {}, label = ''): void {
  const i = firstMismatch(actual, expected, tol);
  if (i === -2) {
    expect.fail(
      `${label} length mismatch: got ${flatten(actual).length} values, expected ${flatten(expected).length}`,
    );
  }
  if (i >= 0) {
    const a = flatten(actual)[i];
    const e = flatten(expected)[i];
    expect.fail(
      `${label} element ${i}: got ${a}, expected ${e} (rtol ${tol.rtol ?? 0}, atol ${tol.atol ?? 0})`,
    );
  }
}
