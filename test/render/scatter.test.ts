import { describe, expect, it } from 'vitest';
import { LabelError } from '../../src/core/errors.js';
import { paddedDomain, renderScatter } from '../../src/render/scatter.js';
import { elements, xmlProblems } from '../helpers/xml.js';

const X = [
  [-5, 2],
  [-2, -2],
  [1, 2],
  [5, -2],
  [-4.5, 2.5],
];
const y = [0, 1, 2, 3, 0];

describe('renderScatter', () => {
  const picture = renderScatter({ X, y, title: 'Multiclass Data' });

  it('is well-formed and deterministic', () => {
    expect(xmlProblems(picture)).toEqual([]);
    expect(renderScatter({ X, y, title: 'Multiclass Data' })).toBe(picture);
  });

  it('draws one dot per point in its class colour', () => {
    const dots = elements(picture, 'circle').filter((c) => c.class === 'point');
    expect(dots).toHaveLength(5);
    expect(dots.map((d) => d.fill)).toEqual(['#1f78b4', '#33a02c', '#ff7f00', '#6a3d9a', '#1f78b4']);
  });

  it('labels axes x0 and x1 and lists c0..c3 in the legend', () => {
    expect(picture).toContain('>Multiclass Data</text>');
    expect(picture).toContain('>x0</text>');
    expect(picture).toContain('>x1</text>');
    for (const name of ['c0', 'c1', 'c2', 'c3']) expect(picture).toContain(`>${name}</text>`);
  });

  it('keeps every dot inside the plot area', () => {
    const frame = elements(picture, 'rect').find((r) => r.stroke === '#f0f0f0')!;
    for (const d of elements(picture, 'circle').filter((c) => c.class === 'point')) {
      expect(Number(d.cx)).toBeGreaterThan(Number(frame.x));
      expect(Number(d.cx)).toBeLessThan(Number(frame.x) + Number(frame.width));
      expect(Number(d.cy)).toBeGreaterThan(Number(frame.y));
      expect(Number(d.cy)).toBeLessThan(Number(frame.y) + Number(frame.height));
    }
  });

  it('accepts {x, y} points and custom names', () => {
    const p = renderScatter({ X: [{ x: 0, y: 0 }], y: [0], classNames: ['setosa'] });
    expect(p).toContain('>setosa</text>');
    expect(() => renderScatter({ X: [[0, 0]], y: [-1] })).toThrow(LabelError);
  });
});

describe('paddedDomain', () => {
  it('adds 5 % on each side, and a unit span around a single value', () => {
    expect(paddedDomain(0, 10)).toEqual([-0.5, 10.5]);
    expect(paddedDomain(0, 0)).toEqual([-0.05, 0.05]);
  });
});
