import { describe, expect, it } from 'vitest';
import { niceCeil, niceTicks } from '../../../src/web/render/bars.js';

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten and stays inside the range', () => {
    expect(niceTicks(-10, 10, 4)).toEqual([-10, -5, 0, 5, 10]);
    expect(niceTicks(0, 1, 4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(0.2, 0.9, 3)).toEqual([0.25, 0.5, 0.75]);
    expect(niceTicks(-0.3, 0.3, 6)).toEqual([-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3]);
    expect(niceTicks(1.76, 1.77, 2)).toEqual([1.76, 1.765, 1.77]);
  });

  it('never writes -0 or floating-point noise', () => {
    for (const t of niceTicks(-0.3, 0.3, 6)) {
      expect(Object.is(t, -0)).toBe(false);
      expect(String(t).length).toBeLessThanOrEqual(5);
    }
  });
});

describe('niceCeil', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect([10, 12, 89, 100, 101, 0.3].map(niceCeil)).toEqual([10, 20, 100, 100, 200, 0.5]);
  });
});
