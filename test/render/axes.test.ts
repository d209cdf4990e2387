import { describe, expect, it } from 'vitest';
import {
  drawAxes,
  labelledTicks,
  linearScale,
  niceStep,
  niceTicks,
  tickLabel,
} from '../../src/render/axes.js';
import { xmlProblems } from '../helpers/xml.js';

describe('niceTicks', () => {
  it('gives the ticks matplotlib shows for the lab axes', () => {
    expect(niceTicks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('handles negative, fractional and degenerate ranges', () => {
    expect(niceTicks(-7.3, 6.1)).toEqual([-5, 0, 5]);
    expect(niceTicks(-0.35, 0.35)).toEqual([-0.2, 0, 0.2]);
    expect(niceTicks(-0.35, 0.35, 7)).toEqual([-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3]);
    expect(niceTicks(3, 3)).toEqual([3]);
    expect(Object.is(niceTicks(-1, 1)[2], -0)).toBe(false);
  });

  it('uses steps of 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(11, 5)).toBe(2.5);
    expect(niceStep(0.9, 5)).toBe(0.2);
    expect(niceStep(2000, 5)).toBe(500);
  });
});

describe('tickLabel', () => {
  it('prints every tick with the decimals its step needs', () => {
    const ticks = [0, 0.2, 0.4];
    expect(ticks.map((t) => tickLabel(t, ticks))).toEqual(['0.0', '0.2', '0.4']);
    expect(labelledTicks([-2.5, 0, 2.5]).map((t) => t.label)).toEqual(['-2.5', '0.0', '2.5']);
    expect(labelledTicks([0, 5, 10]).map((t) => t.label)).toEqual(['0', '5', '10']);
  });
});

describe('linearScale', () => {
  it('maps the domain ends onto the range ends', () => {
    const s = linearScale(0, 10, 100, 300);
    expect([s(0), s(5), s(10)]).toEqual([100, 200, 300]);
  });
});

describe('drawAxes', () => {
  it('draws tick labels without tick marks and a pale 3 px frame over the data', () => {
    const { under, over } = drawAxes(
      { x: 10, y: 20, width: 100, height: 50 },
      {
        xDomain: [0, 10],
        yDomain: [0, 1],
        xTicks: labelledTicks([0, 5, 10]),
        xLabel: 'x0',
        yLabel: 'x1',
        title: 'T',
      },
    );
    expect(xmlProblems(`<g>${under}${over}</g>`)).toEqual([]);
    expect(under).not.toContain('<line');
    expect(under).toContain('>x0</text>');
    expect(under).toContain('rotate(-90');
    expect(under).toContain('>T</text>');
    expect(over).toBe(
      '<rect x="10" y="20" width="100" height="50" fill="none" stroke="#f0f0f0" stroke-width="3"/>',
    );
  });
});
