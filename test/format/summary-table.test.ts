import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/core/errors.js';
import { formatShape, formatSummary } from '../../src/format/summary-table.js';

// The lab model's summary as Keras 2.7–2.12 prints it (keras-semantics.md §6.4), trailing spaces included.
const LAB_SUMMARY = [
  'Model: "sequential"',
  '_________________________________________________________________',
  ' Layer (type)                Output Shape              Param #   ',
  '=================================================================',
  ' dense (Dense)               (None, 25)                75        ',
  '                                                                 ',
  ' dense_1 (Dense)             (None, 15)                390       ',
  '                                                                 ',
  ' dense_2 (Dense)             (None, 4)                 64        ',
  '                                                                 ',
  '=================================================================',
  'Total params: 529',
  'Trainable params: 529',
  'Non-trainable params: 0',
  '_________________________________________________________________',
];

const LAB_LAYERS = [
  { name: 'dense', className: 'Dense', outputShape: [null, 25], params: 75 },
  { name: 'dense_1', className: 'Dense', outputShape: [null, 15], params: 390 },
  { name: 'dense_2', className: 'Dense', outputShape: [null, 4], params: 64 },
];

describe('formatSummary', () => {
  it('reproduces the Keras 2 summary of the lab model character for character', () => {
    const text = formatSummary({
      modelName: 'sequential',
      layers: LAB_LAYERS,
      trainableParams: 529,
      nonTrainableParams: 0,
    });
    expect(text).toBe(`${LAB_SUMMARY.join('\n')}\n`);
  });

  it('puts thousands separators in the totals but not in the layer rows, as Keras 2 does', () => {
    const text = formatSummary({
      modelName: 'digits',
      layers: [{ name: 'dense', className: 'Dense', outputShape: [null, 1000], params: 65000 }],
      trainableParams: 65000,
      nonTrainableParams: 1234567,
    });
    const lines = text.split('\n');
    expect(lines[4]).toBe(' dense (Dense)               (None, 1000)              65000     ');
    expect(lines).toContain('Total params: 1,299,567');
    expect(lines).toContain('Trainable params: 65,000');
    expect(lines).toContain('Non-trainable params: 1,234,567');
  });

  it('wraps a long layer name onto extra rows without moving the other columns', () => {
    const name = 'a_really_long_layer_name_for_the_summary';
    const text = formatSummary({
      modelName: 'm',
      layers: [{ name, className: 'Dense', outputShape: [null, 4], params: 64 }],
      trainableParams: 64,
      nonTrainableParams: 0,
    });
    const lines = text.split('\n');
    const rows = lines.slice(4, lines.indexOf(' '.repeat(65)));
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect(row).toHaveLength(65);
    expect(rows[0]!.slice(29, 39)).toBe('(None, 4) ');
    expect(rows[0]!.slice(55, 57)).toBe('64');
    // Column 1 is never wider than 26 characters plus its leading space and two-space gap.
    expect(
      rows
        .map((r) => r.slice(1, 27))
        .join('')
        .replace(/ +$/, ''),
    ).toBe(`${name} (Dense)`);
    for (const row of rows) expect(row.slice(27, 29)).toBe('  ');
  });

  it('keeps the Keras 2.7–2.12 layout for a 26-character name (the widest that fits)', () => {
    const text = formatSummary({
      modelName: 'm',
      layers: [{ name: 'abcdefghijklmnop', className: 'Dense', outputShape: [null, 4], params: 64 }],
      trainableParams: 64,
      nonTrainableParams: 0,
    });
    expect(text.split('\n')[4]).toBe(' abcdefghijklmnop (Dense)    (None, 4)                 64        ');
  });

  it('shows an unbuilt layer with ? and 0 (unbuilt), as Keras 3 does', () => {
    const text = formatSummary({
      modelName: 'sequential',
      layers: [{ name: 'dense', className: 'Dense', outputShape: null, params: null }],
      trainableParams: 0,
      nonTrainableParams: 0,
    });
    expect(text.split('\n')[4]).toBe(' dense (Dense)               ?                         0 (unbuilt)');
  });

  it('refuses negative or fractional counts', () => {
    expect(() =>
      formatSummary({ modelName: 'm', layers: [], trainableParams: -1, nonTrainableParams: 0 }),
    ).toThrow(DataError);
    expect(() =>
      formatSummary({
        modelName: 'm',
        layers: [{ name: 'd', className: 'Dense', outputShape: [null, 1], params: 1.5 }],
        trainableParams: 0,
        nonTrainableParams: 0,
      }),
    ).toThrow(/layers\[0\]\.params: expected a non-negative integer, got 1\.5/);
  });
});

describe('formatShape', () => {
  it('prints shapes as Python prints tuples', () => {
    // python3 -c 'print((None, 25), (None,), ())' → (None, 25) (None,) ()
    expect(formatShape([null, 25])).toBe('(None, 25)');
    expect(formatShape([null])).toBe('(None,)');
    expect(formatShape([])).toBe('()');
    expect(formatShape(null)).toBe('?');
  });
});
