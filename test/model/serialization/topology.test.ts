import { describe, expect, it } from 'vitest';
import { ModelFormatError } from '../../../src/core/errors.js';
import { parseTopology } from '../../../src/model/serialization/topology.js';

const dense = (config: Record<string, unknown>) => ({
  class_name: 'Dense',
  config: { name: 'd', units: 2, ...config },
});

function refusal(topology: unknown): string {
  try {
    parseTopology(topology, 'f.json');
  } catch (e) {
    expect(e).toBeInstanceOf(ModelFormatError);
    return (e as Error).message;
  }
  return expect.fail('accepted');
}

describe('parseTopology', () => {
  it('reads the input width from every spelling Keras and TF.js have used', () => {
    const cases: unknown[] = [
      { class_name: 'Sequential', config: { layers: [dense({ batch_input_shape: [null, 7] })] } },
      { class_name: 'Sequential', config: { layers: [dense({ batchInputShape: [null, 7] })] } },
      { class_name: 'Sequential', config: { layers: [dense({ input_shape: [7] })] } },
      { class_name: 'Sequential', config: { layers: [dense({ input_dim: 7 })] } },
      { class_name: 'Sequential', config: [dense({ batch_input_shape: [null, 7] })] },
      {
        model_config: {
          class_name: 'Sequential',
          config: {
            layers: [{ class_name: 'InputLayer', config: { batch_input_shape: [null, 7] } }, dense({})],
          },
        },
      },
      {
        class_name: 'Sequential',
        config: { layers: [{ class_name: 'InputLayer', config: { batch_shape: [null, 7] } }, dense({})] },
      },
      { class_name: 'Sequential', config: { build_input_shape: [null, 7], layers: [dense({})] } },
      {
        class_name: 'Sequential',
        config: { layers: [{ ...dense({}), build_config: { input_shape: [null, 7] } }] },
      },
    ];
    for (const t of cases) expect(parseTopology(t, 'f').inputDim).toBe(7);
  });

  it('fills Keras defaults (linear, with bias) and reads Normalization configs', () => {
    const t = parseTopology(
      {
        class_name: 'Sequential',
        config: {
          name: 'm',
          layers: [
            {
              class_name: 'Normalization',
              config: { name: 'n', axis: [-1], mean: [1, 2], variance: [3, 4], batch_input_shape: [null, 2] },
            },
            dense({ activation: null }),
          ],
        },
      },
      'f',
    );
    expect(t.name).toBe('m');
    expect(t.layers).toEqual([
      { className: 'Normalization', name: 'n', mean: [1, 2], variance: [3, 4] },
      expect.objectContaining({ className: 'Dense', activation: 'linear', useBias: true, units: 2 }),
    ]);
  });

  it('names what it refuses', () => {
    expect(
      refusal({
        class_name: 'Sequential',
        config: { layers: [dense({ batch_input_shape: [null, 28, 28] })] },
      }),
    ).toMatch(/layer "d" \(Dense\): expected a flat input shape \[null, features\], got \[null,28,28\]/);
    expect(refusal({ class_name: 'Sequential', config: { layers: [dense({})] } })).toMatch(
      /expected an input shape/,
    );
    expect(
      refusal({ class_name: 'Sequential', config: { layers: [dense({ input_dim: 2 }), dense({})] } }),
    ).toMatch(/second layer named "d"/);
    expect(
      refusal({ class_name: 'Sequential', config: { layers: [dense({ input_dim: 2, units: 0 })] } }),
    ).toMatch(/units, a positive integer, got 0/);
    expect(
      refusal({
        class_name: 'Sequential',
        config: { layers: [{ class_name: 'Normalization', config: { name: 'n', axis: 0, input_dim: 2 } }] },
      }),
    ).toMatch(/axis -1/);
    expect(refusal({ class_name: 'Sequential', config: { layers: [] } })).toMatch(/non-empty list of layers/);
    expect(refusal('[]')).toMatch(/modelTopology: expected a JSON object/);
  });
});
