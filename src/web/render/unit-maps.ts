/**
 * One small heatmap per unit (the lab's `plt_layer_relu` / `plt_output_layer_linear` pictures, made live):
 * a unit's value over the input plane, from white at its minimum to `color` at its maximum.
 *
 * @module
 */

/** `#rrggbb` → [r, g, b]. */
function rgb(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/**
 * Draws `values[offset .. offset + nx·ny)` (row 0 at the top, x fastest) into a new `nx × ny` canvas,
 * normalised to that unit's own min and max (a constant unit, e.g. a dead ReLU, stays white).
 * Returns the canvas and the range it was normalised to.
 */
export function unitMapCanvas(
  values: Float32Array,
  offset: number,
  nx: number,
  ny: number,
  color: string,
): { canvas: HTMLCanvasElement; min: number; max: number } {
  const n = nx * ny;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[offset + i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min;
  const canvas = document.createElement('canvas');
  canvas.width = nx;
  canvas.height = ny;
  const ctx = canvas.getContext('2d');
  if (!ctx) return { canvas, min, max };
  const image = ctx.createImageData(nx, ny);
  const [r, g, b] = rgb(color);
  for (let i = 0; i < n; i++) {
    // Up to 0.85 of the full colour, as the lab truncates its Blues map, so the darkest cells stay readable.
    const t = span > 0 && Number.isFinite(span) ? ((values[offset + i]! - min) / span) * 0.85 : 0;
    image.data[4 * i] = Math.round(255 + (r - 255) * t);
    image.data[4 * i + 1] = Math.round(255 + (g - 255) * t);
    image.data[4 * i + 2] = Math.round(255 + (b - 255) * t);
    image.data[4 * i + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
  return { canvas, min, max };
}
