/**
 * Filled decision regions with confidence shading (the lab draws only contour lines): each grid cell takes
 * the colour of its argmax class, faded towards white where the model is unsure. The grid is written as raw
 * pixels into a small canvas and scaled onto the plot, as TF Playground's heatmap does.
 *
 * @module
 */

import type { PlaneCanvas } from './plane.js';

/** `#rrggbb` → [r, g, b]. */
function rgb(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/**
 * The strength of a cell's colour from its largest probability: 0 at chance (1/k), 1 when certain. Shaded on
 * a floor of 0.15 so that even a coin-flip region shows whose it is.
 */
export function confidenceAlpha(maxProb: number, classes: number): number {
  const chance = 1 / classes;
  const sure = Math.min(1, Math.max(0, (maxProb - chance) / (1 - chance)));
  return 0.15 + 0.85 * sure;
}

/**
 * Fills `image` (nx × ny RGBA pixels) from cell-major probabilities `probs` (nx·ny·k): the argmax class's
 * colour from `colors`, blended with white by {@link confidenceAlpha}. A NaN row paints grey.
 */
export function paintRegions(
  image: ImageData,
  probs: Float32Array,
  classes: number,
  colors: readonly string[],
): void {
  const palette = colors.map(rgb);
  const px = image.data;
  const cells = image.width * image.height;
  for (let cell = 0; cell < cells; cell++) {
    const off = cell * classes;
    let best = 0;
    let bestP = probs[off]!;
    for (let c = 1; c < classes; c++) {
      const p = probs[off + c]!;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    const o = cell * 4;
    if (Number.isNaN(bestP)) {
      px[o] = px[o + 1] = px[o + 2] = 200;
    } else {
      const a = confidenceAlpha(bestP, classes);
      const [r, g, b] = palette[best % palette.length]!;
      px[o] = Math.round(255 + (r - 255) * a);
      px[o + 1] = Math.round(255 + (g - 255) * a);
      px[o + 2] = Math.round(255 + (b - 255) * a);
    }
    px[o + 3] = 255;
  }
}

/** Draws a probability grid (nx × ny cells, row 0 at the top) over the whole plot area of `plane`. */
export function drawRegions(
  plane: PlaneCanvas,
  probs: Float32Array,
  nx: number,
  ny: number,
  classes: number,
  colors: readonly string[],
): void {
  const small = document.createElement('canvas');
  small.width = nx;
  small.height = ny;
  const sctx = small.getContext('2d');
  if (!sctx) return;
  const image = sctx.createImageData(nx, ny);
  paintRegions(image, probs, classes, colors);
  sctx.putImageData(image, 0, 0);
  const [l, t, w, hgt] = plane.plotRect();
  plane.ctx.imageSmoothingEnabled = false;
  plane.ctx.drawImage(small, l, t, w, hgt);
  plane.ctx.imageSmoothingEnabled = true;
}
