/**
 * Decision regions of a classifier over the 2-D input plane: each panel fills the plane with the light
 * `Paired` colour of the predicted class (argmax of the probabilities), paler where the model is less sure,
 * and draws the data points on top in the dark class colours with thin white outlines.
 *
 * The lab (`plot_cat_decision_boundary_mc`) draws only contour lines of the predicted class; filled regions
 * shaded by confidence are our improvement. The region image is a PNG with one pixel per grid cell, scaled
 * by the SVG (`preserveAspectRatio="none"`, pixelated), so its size grows with the grid, not the picture.
 *
 * Grid layout (the same for {@link gridPoints} and `probs`): `nx × ny` equal cells covering
 * [xMin, xMax] × [yMin, yMax]; cell (i, j) has centre `(xMin + (i + ½)·dx, yMin + (j + ½)·dy)`;
 * row j = 0 is at **yMin** (the bottom), x varies fastest; class c of cell (i, j) is
 * `probs[(j·nx + i)·k + c]`.
 *
 * @module
 */

import { DataError, ShapeError } from '../core/errors.js';
import { drawAxes, labelledTicks, linearScale, niceTicks, type PlotArea } from './axes.js';
import { classColorLight, hexToRgb } from './palette.js';
import { encodePng, pngDataUrl } from './png.js';
import {
  classNamesFor,
  drawLegend,
  drawPoints,
  type LabelledPoints,
  type PointsInput,
  toLabelledPoints,
} from './points.js';
import { element, svg } from './svg.js';

/** The plane a grid covers and how many cells it has along each axis. */
export interface GridSpec {
  nx: number;
  ny: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** Class probabilities on a grid: `probs.length === nx·ny·k`, laid out as described in the module notes. */
export interface ProbabilityGrid extends GridSpec {
  probs: Float32Array | Float64Array | readonly number[];
  /** Number of classes. */
  k: number;
}

/** One picture panel: a title and the model's probabilities on its grid. */
export interface RegionPanel {
  title: string;
  grid: ProbabilityGrid;
}

/** What {@link renderDecisionRegions} draws. */
export interface DecisionRegionsInput {
  panels: readonly RegionPanel[];
  points: { X: PointsInput; y: ArrayLike<number> };
  classNames?: readonly string[];
}

function checkSpec(spec: GridSpec, where: string): void {
  if (!Number.isInteger(spec.nx) || !Number.isInteger(spec.ny) || spec.nx < 1 || spec.ny < 1) {
    throw new ShapeError({
      subject: `${where} nx, ny`,
      expected: 'positive integers',
      got: `${spec.nx}, ${spec.ny}`,
    });
  }
  if (!(spec.xMax > spec.xMin) || !(spec.yMax > spec.yMin)) {
    throw new DataError({
      subject: `${where} bounds`,
      expected: 'xMin < xMax and yMin < yMax',
      got: `x ${spec.xMin}..${spec.xMax}, y ${spec.yMin}..${spec.yMax}`,
    });
  }
}

/**
 * The centres of the grid's cells as a flat `[x, y, x, y, …]` array (`nx·ny` points, x fastest, bottom row
 * first): feed it to the model (as an `[nx·ny, 2]` matrix) to get `probs` in the order the picture expects.
 *
 * @example
 * gridPoints({ nx: 2, ny: 1, xMin: 0, xMax: 2, yMin: 0, yMax: 1 }); // Float64Array [0.5, 0.5, 1.5, 0.5]
 */
export function gridPoints(spec: GridSpec): Float64Array {
  checkSpec(spec, 'gridPoints');
  const dx = (spec.xMax - spec.xMin) / spec.nx;
  const dy = (spec.yMax - spec.yMin) / spec.ny;
  const out = new Float64Array(spec.nx * spec.ny * 2);
  for (let j = 0; j < spec.ny; j++) {
    for (let i = 0; i < spec.nx; i++) {
      const cell = j * spec.nx + i;
      out[2 * cell] = spec.xMin + (i + 0.5) * dx;
      out[2 * cell + 1] = spec.yMin + (j + 0.5) * dy;
    }
  }
  return out;
}

/**
 * RGBA pixels of the region image, top row first (so grid row ny − 1 comes first). The argmax class's light
 * colour is mixed with white by confidence: `t = (max p − 1/k) / (1 − 1/k)` is 0 where all classes tie
 * (white) and 1 where the model is certain (full colour). Cells with a non-finite probability are grey.
 */
export function regionPixels(grid: ProbabilityGrid): Uint8Array {
  checkSpec(grid, 'decision-region grid');
  const { nx, ny, k, probs } = grid;
  if (!Number.isInteger(k) || k < 1 || probs.length !== nx * ny * k) {
    throw new ShapeError({
      subject: 'decision-region probs',
      expected: `nx·ny·k = ${nx}·${ny}·${k} = ${nx * ny * k} values`,
      got: `${probs.length} values`,
    });
  }
  const light = Array.from({ length: k }, (_, c) => hexToRgb(classColorLight(c)));
  const rgba = new Uint8Array(nx * ny * 4);
  for (let j = 0; j < ny; j++) {
    const row = ny - 1 - j;
    for (let i = 0; i < nx; i++) {
      const base = (j * nx + i) * k;
      let best = 0;
      let bestP = probs[base]!;
      let finite = Number.isFinite(bestP);
      for (let c = 1; c < k; c++) {
        const pc = probs[base + c]!;
        if (!Number.isFinite(pc)) finite = false;
        if (pc > bestP) {
          bestP = pc;
          best = c;
        }
      }
      const t = k === 1 ? 1 : Math.min(1, Math.max(0, (bestP - 1 / k) / (1 - 1 / k)));
      const [r, g, b] = light[best]!;
      const o = (row * nx + i) * 4;
      rgba[o] = finite ? Math.round(255 + (r - 255) * t) : 200;
      rgba[o + 1] = finite ? Math.round(255 + (g - 255) * t) : 200;
      rgba[o + 2] = finite ? Math.round(255 + (b - 255) * t) : 200;
      rgba[o + 3] = 255;
    }
  }
  return rgba;
}

const PANEL_WIDTH = 300;
const PANEL_HEIGHT = 270;
const PANEL_GAP = 90;

function drawRegionPanel(panel: RegionPanel, area: PlotArea, points: LabelledPoints): string {
  const g = panel.grid;
  const png = encodePng(g.nx, g.ny, regionPixels(g));
  const axes = drawAxes(area, {
    xDomain: [g.xMin, g.xMax],
    yDomain: [g.yMin, g.yMax],
    xTicks: labelledTicks(niceTicks(g.xMin, g.xMax)),
    yTicks: labelledTicks(niceTicks(g.yMin, g.yMax)),
    xLabel: 'x0',
    yLabel: 'x1',
    title: panel.title,
  });
  const image = element('image', {
    class: 'regions',
    x: area.x,
    y: area.y,
    width: area.width,
    height: area.height,
    preserveAspectRatio: 'none',
    style: 'image-rendering:pixelated;image-rendering:crisp-edges',
    href: pngDataUrl(png),
  });
  const xOf = linearScale(g.xMin, g.xMax, area.x, area.x + area.width);
  const yOf = linearScale(g.yMin, g.yMax, area.y + area.height, area.y);
  // Points outside this panel's grid are left out rather than drawn over the axes.
  const keep: number[] = [];
  for (let i = 0; i < points.xs.length; i++) {
    const x = points.xs[i]!;
    const y = points.ys[i]!;
    if (x >= g.xMin && x <= g.xMax && y >= g.yMin && y <= g.yMax) keep.push(i);
  }
  const inside: LabelledPoints = {
    xs: Float64Array.from(keep, (i) => points.xs[i]!),
    ys: Float64Array.from(keep, (i) => points.ys[i]!),
    labels: Int32Array.from(keep, (i) => points.labels[i]!),
    classCount: points.classCount,
  };
  return [axes.under, image, drawPoints(inside, xOf, yOf, { radius: 4, outline: true }), axes.over].join(
    '\n',
  );
}

/**
 * One SVG with the panels side by side (e.g. the "obvious" and the "preferred" model) and a shared legend.
 *
 * @example
 * const spec = { nx: 100, ny: 80, xMin: -8, xMax: 8, yMin: -5, yMax: 5 };
 * const probs = predictProbabilities(gridPoints(spec)); // nx·ny·4 values
 * renderDecisionRegions({ panels: [{ title: 'softmax output', grid: { ...spec, k: 4, probs } }], points: { X, y } });
 */
export function renderDecisionRegions(input: DecisionRegionsInput): string {
  if (input.panels.length === 0) {
    throw new ShapeError({
      subject: 'renderDecisionRegions panels',
      expected: 'at least 1 panel',
      got: '0 panels',
    });
  }
  const points = toLabelledPoints(input.points.X, input.points.y, 'points.X');
  const parts = input.panels.map((panel, p) =>
    drawRegionPanel(
      panel,
      { x: 70 + p * (PANEL_WIDTH + PANEL_GAP), y: 40, width: PANEL_WIDTH, height: PANEL_HEIGHT },
      points,
    ),
  );
  const classCount = Math.max(points.classCount, ...input.panels.map((p) => p.grid.k));
  const legendX = 70 + input.panels.length * (PANEL_WIDTH + PANEL_GAP) - PANEL_GAP + 20;
  parts.push(drawLegend(legendX, 50, classNamesFor(classCount, input.classNames)));
  const title = input.panels.map((p) => p.title).join(' | ');
  return svg(legendX + 90, 40 + PANEL_HEIGHT + 50, parts, { title: `Decision regions: ${title}` });
}
