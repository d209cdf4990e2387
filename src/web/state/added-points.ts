/**
 * The learner's own points: how one is made from a click or a typed pair (two decimals, inside the plane's
 * limits), how the list is written to and read from the URL key `pts`, and which points fit the current
 * class count.
 *
 * URL form: `x0_x1_class` per point, points joined by `~`, e.g. `pts=-3.5_1.25_0~2_2_3`. Every character of
 * that form is unreserved in a URL, so it needs no percent-escaping and stays readable in a shared link.
 *
 * @module
 */

import { quoted } from '../../core/printable.js';
import { type AddedPoint, clampTo, LIMITS } from './lab-state.js';

/** The most points a page (and a link) holds. */
export const MAX_ADDED_POINTS = LIMITS.addedPoints.max;

/** Separators of the URL form: between points, and between the fields of one point. */
const POINT_SEPARATOR = '~';
const FIELD_SEPARATOR = '_';

// The same plain-decimal pattern as the other URL numbers (no hex, no "Infinity", no empty string), and
// linear-time on long digit runs for the same reason (see url-state.ts).
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const CLASS = /^\d+$/;

/** Rounds to two decimals; `+ 0` turns −0 into 0 so that the URL never says "-0". */
function twoDecimals(v: number): number {
  return Math.round(v * 100) / 100 + 0;
}

/**
 * A point at (x0, x1) of class `label`: coordinates rounded to two decimals and clamped to ±20 (a click
 * resolves a few hundredths at best, and short numbers keep 200 points in a link of a few kB).
 *
 * @example
 * addedPoint(-3.14259, 25, 2); // { x0: -3.14, x1: 20, label: 2 }
 */
export function addedPoint(x0: number, x1: number, label: number): AddedPoint {
  return {
    x0: clampTo(twoDecimals(x0), LIMITS.coordinate),
    x1: clampTo(twoDecimals(x1), LIMITS.coordinate),
    label,
  };
}

/**
 * The URL value of a list of points: `x0_x1_class` joined by `~`, numbers in JavaScript's shortest form.
 *
 * @example
 * serializeAddedPoints([{ x0: -3.5, x1: 1.25, label: 0 }, { x0: 2, x1: 2, label: 3 }]); // '-3.5_1.25_0~2_2_3'
 */
export function serializeAddedPoints(points: readonly AddedPoint[]): string {
  return points.map((p) => [p.x0, p.x1, p.label].map(String).join(FIELD_SEPARATOR)).join(POINT_SEPARATOR);
}

/** The points read from a URL value, and what was wrong with it (empty when everything was understood). */
export interface ParsedAddedPoints {
  points: AddedPoint[];
  notices: string[];
}

/**
 * Reads the URL value of `pts` for a page with `classes` classes. Never throws, and every problem is
 * counted into at most one notice per kind (so a junk link cannot flood the notice box):
 * - more than {@link MAX_ADDED_POINTS} points: only the first ones are used;
 * - an item that is not `x0_x1_class` (numbers, and a whole class number): dropped;
 * - a class outside 0…classes − 1 (e.g. a link made with more centres): dropped;
 * - a coordinate outside ±20: clamped. Coordinates are rounded to two decimals without a notice.
 *
 * @example
 * parseAddedPoints('-3.5_1.25_0~2_2_7', 4);
 * // { points: [{ x0: -3.5, x1: 1.25, label: 0 }], notices: ['pts: 1 point has a class outside c0…c3 …'] }
 */
export function parseAddedPoints(raw: string, classes: number): ParsedAddedPoints {
  const notices: string[] = [];
  if (raw === '') return { points: [], notices };
  // Split no further than needed: a link with 100,000 separators must not build 100,000 strings.
  const items = raw.split(POINT_SEPARATOR, MAX_ADDED_POINTS + 1);
  if (items.length > MAX_ADDED_POINTS) {
    notices.push(`pts has more than ${MAX_ADDED_POINTS} points; only the first ${MAX_ADDED_POINTS} are used`);
    items.length = MAX_ADDED_POINTS;
  }
  const points: AddedPoint[] = [];
  const unreadable: string[] = [];
  let badClass = 0;
  let clamped = 0;
  for (const item of items) {
    const fields = item.split(FIELD_SEPARATOR, 4).map((f) => f.trim());
    const [a, b, c] = fields;
    if (
      fields.length !== 3 ||
      a === undefined ||
      b === undefined ||
      c === undefined ||
      !NUMBER.test(a) ||
      !NUMBER.test(b) ||
      !CLASS.test(c)
    ) {
      unreadable.push(item);
      continue;
    }
    const label = Number(c);
    if (label >= classes) {
      badClass += 1;
      continue;
    }
    const point = addedPoint(Number(a), Number(b), label);
    if (point.x0 !== twoDecimals(Number(a)) || point.x1 !== twoDecimals(Number(b))) clamped += 1;
    points.push(point);
  }
  if (unreadable.length > 0) {
    const first = quoted(unreadable[0]!, 40);
    notices.push(
      `pts: ${counted(unreadable.length, 'item is', 'items are')} not x0_x1_class (first: ${first}); dropped`,
    );
  }
  if (badClass > 0) {
    const have = counted(badClass, 'point has', 'points have');
    notices.push(`pts: ${have} a class outside c0…c${classes - 1} (there are ${classes} centres); dropped`);
  }
  if (clamped > 0) {
    const { min, max } = LIMITS.coordinate;
    notices.push(
      `pts: ${counted(clamped, 'point has', 'points have')} a coordinate outside ${min}…${max}; clamped`,
    );
  }
  return { points, notices };
}

/** "1 point has" / "3 points have". */
function counted(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The points whose class exists among `classes` classes (the others cannot be trained on). */
export function pointsOfClasses(points: readonly AddedPoint[], classes: number): AddedPoint[] {
  return points.filter((p) => p.label < classes);
}

/**
 * Index of the added point nearest to (px, py) under `toPx` (plane → pixels), if it lies within `maxDist`
 * pixels; −1 otherwise. Distances are measured on screen so that "near" means the same on any zoom.
 */
export function nearestAddedPoint(
  points: readonly AddedPoint[],
  toPx: (x0: number, x1: number) => [number, number],
  px: number,
  py: number,
  maxDist: number,
): number {
  let best = -1;
  let bestD = maxDist * maxDist;
  points.forEach((p, i) => {
    const [qx, qy] = toPx(p.x0, p.x1);
    const d = (qx - px) ** 2 + (qy - py) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}
