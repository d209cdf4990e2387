import { describe, expect, it } from 'vitest';
import { MT19937 } from '../../../src/core/random/mt19937.js';

describe('MT19937', () => {
  it('gives the first 32-bit word and first double of numpy RandomState(0)', () => {
    // python3 -c "import numpy as np; print(np.random.RandomState(0).random_sample())"  -> 0.5488135039273248
    // The first word 2357136044 is the check value of the make-blobs spec (§1).
    expect(new MT19937(0).next32()).toBe(2357136044);
    expect(new MT19937(0).nextDouble()).toBe(0.5488135039273248);
  });

  it('handles seeds at and above 2^31 as unsigned', () => {
    // python3 -c "import numpy as np; print(np.random.RandomState(2**31).random_sample())"
    expect(new MT19937(2 ** 31).nextDouble()).toBe(0.15200287353446562);
  });

  it('twists again after 624 words and keeps every output a uint32', () => {
    const mt = new MT19937(12345);
    for (let i = 0; i < 624 * 3 + 5; i++) {
      const w = mt.next32();
      expect(Number.isInteger(w) && w >= 0 && w < 2 ** 32).toBe(true);
    }
    expect(mt.pos).toBe(5);
  });

  it('replays the same words after setState(getState())', () => {
    const mt = new MT19937(7);
    for (let i = 0; i < 700; i++) mt.next32();
    const saved = mt.getState();
    const first = Array.from({ length: 10 }, () => mt.next32());
    mt.setState(saved);
    expect(Array.from({ length: 10 }, () => mt.next32())).toEqual(first);
  });
});
