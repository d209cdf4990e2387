import { describe, expect, it } from 'vitest';
import { Matrix } from '../../../src/core/matrix.js';
import { Dense, Sequential } from '../../../src/model/index.js';
import {
  classProbabilities,
  confusionCounts,
  gridFor,
  gridInputs,
} from '../../../src/web/worker/decision-grid.js';
import { expectClose } from '../../helpers/close.js';

describe('gridFor', () => {
  it('covers every point plus the margin, with square cells and the longer side split into the given count', () => {
    const x = new Float64Array([0, 0, 4, 2, -1, 1]);
    const g = gridFor(x, 50, 1);
    expect(g.nx).toBe(50);
    expect(g.xMin).toBeCloseTo(-2, 12);
    expect(g.xMax).toBeCloseTo(5, 12);
    expect(g.yMin).toBeLessThanOrEqual(-1);
    expect(g.yMax).toBeGreaterThanOrEqual(3);
    const dx = (g.xMax - g.xMin) / g.nx;
    const dy = (g.yMax - g.yMin) / g.ny;
    expect(dy).toBeCloseTo(dx, 12);
    // The shorter side is padded symmetrically around the data.
    expect((g.yMin + g.yMax) / 2).toBeCloseTo(1, 12);
  });

  it('gives a usable grid for a single point and for no points', () => {
    const one = gridFor(new Float64Array([3, 3]), 10, 1);
    expect([one.nx, one.ny, one.xMin, one.xMax]).toEqual([10, 10, 2, 4]);
    const none = gridFor(new Float64Array(0), 10, 1);
    expect(none.nx).toBe(10);
    expect(Number.isFinite(none.xMin)).toBe(true);
  });
});

describe('gridInputs', () => {
  it('lists cell centres row by row from the top, x fastest', () => {
    const m = gridInputs({ nx: 2, ny: 2, xMin: 0, xMax: 2, yMin: 0, yMax: 2 });
    expect(m.rows).toBe(4);
    expect(Array.from(m.data)).toEqual([0.5, 1.5, 1.5, 1.5, 0.5, 0.5, 1.5, 0.5]);
  });
});

describe('classProbabilities', () => {
  // One linear layer with hand-set weights: logits = x · W + b, so the expected values are written out here.
  const W = [
    [1, -1, 0],
    [0, 2, -1],
  ];
  const b = [0.5, 0, -0.5];
  const x = Matrix.from([
    [1, 2],
    [-1, 0.5],
  ]);
  const expected = x.toArray().map(([x0, x1]) => {
    const z = [0, 1, 2].map((j) => x0! * W[0]![j]! + x1! * W[1]![j]! + b[j]!);
    const e = z.map((v) => Math.exp(v - Math.max(...z)));
    const s = e.reduce((p, q) => p + q, 0);
    return e.map((v) => v / s);
  });

  it('applies softmax to the logits of a linear head', () => {
    const model = new Sequential([new Dense({ units: 3, inputDim: 2 })]);
    model.setWeights([W, b]);
    expectClose(classProbabilities(model, 'preferred', x), expected.flat(), { rtol: 1e-6, atol: 1e-7 });
  });

  it('passes a softmax head through unchanged', () => {
    const model = new Sequential([new Dense({ units: 3, inputDim: 2, activation: 'softmax' })]);
    model.setWeights([W, b]);
    expectClose(classProbabilities(model, 'obvious', x), expected.flat(), { rtol: 1e-6, atol: 1e-7 });
  });
});

describe('confusionCounts', () => {
  it('counts true class by predicted class (argmax, first maximum wins)', () => {
    const probs = new Float32Array([0.9, 0.1, 0.2, 0.8, 0.6, 0.4, 0.5, 0.5]);
    const labels = new Int32Array([0, 1, 1, 1]);
    expect(Array.from(confusionCounts(probs, labels, 2))).toEqual([1, 0, 2, 1]);
  });
});
