/**
 * A canvas showing a region of the (x0, x1) input plane: the coordinate mapping, the frame with axis labels,
 * and class-coloured points. The scatter and the decision-region pictures are built on it.
 *
 * @module
 */

/** The plotted region of the plane. */
export interface PlaneBox {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** Space around the plot area for the axis labels, in CSS pixels. */
const MARGIN = { left: 30, right: 8, top: 8, bottom: 30 };

/** Nice round axis labels inside [lo, hi]. */
function ticksIn(lo: number, hi: number): number[] {
  const span = hi - lo;
  const step = span > 24 ? 10 : span > 10 ? 4 : span > 4 ? 2 : 1;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) out.push(t + 0);
  return out;
}

/** A canvas with a plot area mapped to a {@link PlaneBox} (y up). */
export class PlaneCanvas {
  readonly canvas: HTMLCanvasElement;
  readonly ctx: CanvasRenderingContext2D;
  /** Size of the plot area in CSS pixels. */
  plotWidth: number;
  plotHeight = 0;
  box: PlaneBox = { xMin: 0, xMax: 1, yMin: 0, yMax: 1 };

  constructor(plotWidth: number, attrs: Record<string, string> = {}) {
    this.canvas = document.createElement('canvas');
    for (const [k, v] of Object.entries(attrs)) this.canvas.setAttribute(k, v);
    const ctx = this.canvas.getContext('2d');
    if (!ctx) throw new Error('This browser has no 2-D canvas.');
    this.ctx = ctx;
    this.plotWidth = plotWidth;
    this.setBox(this.box);
  }

  /** Sets the plotted region; the plot keeps the region's aspect ratio (square units). */
  setBox(box: PlaneBox): void {
    this.box = box;
    const aspect = (box.yMax - box.yMin) / (box.xMax - box.xMin || 1);
    this.plotHeight = Math.round(this.plotWidth * Math.min(1.5, Math.max(0.3, aspect)));
    const cssW = this.plotWidth + MARGIN.left + MARGIN.right;
    const cssH = this.plotHeight + MARGIN.top + MARGIN.bottom;
    const dpr = Math.max(1, Math.min(3, globalThis.devicePixelRatio || 1));
    this.canvas.width = Math.round(cssW * dpr);
    this.canvas.height = Math.round(cssH * dpr);
    this.canvas.style.aspectRatio = `${cssW} / ${cssH}`;
    this.canvas.style.width = `${cssW}px`;
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    // Test hook: where the plane sits in the canvas, so end-to-end tests can point at a data point.
    this.canvas.dataset.plot = JSON.stringify({ box, rect: this.plotRect(), cssWidth: cssW });
  }

  /** Plane → CSS pixel coordinates inside the canvas. */
  toPx(x: number, y: number): [number, number] {
    const b = this.box;
    return [
      MARGIN.left + ((x - b.xMin) / (b.xMax - b.xMin)) * this.plotWidth,
      MARGIN.top + ((b.yMax - y) / (b.yMax - b.yMin)) * this.plotHeight,
    ];
  }

  /** CSS pixel coordinates inside the canvas → plane (the inverse of {@link toPx}). */
  toPlane(px: number, py: number): [number, number] {
    const b = this.box;
    return [
      b.xMin + ((px - MARGIN.left) / this.plotWidth) * (b.xMax - b.xMin),
      b.yMax - ((py - MARGIN.top) / this.plotHeight) * (b.yMax - b.yMin),
    ];
  }

  /** Whether the CSS pixel (px, py) lies inside the plot area (the frame and axis labels are outside). */
  inPlot(px: number, py: number): boolean {
    const [l, t, w, hgt] = this.plotRect();
    return px >= l && px <= l + w && py >= t && py <= t + hgt;
  }

  /** Displayed size / drawn size: below 1 when the layout shrinks the canvas on a narrow screen. */
  displayScale(): number {
    const cssW = this.plotWidth + MARGIN.left + MARGIN.right;
    return this.canvas.getBoundingClientRect().width / cssW || 1;
  }

  /** A pointer event's position in canvas CSS pixels (undoing any layout scaling). */
  eventPx(event: MouseEvent): [number, number] {
    const r = this.canvas.getBoundingClientRect();
    const scale = this.displayScale();
    return [(event.clientX - r.left) / scale, (event.clientY - r.top) / scale];
  }

  /** Clears the canvas to white. */
  clear(): void {
    this.ctx.fillStyle = '#ffffff';
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
  }

  /** The plot area in CSS pixels: [left, top, width, height]. */
  plotRect(): [number, number, number, number] {
    return [MARGIN.left, MARGIN.top, this.plotWidth, this.plotHeight];
  }

  /** The lab style's pale thick frame, axis numbers without tick marks, and the labels x0 and x1. */
  drawFrame(): void {
    const ctx = this.ctx;
    const [l, t, w, hgt] = this.plotRect();
    ctx.strokeStyle = '#f0f0f0';
    ctx.lineWidth = 3;
    ctx.strokeRect(l - 1.5, t - 1.5, w + 3, hgt + 3);
    ctx.fillStyle = '#444';
    ctx.font = '11px Verdana, "DejaVu Sans", sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const x of ticksIn(this.box.xMin, this.box.xMax))
      ctx.fillText(String(x), this.toPx(x, 0)[0], t + hgt + 4);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const y of ticksIn(this.box.yMin, this.box.yMax)) ctx.fillText(String(y), l - 5, this.toPx(0, y)[1]);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText('x0', l + w / 2, t + hgt + 29);
    ctx.save();
    ctx.translate(9, t + hgt / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText('x1', 0, 0);
    ctx.restore();
  }

  /** Draws point r of `x` (rows of 2) as a dot in `colors[y[r]]` with a thin white outline. */
  drawPoints(x: Float64Array, y: Int32Array, colors: readonly string[], radius = 3): void {
    const ctx = this.ctx;
    const [l, t, w, hgt] = this.plotRect();
    ctx.save();
    ctx.beginPath();
    ctx.rect(l, t, w, hgt);
    ctx.clip();
    ctx.lineWidth = 0.75;
    ctx.strokeStyle = '#ffffff';
    for (let r = 0; r < y.length; r++) {
      const [px, py] = this.toPx(x[2 * r]!, x[2 * r + 1]!);
      ctx.beginPath();
      ctx.arc(px, py, radius, 0, 2 * Math.PI);
      ctx.fillStyle = colors[y[r]! % colors.length]!;
      ctx.fill();
      ctx.stroke();
    }
    ctx.restore();
  }

  /**
   * Draws rows `from`… of `x` as the learner's own points: larger than the blob dots, with a dark ring inside
   * a white one, so that they stand out on the scatter and on any region colour.
   */
  drawAddedPoints(
    x: Float64Array,
    y: Int32Array,
    colors: readonly string[],
    from: number,
    radius = 5.5,
  ): void {
    const ctx = this.ctx;
    const [l, t, w, hgt] = this.plotRect();
    ctx.save();
    ctx.beginPath();
    ctx.rect(l, t, w, hgt);
    ctx.clip();
    for (let r = from; r < y.length; r++) {
      const [px, py] = this.toPx(x[2 * r]!, x[2 * r + 1]!);
      ctx.beginPath();
      ctx.arc(px, py, radius, 0, 2 * Math.PI);
      ctx.fillStyle = colors[y[r]! % colors.length]!;
      ctx.fill();
      ctx.lineWidth = 3.5;
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
      ctx.lineWidth = 1.75;
      ctx.strokeStyle = '#111111';
      ctx.stroke();
    }
    ctx.restore();
  }

  /** Index of the point nearest to the CSS pixel (px, py) within `maxDist` pixels, or −1. */
  nearestPoint(x: Float64Array, px: number, py: number, maxDist = 6): number {
    let best = -1;
    let bestD = maxDist * maxDist;
    for (let r = 0; 2 * r + 1 < x.length; r++) {
      const [qx, qy] = this.toPx(x[2 * r]!, x[2 * r + 1]!);
      const d = (qx - px) ** 2 + (qy - py) ** 2;
      if (d <= bestD) {
        bestD = d;
        best = r;
      }
    }
    return best;
  }
}
