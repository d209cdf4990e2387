import { describe, expect, it } from 'vitest';
import { DataError, LabelError, ShapeError } from '../../src/core/errors.js';
import { classNamesFor, drawLegend, drawPoints, extent, toLabelledPoints } from '../../src/render/points.js';
import { elements, xmlProblems } from '../helpers/xml.js';

describe('toLabelledPoints', () => {
  it('accepts rows and {x, y} objects alike', () => {
    const a = toLabelledPoints([[1, 2], Float64Array.of(3, 4)], [0, 2]);
    const b = toLabelledPoints(
      [
        { x: 1, y: 2 },
        { x: 3, y: 4 },
      ],
      Int32Array.of(0, 2),
    );
    for (const p of [a, b]) {
      expect(Array.from(p.xs)).toEqual([1, 3]);
      expect(Array.from(p.ys)).toEqual([2, 4]);
      expect(Array.from(p.labels)).toEqual([0, 2]);
      expect(p.classCount).toBe(3);
    }
  });

  it('names the bad row, label or length', () => {
    expect(() => toLabelledPoints([[1, 2, 3]], [0])).toThrow(ShapeError);
    expect(() =>
      toLabelledPoints(
        [
          [1, 2],
          [1, 2, 3],
        ],
        [0, 0],
      ),
    ).toThrow('X: expected 2 columns, got 3 columns (at row 1)');
    expect(() => toLabelledPoints([[1, Number.NaN]], [0])).toThrow(DataError);
    expect(() => toLabelledPoints([[1, 2]], [1.5])).toThrow(LabelError);
    expect(() => toLabelledPoints([[1, 2]], [-1])).toThrow(/index 0/);
    expect(() => toLabelledPoints([[1, 2]], [0, 1])).toThrow(/1 points and 2 labels/);
  });
});

describe('extent', () => {
  it('returns min and max, or [0, 1] when empty', () => {
    expect(extent([3, -1, 2])).toEqual([-1, 3]);
    expect(extent([])).toEqual([0, 1]);
  });
});

describe('drawPoints and drawLegend', () => {
  it('draws one dark-coloured dot per point, with a white ring on request', () => {
    const points = toLabelledPoints(
      [
        [0, 0],
        [1, 1],
        [2, 2],
      ],
      [0, 1, 3],
    );
    const markup = drawPoints(
      points,
      (v) => v * 10,
      (v) => 100 - v * 10,
      { outline: true },
    );
    expect(xmlProblems(`<g>${markup}</g>`)).toEqual([]);
    const dots = elements(markup, 'circle');
    expect(dots.map((d) => d.fill)).toEqual(['#1f78b4', '#33a02c', '#6a3d9a']);
    expect(dots.map((d) => [d.cx, d.cy])).toEqual([
      ['0', '100'],
      ['10', '90'],
      ['20', '80'],
    ]);
    expect(dots.every((d) => d.stroke === '#ffffff')).toBe(true);
  });

  it('names classes c0, c1, … unless names are given', () => {
    expect(classNamesFor(4)).toEqual(['c0', 'c1', 'c2', 'c3']);
    expect(classNamesFor(2, ['cat'])).toEqual(['cat', 'c1']);
    const legend = drawLegend(0, 0, ['c0', 'c1']);
    expect(xmlProblems(legend)).toEqual([]);
    expect(legend).toContain('>c1</text>');
  });
});
