/**
 * The lab's softmax picture (`plt_softmax` in the course's `lab_utils_softmax.py`) as a static SVG: two
 * horizontal bar panels side by side, "z input to softmax" (blue `#0096FF`, axis 0..10) and "softmax(z)"
 * (dark red `#C00000`, axis 0..1), z0 at the bottom, bars 0.6 of a slot thick.
 *
 * Improvements over the lab, on purpose: each value is printed at its bar end, "sum = 1.000" is printed
 * under the right panel, and the z axis grows beyond 0..10 to show negative or large logits (the lab's
 * sliders only allow 0.1..10).
 *
 * @module
 */

import { DataError, ShapeError } from '../core/errors.js';
import { drawAxes, labelledTicks, linearScale, niceStep, niceTicks, type PlotArea } from './axes.js';
import { LAB_COLORS } from './palette.js';
import { element, svg, text } from './svg.js';

const WIDTH = 800;
const HEIGHT = 330;
const LEFT_AREA: PlotArea = { x: 60, y: 40, width: 310, height: 230 };
const RIGHT_AREA: PlotArea = { x: 460, y: 40, width: 310, height: 230 };
const BAR_THICKNESS = 0.6;

/** The z axis: 0..10 as in the lab, widened to nice bounds when z leaves that range. */
function zDomain(z: readonly number[]): [number, number] {
  const lo = Math.min(0, ...z);
  const hi = Math.max(10, ...z);
  if (lo === 0 && hi === 10) return [0, 10];
  const step = niceStep(hi - lo);
  return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
}

function zText(v: number): string {
  return String(Number(v.toFixed(2)));
}

function pText(v: number): string {
  return v > 0 && v < 0.0005 ? v.toExponential(1) : v.toFixed(3);
}

interface Panel {
  area: PlotArea;
  values: readonly number[];
  domain: readonly [number, number];
  color: string;
  title: string;
  prefix: string;
  cssClass: string;
  format: (v: number) => string;
}

function drawPanel(p: Panel): string {
  const { area, values } = p;
  const n = values.length;
  const slot = area.height / n;
  const xOf = linearScale(p.domain[0], p.domain[1], area.x, area.x + area.width);
  const ticks = niceTicks(p.domain[0], p.domain[1]);
  const axes = drawAxes(area, {
    xDomain: p.domain,
    yDomain: [0, n],
    xTicks: labelledTicks(ticks),
    yTicks: values.map((_, i) => ({ at: i + 0.5, label: `${p.prefix}${i}` })),
    title: p.title,
  });
  const parts = [axes.under];
  if (p.domain[0] < 0) {
    const x0 = xOf(0);
    parts.push(element('line', { x1: x0, y1: area.y, x2: x0, y2: area.y + area.height, stroke: '#cbcbcb' }));
  }
  values.forEach((v, i) => {
    const centre = area.y + area.height - (i + 0.5) * slot;
    const start = xOf(Math.min(0, v));
    const end = xOf(v);
    parts.push(
      element('rect', {
        class: p.cssClass,
        'data-value': String(v),
        x: start,
        y: centre - (BAR_THICKNESS * slot) / 2,
        width: Math.abs(end - xOf(0)),
        height: BAR_THICKNESS * slot,
        fill: p.color,
        stroke: LAB_COLORS.frame,
        'stroke-width': 0.5,
      }),
    );
    // Labels go past the bar end, or inside it (white) when the bar nearly fills the panel.
    const towardRight = v >= 0;
    const room = towardRight ? area.x + area.width - end : end - area.x;
    const inside = room < 0.15 * area.width;
    const anchor = towardRight === inside ? 'end' : 'start';
    const x = end + (towardRight === inside ? -5 : 5);
    parts.push(text(x, centre + 4, p.format(v), { anchor, fill: inside ? '#ffffff' : '#333333', size: 12 }));
  });
  parts.push(axes.over);
  return parts.join('\n');
}

/**
 * SVG of the softmax slider picture for logits `z` and their softmax `p` (same length, p in [0, 1]).
 * Bars have classes `bar-z` / `bar-p` and carry their value in `data-value`.
 *
 * @example
 * const z = [1, 2, 3, 4];
 * const e = z.map(Math.exp), s = e.reduce((a, b) => a + b);
 * writeFileSync('softmax.svg', renderSoftmaxBars(z, e.map((v) => v / s)));
 */
export function renderSoftmaxBars(z: readonly number[], p: readonly number[]): string {
  if (z.length === 0 || z.length !== p.length) {
    throw new ShapeError({
      subject: 'renderSoftmaxBars',
      expected: 'z and p of the same non-zero length',
      got: `${z.length} z values and ${p.length} p values`,
    });
  }
  z.forEach((v, i) => {
    if (!Number.isFinite(v))
      throw new DataError({ subject: 'z', expected: 'finite values', got: String(v), where: `index ${i}` });
  });
  p.forEach((v, i) => {
    if (!(v >= 0 && v <= 1))
      throw new DataError({
        subject: 'p',
        expected: 'values in [0, 1]',
        got: String(v),
        where: `index ${i}`,
      });
  });
  const sum = p.reduce((a, b) => a + b, 0);
  const left = drawPanel({
    area: LEFT_AREA,
    values: z,
    domain: zDomain(z),
    color: LAB_COLORS.dlblue,
    title: 'z input to softmax',
    prefix: 'z',
    cssClass: 'bar-z',
    format: zText,
  });
  const right = drawPanel({
    area: RIGHT_AREA,
    values: p,
    domain: [0, 1],
    color: LAB_COLORS.dldarkred,
    title: 'softmax(z)',
    prefix: 'a',
    cssClass: 'bar-p',
    format: pText,
  });
  const sumText = text(
    RIGHT_AREA.x + RIGHT_AREA.width / 2,
    RIGHT_AREA.y + RIGHT_AREA.height + 42,
    `sum = ${sum.toFixed(3)}`,
    {
      anchor: 'middle',
      size: 14,
      extra: { class: 'sum' },
    },
  );
  return svg(WIDTH, HEIGHT, [left, right, sumText], { title: 'z input to softmax and softmax(z)' });
}
