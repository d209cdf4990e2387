import { describe, expect, it } from 'vitest';
import { confidenceAlpha, paintRegions } from '../../../src/web/render/decision-regions.js';

/** A stand-in for the browser's ImageData (paintRegions only uses width, height and data). */
function image(width: number, height: number): ImageData {
  return { width, height, data: new Uint8ClampedArray(width * height * 4), colorSpace: 'srgb' } as ImageData;
}

describe('confidenceAlpha', () => {
  it('is the floor 0.15 at chance, 1 when certain, and linear in between', () => {
    expect(confidenceAlpha(0.25, 4)).toBeCloseTo(0.15, 12);
    expect(confidenceAlpha(1, 4)).toBeCloseTo(1, 12);
    expect(confidenceAlpha(0.625, 4)).toBeCloseTo(0.15 + 0.85 * 0.5, 12);
    expect(confidenceAlpha(0.1, 4)).toBeCloseTo(0.15, 12);
  });
});

describe('paintRegions', () => {
  it("paints each cell in its argmax class's colour, faded to white by confidence, NaN cells grey", () => {
    const img = image(3, 1);
    const probs = new Float32Array([1, 0, 0.5, 0.5, Number.NaN, 0.2]);
    paintRegions(img, probs, 2, ['#ff0000', '#0000ff']);
    expect(Array.from(img.data.slice(0, 4))).toEqual([255, 0, 0, 255]);
    // A tie goes to the first class at the floor alpha 0.15: 255 + (0 − 255)·0.15 = 216.75 → 217.
    expect(Array.from(img.data.slice(4, 8))).toEqual([255, 217, 217, 255]);
    expect(Array.from(img.data.slice(8, 12))).toEqual([200, 200, 200, 255]);
  });
});
