import { describe, expect, it } from 'vitest';
import {
  matchWeights,
  normalizeWeightName,
  type WeightSlot,
} from '../../../src/model/serialization/weight-names.js';

const classOf = (layer: string) => ({ dense: 'Dense', dense_1: 'Dense', norm: 'Normalization' })[layer];

const slots: WeightSlot[] = [
  { layer: 'dense', param: 'kernel', shape: [3, 2] },
  { layer: 'dense', param: 'bias', shape: [2] },
];

describe('weight names', () => {
  it('normalises every spelling producers use to (layer, param)', () => {
    for (const name of [
      'dense/kernel',
      'dense/kernel:0',
      'sequential/dense/kernel',
      'dense/vars/0',
      'dense/0',
      'layers/dense/vars/0',
    ]) {
      expect(normalizeWeightName(name, classOf)).toEqual({ layer: 'dense', param: 'kernel' });
    }
    expect(normalizeWeightName('norm/vars/1', classOf)).toEqual({ layer: 'norm', param: 'variance' });
    expect(normalizeWeightName('kernel', classOf)).toBeUndefined();
  });

  it('matches by name in any manifest order, ignoring Keras 2 Normalization counts', () => {
    const entries = [
      { name: 'm/dense/bias:0', shape: [2] },
      { name: 'm/dense/kernel:0', shape: [3, 2] },
    ];
    expect(matchWeights(slots, entries, classOf, 's')).toEqual([1, 0]);
    const normSlots: WeightSlot[] = [
      { layer: 'norm', param: 'mean', shape: [3] },
      { layer: 'norm', param: 'variance', shape: [3] },
    ];
    const withCount = [
      { name: 'norm/mean', shape: [1, 3] },
      { name: 'norm/variance', shape: [1, 3] },
      { name: 'norm/count', shape: [] },
    ];
    expect(matchWeights(normSlots, withCount, classOf, 's')).toEqual([0, 1]);
  });

  it('falls back to order when names do not match but shapes line up, and refuses ambiguity', () => {
    expect(
      matchWeights(
        slots,
        [
          { name: 'x/vars/0', shape: [3, 2] },
          { name: 'x/vars/1', shape: [2] },
        ],
        classOf,
        's',
      ),
    ).toEqual([0, 1]);
    expect(() =>
      matchWeights(
        slots,
        [
          { name: 'x/a', shape: [2] },
          { name: 'x/b', shape: [3, 2] },
        ],
        classOf,
        's',
      ),
    ).toThrow(
      /missing: dense\/kernel \[3, 2\], dense\/bias \[2\].*match no layer: x\/a \[2\], x\/b \[3, 2\]/,
    );
    const twice = [
      { name: 'a/dense/kernel', shape: [3, 2] },
      { name: 'b/dense/kernel', shape: [3, 2] },
      { name: 'dense/bias', shape: [2] },
    ];
    expect(() => matchWeights(slots, twice, classOf, 's')).toThrow(
      /two: "a\/dense\/kernel" and "b\/dense\/kernel"/,
    );
  });

  // Seen while fixing the messages fuzzing flagged: every left-over entry went into the message (a manifest
  // of 100,000 entries would make a megabyte line), names raw with their line breaks.
  it('lists at most five weights in a message, with odd names escaped', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ name: `x/w${i}`, shape: [1] }));
    let message = '';
    try {
      matchWeights(slots, [{ name: 'odd\nname/kernel', shape: [9] }, ...many], classOf, 's');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(
      /match no layer: "odd\\nname\/kernel" \[9\], x\/w0 \[1\], .*x\/w3 \[1\] and 996 more/,
    );
    expect(message.length).toBeLessThan(400);
  });
});
