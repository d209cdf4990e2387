import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../src/core/errors.js';
import { renderLineChart } from '../../src/render/line-chart.js';
import { elements, xmlProblems } from '../helpers/xml.js';

// The lab notebook's recorded losses for epoch 1 and 10 (ux-anchors A.3), middle values made up.
const OBVIOUS = [0.7794, 0.25, 0.12, 0.08, 0.06, 0.05, 0.045, 0.04, 0.036, 0.0339];
const PREFERRED = [0.8217, 0.3, 0.15, 0.09, 0.07, 0.06, 0.05, 0.046, 0.043, 0.0411];

function chart(
  series = [
    { name: 'obvious', values: OBVIOUS, color: '#0096FF' },
    { name: 'preferred', values: PREFERRED, color: '#C00000' },
  ],
) {
  return renderLineChart({ title: 'Training loss', xLabel: 'epoch', yLabel: 'loss', series });
}

describe('renderLineChart', () => {
  const picture = chart();

  it('is well-formed and deterministic', () => {
    expect(xmlProblems(picture)).toEqual([]);
    expect(chart()).toBe(picture);
  });

  it('draws one line per series through one point per epoch', () => {
    const lines = elements(picture, 'polyline');
    expect(lines.map((l) => [l['data-name'], l.stroke])).toEqual([
      ['obvious', '#0096FF'],
      ['preferred', '#C00000'],
    ]);
    expect(lines[0]!.points!.split(' ')).toHaveLength(10);
  });

  it('starts the y axis at 0 and lower losses sit lower', () => {
    expect(picture).toContain('>0.0</text>');
    const ys = elements(picture, 'polyline')[0]!
      .points!.split(' ')
      .map((p) => Number(p.split(',')[1]));
    expect(ys[9]).toBeGreaterThan(ys[0]!); // SVG y grows downwards
    const frame = elements(picture, 'rect').find((r) => r.stroke === '#f0f0f0')!;
    const bottom = Number(frame.y) + Number(frame.height);
    // the y of value 0 is the bottom of the frame: y(v) = bottom - v·(bottom - y(0.7794))/0.7794
    const scale = (bottom - ys[0]!) / OBVIOUS[0]!;
    expect(ys[9]).toBeCloseTo(bottom - scale * OBVIOUS[9]!, 1);
  });

  it('labels epochs from 1, the axes, the title and the legend', () => {
    for (const t of [
      '>1</text>',
      '>10</text>',
      '>epoch</text>',
      '>loss</text>',
      '>Training loss</text>',
      '>obvious</text>',
      '>preferred</text>',
    ]) {
      expect(picture).toContain(t);
    }
  });

  it('breaks the line at non-finite values instead of stretching the axis', () => {
    const broken = chart([{ name: 'diverged', values: [1, 0.5, Number.NaN, 0.4, Infinity], color: '#000' }]);
    expect(xmlProblems(broken)).toEqual([]);
    const lines = elements(broken, 'polyline');
    expect(lines.map((l) => l.points!.split(' ').length)).toEqual([2, 1]);
    expect(broken).toContain('>1.0</text>');
  });

  it('needs at least one series', () => {
    expect(() => chart([])).toThrow(ShapeError);
  });
});
