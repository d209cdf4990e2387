import { describe, expect, it } from 'vitest';
import { DataError, ShapeError } from '../../src/core/errors.js';
import { gridPoints, regionPixels, renderDecisionRegions } from '../../src/render/decision-regions.js';
import { decodePng, pngFromDataUrl } from '../helpers/png-decode.js';
import { elements, xmlProblems } from '../helpers/xml.js';

const SPEC = { nx: 4, ny: 3, xMin: 0, xMax: 4, yMin: 0, yMax: 3 };

/** Class probabilities on the grid: certain of class 0 left of x = 2, class 1 right of it, except the
 * top-right cell, where all classes tie. */
function probsFor(k: number): number[] {
  const probs: number[] = [];
  const pts = gridPoints(SPEC);
  for (let cell = 0; cell < SPEC.nx * SPEC.ny; cell++) {
    const x = pts[2 * cell]!;
    const y = pts[2 * cell + 1]!;
    const row = Array.from({ length: k }, () => 0);
    if (x > 3 && y > 2) row.fill(1 / k);
    else row[x < 2 ? 0 : 1] = 1;
    probs.push(...row);
  }
  return probs;
}

describe('gridPoints', () => {
  it('lists cell centres with x fastest and the bottom row first', () => {
    expect(Array.from(gridPoints({ nx: 2, ny: 2, xMin: 0, xMax: 2, yMin: 10, yMax: 12 }))).toEqual([
      0.5, 10.5, 1.5, 10.5, 0.5, 11.5, 1.5, 11.5,
    ]);
  });

  it('refuses empty grids and reversed bounds', () => {
    expect(() => gridPoints({ ...SPEC, nx: 0 })).toThrow(ShapeError);
    expect(() => gridPoints({ ...SPEC, xMax: -1 })).toThrow(DataError);
  });
});

describe('regionPixels', () => {
  const k = 4;
  const rgba = regionPixels({ ...SPEC, k, probs: probsFor(k) });
  const pixel = (col: number, row: number) =>
    Array.from(rgba.subarray((row * SPEC.nx + col) * 4, (row * SPEC.nx + col) * 4 + 4));

  it('paints certain cells in the light Paired colour of their class', () => {
    // bottom-left grid cell = image row 2 (the last), class 0: #a6cee3
    expect(pixel(0, 2)).toEqual([0xa6, 0xce, 0xe3, 255]);
    // bottom-right grid cell, class 1: #b2df8a
    expect(pixel(3, 2)).toEqual([0xb2, 0xdf, 0x8a, 255]);
  });

  it('fades to white where all classes tie, and puts the top grid row first', () => {
    expect(pixel(3, 0)).toEqual([255, 255, 255, 255]);
  });

  it('shades by confidence between white and the full colour', () => {
    const probs = [0.625, 0.125, 0.125, 0.125]; // halfway between a tie (0.25) and certainty
    const one = regionPixels({ nx: 1, ny: 1, xMin: 0, xMax: 1, yMin: 0, yMax: 1, k: 4, probs });
    expect(Array.from(one)).toEqual([
      Math.round(255 + (0xa6 - 255) / 2),
      Math.round(255 + (0xce - 255) / 2),
      Math.round(255 + (0xe3 - 255) / 2),
      255,
    ]);
  });

  it('refuses probabilities of the wrong length', () => {
    expect(() => regionPixels({ ...SPEC, k: 4, probs: [1, 0] })).toThrow(
      /expected nx·ny·k = 4·3·4 = 48 values, got 2 values/,
    );
  });
});

describe('renderDecisionRegions', () => {
  const k = 4;
  const points = {
    X: [
      [0.5, 0.5],
      [3.5, 0.5],
      [1, 2],
      [9, 9],
    ],
    y: [0, 1, 0, 3],
  };
  const picture = renderDecisionRegions({
    panels: [
      { title: 'obvious', grid: { ...SPEC, k, probs: probsFor(k) } },
      { title: 'preferred', grid: { ...SPEC, k, probs: Float32Array.from(probsFor(k)) } },
    ],
    points,
  });

  it('is well-formed and deterministic', () => {
    expect(xmlProblems(picture)).toEqual([]);
    expect(
      renderDecisionRegions({
        panels: [
          { title: 'obvious', grid: { ...SPEC, k, probs: probsFor(k) } },
          { title: 'preferred', grid: { ...SPEC, k, probs: Float32Array.from(probsFor(k)) } },
        ],
        points,
      }),
    ).toBe(picture);
  });

  it('embeds one pixelated PNG per panel at one pixel per grid cell', () => {
    const images = elements(picture, 'image');
    expect(images).toHaveLength(2);
    for (const image of images) {
      expect(image.preserveAspectRatio).toBe('none');
      expect(image.style).toContain('image-rendering:pixelated');
      const png = decodePng(pngFromDataUrl(image.href!));
      expect([png.width, png.height]).toEqual([SPEC.nx, SPEC.ny]);
      expect(Array.from(png.rgba)).toEqual(Array.from(regionPixels({ ...SPEC, k, probs: probsFor(k) })));
    }
  });

  it('draws the points inside each grid with dark colours and white outlines', () => {
    const dots = elements(picture, 'circle').filter((c) => c.class === 'point');
    expect(dots).toHaveLength(6); // 3 points inside the grid, twice; (9, 9) is outside
    expect(dots.slice(0, 3).map((d) => d.fill)).toEqual(['#1f78b4', '#33a02c', '#1f78b4']);
    expect(dots.every((d) => d.stroke === '#ffffff')).toBe(true);
  });

  it('titles the panels and shows a legend for every class', () => {
    expect(picture).toContain('>obvious</text>');
    expect(picture).toContain('>preferred</text>');
    for (const name of ['c0', 'c1', 'c2', 'c3']) expect(picture).toContain(`>${name}</text>`);
  });

  it('needs at least one panel', () => {
    expect(() => renderDecisionRegions({ panels: [], points })).toThrow(ShapeError);
  });
});
