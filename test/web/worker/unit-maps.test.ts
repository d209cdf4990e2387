import { describe, expect, it } from 'vitest';
import { Dense, Sequential } from '../../../src/model/index.js';
import { gridInputs } from '../../../src/web/worker/decision-grid.js';
import { UnitMapper } from '../../../src/web/worker/unit-maps.js';
import { expectClose } from '../../helpers/close.js';

describe('UnitMapper', () => {
  // A 2 → 3 relu → 2 model with hand-set weights, so every map can be written out here.
  const W1 = [
    [1, -1, 0.5],
    [0, 2, -1],
  ];
  const b1 = [0, 0.5, 1];
  const W2 = [
    [1, 0],
    [0, 1],
    [1, -1],
  ];
  const b2 = [0, 0.25];
  const model = new Sequential([
    new Dense({ units: 3, activation: 'relu', inputDim: 2 }),
    new Dense({ units: 2 }),
  ]);
  model.setWeights([W1, b1, W2, b2]);
  const mapper = new UnitMapper(new Float64Array([-2, -1, 3, 2]));
  const maps = mapper.maps(model);
  const cells = gridInputs(mapper.grid).toArray();

  it('uses a grid of 40 cells along the longer side of the data', () => {
    expect(maps.nx).toBe(40);
    expect(maps.ny * maps.nx).toBe(cells.length);
  });

  it("maps each first-layer unit's activation relu(x·W1 + b1), one contiguous map per unit", () => {
    const expected = [0, 1, 2].flatMap((u) =>
      cells.map(([x0, x1]) => Math.max(0, x0! * W1[0]![u]! + x1! * W1[1]![u]! + b1[u]!)),
    );
    expect(maps.hidden!.units).toBe(3);
    expect(maps.hidden!.activation).toBe('relu');
    expectClose(maps.hidden!.values, expected, { rtol: 1e-6, atol: 1e-6 });
  });

  it('maps each output logit', () => {
    const h = cells.map(([x0, x1]) =>
      [0, 1, 2].map((u) => Math.max(0, x0! * W1[0]![u]! + x1! * W1[1]![u]! + b1[u]!)),
    );
    const expected = [0, 1].flatMap((o) =>
      h.map((a) => a[0]! * W2[0]![o]! + a[1]! * W2[1]![o]! + a[2]! * W2[2]![o]! + b2[o]!),
    );
    expectClose(maps.logits.values, expected, { rtol: 1e-6, atol: 1e-6 });
  });

  it('has no hidden maps for a model without hidden layers', () => {
    const flat = new Sequential([new Dense({ units: 2, inputDim: 2 })]);
    expect(mapper.maps(flat).hidden).toBeUndefined();
  });
});
