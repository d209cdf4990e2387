import { describe, expect, it } from 'vitest';
import { DataError, ShapeError } from '../../src/core/errors.js';
import { renderSoftmaxBars } from '../../src/render/softmax-bars.js';
import { elements, xmlProblems } from '../helpers/xml.js';

// The lab's starting picture: z = [1, 2, 3, 4]; softmax(z) to 16 digits, from
// python3 -c 'import math; e=[math.exp(v) for v in (1,2,3,4)]; print([x/sum(e) for x in e])'
const Z = [1, 2, 3, 4];
const P = [0.03205860328008499, 0.08714431874203257, 0.23688281808991013, 0.6439142598879722];

describe('renderSoftmaxBars', () => {
  const picture = renderSoftmaxBars(Z, P);

  it('is well-formed and deterministic', () => {
    expect(xmlProblems(picture)).toEqual([]);
    expect(renderSoftmaxBars(Z, P)).toBe(picture);
  });

  it('uses the lab titles, colours, labels and style', () => {
    expect(picture).toContain('>z input to softmax</text>');
    expect(picture).toContain('>softmax(z)</text>');
    for (const label of ['z0', 'z3', 'a0', 'a3']) expect(picture).toContain(`>${label}</text>`);
    const zBars = elements(picture, 'rect').filter((r) => r.class === 'bar-z');
    const pBars = elements(picture, 'rect').filter((r) => r.class === 'bar-p');
    expect(zBars.every((r) => r.fill === '#0096FF')).toBe(true);
    expect(pBars.every((r) => r.fill === '#C00000')).toBe(true);
    expect(picture).toContain('stroke="#f0f0f0" stroke-width="3"');
    expect(picture).toContain('Verdana, DejaVu Sans');
  });

  it('draws bars proportional to the values on fixed 0..10 and 0..1 axes', () => {
    const zBars = elements(picture, 'rect').filter((r) => r.class === 'bar-z');
    const pBars = elements(picture, 'rect').filter((r) => r.class === 'bar-p');
    expect(zBars).toHaveLength(4);
    const zUnit = Number(zBars[0]!.width) / Z[0]!;
    zBars.forEach((bar, i) => {
      expect(Number(bar.width)).toBeCloseTo(zUnit * Z[i]!, 1);
    });
    // axis 0..10 over the panel width: a bar of 10 would fill the panel (310 px)
    expect(zUnit * 10).toBeCloseTo(310, 0);
    const pUnit = Number(pBars[3]!.width) / P[3]!;
    expect(pUnit).toBeCloseTo(310, 0);
    pBars.forEach((bar, i) => {
      expect(Number(bar.width)).toBeCloseTo(pUnit * P[i]!, 1);
    });
  });

  it('puts z0 at the bottom, with bars 0.6 of a slot thick', () => {
    const zBars = elements(picture, 'rect').filter((r) => r.class === 'bar-z');
    const ys = zBars.map((r) => Number(r.y));
    expect(ys[0]).toBeGreaterThan(ys[3]!);
    const slot = ys[0]! - ys[1]!;
    expect(Number(zBars[0]!.height) / slot).toBeCloseTo(0.6, 2);
  });

  it('prints each value at its bar and the sum under the softmax panel', () => {
    for (const t of ['>1</text>', '>4</text>', '>0.032</text>', '>0.644</text>'])
      expect(picture).toContain(t);
    expect(picture).toContain('>sum = 1.000</text>');
  });

  it('widens the z axis for negative and large logits', () => {
    const z = [-3, 0.5, 10, 12.5];
    const e = z.map(Math.exp);
    const s = e.reduce((a, b) => a + b);
    const wide = renderSoftmaxBars(
      z,
      e.map((v) => v / s),
    );
    expect(xmlProblems(wide)).toEqual([]);
    expect(wide).toContain('>-5</text>');
    expect(wide).toContain('>15</text>');
    const bars = elements(wide, 'rect').filter((r) => r.class === 'bar-z');
    // The negative bar ends where the positive ones start (at z = 0).
    expect(Number(bars[0]!.x) + Number(bars[0]!.width)).toBeCloseTo(Number(bars[1]!.x), 1);
    expect(Number(bars[0]!.width) / Number(bars[2]!.width)).toBeCloseTo(0.3, 2);
  });

  it('refuses mismatched lengths, non-finite logits and probabilities outside [0, 1]', () => {
    expect(() => renderSoftmaxBars([1, 2], [1])).toThrow(ShapeError);
    expect(() => renderSoftmaxBars([1, Number.NaN], [0.5, 0.5])).toThrow(DataError);
    expect(() => renderSoftmaxBars([1, 2], [1.5, -0.5])).toThrow(
      /p: expected values in \[0, 1\], got 1\.5 \(at index 0\)/,
    );
  });
});
