/**
 * Axes in the lab's style (`deeplearning.mplstyle`): tick labels without tick marks, a pale thick frame
 * (`#f0f0f0`, 3 px) drawn over the data, titles and axis labels; plus "nice" tick positions.
 *
 * @module
 */

import { LAB_COLORS } from './palette.js';
import { element, num, text } from './svg.js';

/** A plot area in SVG pixels: left, top, width, height. */
export interface PlotArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Tick step multipliers per decade, as matplotlib's default locator uses. */
const STEP_MULTIPLIERS = [1, 2, 2.5, 5, 10] as const;

/**
 * The smallest step of the form m·10^k (m in 1, 2, 2.5, 5) giving at most about `target` intervals.
 *
 * @example
 * niceStep(10, 5); // 2
 * niceStep(1, 5);  // 0.2
 */
export function niceStep(span: number, target = 5): number {
  const raw = Math.abs(span) / Math.max(1, target);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const m of STEP_MULTIPLIERS) if (m * magnitude >= raw * (1 - 1e-9)) return m * magnitude;
  return 10 * magnitude;
}

/** Decimals needed to print multiples of `step` exactly (0.25 → 2, 2.5 → 1, 2 → 0). */
export function stepDecimals(step: number): number {
  const base = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
  return Math.abs(mantissa - 2.5) < 1e-9 ? base + 1 : base;
}

/**
 * Multiples of a nice step inside [min, max], with floating noise removed.
 *
 * @example
 * niceTicks(0, 10); // [0, 2, 4, 6, 8, 10]
 * niceTicks(0, 1);  // [0, 0.2, 0.4, 0.6, 0.8, 1]
 */
export function niceTicks(min: number, max: number, target = 5): number[] {
  const step = niceStep(max - min, target);
  const decimals = stepDecimals(step);
  const ticks: number[] = [];
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  for (let k = first; k <= last; k++) ticks.push(Number((k * step).toFixed(decimals)) + 0);
  return ticks;
}

/** Tick text with as many decimals as the step needs, e.g. 0.0, 0.2, … 1.0 as matplotlib prints them. */
export function tickLabel(value: number, ticks: readonly number[]): string {
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : 1;
  const textValue = value.toFixed(stepDecimals(step));
  return /^-0(\.0*)?$/.test(textValue) ? textValue.slice(1) : textValue;
}

/** Maps [d0, d1] linearly onto [r0, r1]. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** What {@link drawAxes} labels; tick `at` values are in data units of each axis. */
export interface AxesSpec {
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  xTicks?: readonly { at: number; label: string }[];
  yTicks?: readonly { at: number; label: string }[];
  xLabel?: string;
  yLabel?: string;
  title?: string;
}

/** Numeric ticks with labels, ready for {@link AxesSpec}. */
export function labelledTicks(ticks: readonly number[]): { at: number; label: string }[] {
  return ticks.map((at) => ({ at, label: tickLabel(at, ticks) }));
}

/**
 * The pieces of a matplotlib-like axes box: `under` (tick labels, axis labels, title) and `over` (the frame,
 * drawn after the data as matplotlib draws spines above patches).
 */
export function drawAxes(area: PlotArea, spec: AxesSpec): { under: string; over: string } {
  const xOf = linearScale(spec.xDomain[0], spec.xDomain[1], area.x, area.x + area.width);
  const yOf = linearScale(spec.yDomain[0], spec.yDomain[1], area.y + area.height, area.y);
  const parts: string[] = [];
  for (const t of spec.xTicks ?? []) {
    parts.push(text(xOf(t.at), area.y + area.height + 17, t.label, { anchor: 'middle', fill: '#333333' }));
  }
  for (const t of spec.yTicks ?? []) {
    parts.push(text(area.x - 7, yOf(t.at) + 4, t.label, { anchor: 'end', fill: '#333333' }));
  }
  if (spec.xLabel !== undefined) {
    parts.push(
      text(area.x + area.width / 2, area.y + area.height + 37, spec.xLabel, { anchor: 'middle', size: 14 }),
    );
  }
  if (spec.yLabel !== undefined) {
    const cx = area.x - 44;
    const cy = area.y + area.height / 2;
    parts.push(
      text(cx, cy, spec.yLabel, {
        anchor: 'middle',
        size: 14,
        extra: { transform: `rotate(-90 ${num(cx)} ${num(cy)})` },
      }),
    );
  }
  if (spec.title !== undefined) {
    parts.push(text(area.x + area.width / 2, area.y - 12, spec.title, { anchor: 'middle', size: 16 }));
  }
  const over = element('rect', {
    x: area.x,
    y: area.y,
    width: area.width,
    height: area.height,
    fill: 'none',
    stroke: LAB_COLORS.frame,
    'stroke-width': 3,
  });
  return { under: parts.join('\n'), over };
}
