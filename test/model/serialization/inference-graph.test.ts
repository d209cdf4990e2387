import { describe, expect, it } from 'vitest';
import { ModelFormatError, ShapeError } from '../../../src/core/errors.js';
import { Dense } from '../../../src/model/dense.js';
import type { Layer } from '../../../src/model/layer.js';
import { Normalization } from '../../../src/model/normalization.js';
import { Sequential } from '../../../src/model/sequential.js';
import { toInferenceGraph } from '../../../src/model/serialization/inference-graph.js';

function built(layers: Layer[], inputDim: number): Sequential {
  const model = new Sequential(layers, { seed: 2 });
  model.build(inputDim);
  return model;
}

describe('toInferenceGraph', () => {
  it('lists the steps with copies of the weights and max(√σ², 1e-7) as the divisor', () => {
    const model = built(
      [
        new Normalization({ mean: [1, 2], variance: [4, 0] }),
        new Dense({ units: 3, activation: 'tanh' }),
        new Dense({ units: 2 }),
      ],
      2,
    );
    const graph = toInferenceGraph(model);
    expect(graph.steps.map((s) => s.op)).toEqual(['normalize', 'dense', 'dense']);
    const norm = graph.steps[0]!;
    expect(norm.op === 'normalize' && Array.from(norm.denominator)).toEqual([2, Math.fround(1e-7)]);
    const dense = graph.steps[1]!;
    expect(dense.op === 'dense' && dense.kernel).toEqual(model.params()[2]!.value);
    expect(dense.op === 'dense' && dense.kernel).not.toBe(model.params()[2]!.value);
    expect(graph.output).toBe('logits');
    expect(toInferenceGraph(model, { appendSoftmax: true }).output).toBe('probabilities');
    expect(toInferenceGraph(built([new Dense({ units: 2, activation: 'softmax' })], 3)).output).toBe(
      'probabilities',
    );
    expect(
      toInferenceGraph(built([new Dense({ units: 2, activation: 'sigmoid' })], 3), { appendSoftmax: true })
        .output,
    ).toBe('values');
  });

  it('refuses unbuilt models and layers it cannot export', () => {
    expect(() => toInferenceGraph(new Sequential([new Dense({ units: 2 })]))).toThrow(ShapeError);
    // A layer of another class (an identity) that follows the Layer protocol.
    let isBuilt = false;
    const identity: Layer = {
      name: 'identity',
      className: 'Identity',
      inputDim: 1,
      outputDim: 1,
      get built() {
        return isBuilt;
      },
      build: () => {
        isBuilt = true;
      },
      forward: (x) => x,
      backward: (g) => g,
      params: () => [],
      getConfig: () => ({ name: 'identity' }),
    };
    const model = built([identity, new Dense({ units: 1 })], 1);
    expect(() => toInferenceGraph(model)).toThrow(ModelFormatError);
    expect(() => toInferenceGraph(model)).toThrow(/Layer "identity" \(Identity\) cannot be exported/);
  });
});
