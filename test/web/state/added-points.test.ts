import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addedPoint,
  MAX_ADDED_POINTS,
  nearestAddedPoint,
  parseAddedPoints,
  pointsOfClasses,
  serializeAddedPoints,
} from '../../../src/web/state/added-points.js';
import type { AddedPoint } from '../../../src/web/state/lab-state.js';

describe('addedPoint', () => {
  it('rounds the coordinates to two decimals and clamps them to ±20', () => {
    expect(addedPoint(-3.14259, 2.005001, 1)).toEqual({ x0: -3.14, x1: 2.01, label: 1 });
    expect(addedPoint(25, -99.5, 0)).toEqual({ x0: 20, x1: -20, label: 0 });
  });

  it('never gives −0 (the URL would say "-0")', () => {
    const p = addedPoint(-0.001, -0, 0);
    expect(Object.is(p.x0, 0)).toBe(true);
    expect(Object.is(p.x1, 0)).toBe(true);
  });
});

describe('serializeAddedPoints', () => {
  it('writes x0_x1_class joined by ~', () => {
    expect(
      serializeAddedPoints([
        { x0: -3.5, x1: 1.25, label: 0 },
        { x0: 2, x1: 2, label: 3 },
      ]),
    ).toBe('-3.5_1.25_0~2_2_3');
    expect(serializeAddedPoints([])).toBe('');
  });

  it('uses only characters a URL leaves unescaped', () => {
    const text = serializeAddedPoints([{ x0: -19.99, x1: 0.01, label: 9 }]);
    expect(new URLSearchParams(`pts=${text}`).get('pts')).toBe(text);
    expect(encodeURIComponent(text)).toBe(text);
  });
});

describe('parseAddedPoints', () => {
  it('reads the example of the docs with no notice', () => {
    expect(parseAddedPoints('-3.5_1.25_0~2_2_3', 4)).toEqual({
      points: [
        { x0: -3.5, x1: 1.25, label: 0 },
        { x0: 2, x1: 2, label: 3 },
      ],
      notices: [],
    });
    expect(parseAddedPoints('', 4)).toEqual({ points: [], notices: [] });
  });

  it('clamps far coordinates with one notice, and rounds long decimals silently', () => {
    const { points, notices } = parseAddedPoints('30_1_0~-1e999_2_1~0.123456_1_2', 4);
    expect(points).toEqual([
      { x0: 20, x1: 1, label: 0 },
      { x0: -20, x1: 2, label: 1 },
      { x0: 0.12, x1: 1, label: 2 },
    ]);
    expect(notices).toEqual(['pts: 2 points have a coordinate outside -20…20; clamped']);
  });

  it('drops points of a class the centres do not have, with a notice naming the classes', () => {
    const { points, notices } = parseAddedPoints('1_1_0~1_1_3~2_2_4~3_3_2', 3);
    expect(points.map((p) => p.label)).toEqual([0, 2]);
    expect(notices).toEqual(['pts: 2 points have a class outside c0…c2 (there are 3 centres); dropped']);
  });

  it('drops unreadable items, quoting the first, and keeps the readable ones', () => {
    const { points, notices } = parseAddedPoints(
      '1_1_0~abc~1_2~1_2_3_4~0x1_1_0~1_1_-1~1_1_1.5~Infinity_1_0~~2_2_1',
      4,
    );
    expect(points).toEqual([
      { x0: 1, x1: 1, label: 0 },
      { x0: 2, x1: 2, label: 1 },
    ]);
    expect(notices).toEqual(['pts: 8 items are not x0_x1_class (first: "abc"); dropped']);
  });

  it('keeps the first 200 points of a longer list, with a notice', () => {
    const many = Array.from({ length: 250 }, (_, i) => `${i / 100}_0_${i % 4}`).join('~');
    const { points, notices } = parseAddedPoints(many, 4);
    expect(points).toHaveLength(MAX_ADDED_POINTS);
    expect(points.at(-1)).toEqual({ x0: 1.99, x1: 0, label: 3 });
    expect(notices).toEqual(['pts has more than 200 points; only the first 200 are used']);
  });

  it('reads a value of 100,000 separators or a 200,000-digit run quickly, with one notice', () => {
    const start = performance.now();
    const tilde = parseAddedPoints('~'.repeat(100000), 4);
    const digits = parseAddedPoints(`${'1'.repeat(200000)}x_1_0`, 4);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(tilde.points).toEqual([]);
    expect(tilde.notices).toHaveLength(2);
    expect(digits.points).toEqual([]);
    expect(digits.notices).toHaveLength(1);
    expect(digits.notices[0]!.length).toBeLessThan(200);
  });

  it('round-trips any list of points made by addedPoint', () => {
    const point = fc
      .record({
        x0: fc.double({ min: -25, max: 25, noNaN: true }),
        x1: fc.double({ min: -25, max: 25, noNaN: true }),
        label: fc.nat(9),
      })
      .map((p) => addedPoint(p.x0, p.x1, p.label));
    fc.assert(
      fc.property(fc.array(point, { maxLength: MAX_ADDED_POINTS }), (points) => {
        expect(parseAddedPoints(serializeAddedPoints(points), 10)).toEqual({ points, notices: [] });
      }),
      { numRuns: 200 },
    );
  });
});

describe('pointsOfClasses and nearestAddedPoint', () => {
  const points: AddedPoint[] = [
    { x0: 0, x1: 0, label: 0 },
    { x0: 1, x1: 0, label: 3 },
    { x0: 5, x1: 5, label: 1 },
  ];

  it('keeps the points whose class is below the class count', () => {
    expect(pointsOfClasses(points, 3)).toEqual([points[0], points[2]]);
    expect(pointsOfClasses(points, 4)).toEqual(points);
  });

  it('finds the nearest point on screen within the radius, else −1', () => {
    // 10 pixels per unit, y down.
    const toPx = (a: number, b: number): [number, number] => [10 * a, -10 * b];
    expect(nearestAddedPoint(points, toPx, 8, 0, 20)).toBe(1);
    expect(nearestAddedPoint(points, toPx, 2, 1, 20)).toBe(0);
    expect(nearestAddedPoint(points, toPx, 30, -30, 20)).toBe(-1);
    expect(nearestAddedPoint([], toPx, 0, 0, 20)).toBe(-1);
  });
});
