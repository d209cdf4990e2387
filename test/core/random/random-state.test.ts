import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError, ShapeError } from '../../../src/core/errors.js';
import { Matrix } from '../../../src/core/matrix.js';
import { RandomState } from '../../../src/core/random/random-state.js';

describe('RandomState seeding', () => {
  it('starts the stream of numpy RandomState(0)', () => {
    // python3 -c "import numpy as np; print(np.random.RandomState(0).random_sample())"
    expect(new RandomState(0).nextUint32()).toBe(2357136044);
    expect(new RandomState(0).randomSample()).toBe(0.5488135039273248);
  });

  it('accepts 2^31 and 2^32 - 1', () => {
    // python3 -c "import numpy as np; print(np.random.RandomState(2**31).random_sample(), np.random.RandomState(2**32-1).randint(0,1000,3))"
    expect(new RandomState(2 ** 31).randomSample()).toBe(0.15200287353446562);
    expect(Array.from(new RandomState(2 ** 32 - 1).randint(0, 1000, 3))).toEqual([419, 290, 12]);
  });

  it.each([-1, 2 ** 32, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses the seed %s, naming the range',
    (seed) => {
      expect(() => new RandomState(seed)).toThrow(DataError);
      expect(() => new RandomState(seed)).toThrow(
        /RandomState seed: expected an integer from 0 to 2\^32 - 1/,
      );
    },
  );

  it('refuses a seed that is not a number', () => {
    expect(() => new RandomState('3' as unknown as number)).toThrow(/got the string "3"/);
  });

  it('draws a random seed when none is given', () => {
    const a = new RandomState().randomSample(4);
    const b = new RandomState().randomSample(4);
    expect(Array.from(a)).not.toEqual(Array.from(b));
  });
});

describe('RandomState draws (checked against numpy 2.4.6, whose legacy stream equals 1.24.2)', () => {
  it('uniform fills a [rows, cols] size row-major', () => {
    // python3 -c "import numpy as np; print(np.random.RandomState(1).uniform(-3,3,(2,3)).tolist())"
    const m = new RandomState(1).uniform(-3, 3, [2, 3]);
    expect(m).toBeInstanceOf(Matrix);
    expect(m.shape).toEqual([2, 3]);
    expect(m.toArray()).toEqual([
      [-0.4978679717845562, 1.3219469606529488, -2.9993137510959307],
      [-1.1860045642089614, -2.119464655097322, -2.445968431387213],
    ]);
  });

  it('normal keeps the cached second value across calls', () => {
    // python3 -c "import numpy as np; r=np.random.RandomState(2); print(r.normal(1.5,2.0,3).tolist(), repr(r.normal(0,1)), r.standard_normal(2).tolist())"
    const rs = new RandomState(2);
    expect(Array.from(rs.normal(1.5, 2.0, 3))).toEqual([
      0.6664843051890588, 1.387466345547341, -2.772392191336908,
    ]);
    expect(rs.normal(0, 1)).toBe(1.6402708084049886);
    expect(Array.from(rs.standardNormal(2))).toEqual([-1.7934355851948631, -0.841747365656204]);
  });

  it('exposes the gauss cache in getState like numpy get_state', () => {
    // python3 -c "import numpy as np; r=np.random.RandomState(6); print(r.normal(0,1,3).tolist()); s=r.get_state(); print(s[2], s[3], repr(s[4]))"
    const rs = new RandomState(6);
    expect(Array.from(rs.normal(0, 1, 3))).toEqual([
      -0.3117836734875166, 0.7290039236125041, 0.217820788076002,
    ]);
    const state = rs.getState();
    expect(state.pos).toBe(12);
    expect(state.hasGauss).toBe(true);
    expect(state.gauss).toBe(-0.899091796547139);
  });

  it('randint uses masked rejection with 32-bit draws, and 64-bit draws for wide ranges', () => {
    // python3 -c "import numpy as np; r=np.random.RandomState(0); print(r.randint(0,10,5), r.permutation(7))"
    const rs = new RandomState(0);
    expect(Array.from(rs.randint(0, 10, 5))).toEqual([5, 0, 3, 3, 7]);
    expect(Array.from(rs.permutation(7))).toEqual([6, 5, 4, 0, 2, 3, 1]);
    // python3 -c "import numpy as np; r=np.random.RandomState(3); print(r.randint(-5,2**40,4).tolist(), r.randint(7))"
    const wide = new RandomState(3);
    expect(Array.from(wide.randint(-5, 2 ** 40, 4))).toEqual([
      1073054410366, 867663915878, 593770158992, 511502908833,
    ]);
    expect(wide.randint(7)).toBe(0);
  });

  it('randint over a full 32-bit range and over a single value (no draw) matches numpy', () => {
    // python3 -c "import numpy as np; r=np.random.RandomState(4); print(r.randint(0,2**32,3).tolist(), r.randint(5,6,3).tolist(), r.random_sample())"
    const rs = new RandomState(4);
    expect(Array.from(rs.randint(0, 2 ** 32, 3))).toEqual([4153361530, 3868139694, 2350344631]);
    expect(Array.from(rs.randint(5, 6, 3))).toEqual([5, 5, 5]);
    expect(rs.randomSample()).toBe(0.17269533107194568);
  });

  it('shuffle and permutation of arrays and matrix rows match numpy', () => {
    // python3 -c "import numpy as np; r=np.random.RandomState(5); a=[10,20,30,40,50]; r.shuffle(a); print(a, r.permutation(np.arange(6).reshape(3,2)).tolist())"
    const rs = new RandomState(5);
    const a = [10, 20, 30, 40, 50];
    rs.shuffle(a);
    expect(a).toEqual([50, 10, 20, 30, 40]);
    const m = Matrix.from([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
    const p = rs.permutation(m);
    expect(p.toArray()).toEqual([
      [2, 3],
      [0, 1],
      [4, 5],
    ]);
    expect(m.toArray()).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
  });

  it('permutation(n) is a permutation of 0..n-1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 300 }), (seed, n) => {
        const p = new RandomState(seed).permutation(n);
        expect(p).toBeInstanceOf(Int32Array);
        expect(Array.from(p).sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
      { numRuns: 300 },
    );
  });

  it('randint stays in [low, high)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
        fc.integer({ min: 1, max: 2 ** 41 }),
        (seed, low, width) => {
          for (const v of new RandomState(seed).randint(low, low + width, 20)) {
            expect(v >= low && v < low + width && Number.isInteger(v)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('clone and setState replay the same values, gauss cache included', () => {
    const rs = new RandomState(9);
    rs.standardNormal(3);
    const copy = rs.clone();
    const restored = RandomState.fromState(rs.getState());
    const next = Array.from(rs.standardNormal(5));
    expect(Array.from(copy.standardNormal(5))).toEqual(next);
    expect(Array.from(restored.standardNormal(5))).toEqual(next);
  });

  it('returns a number without size and an empty array for size 0', () => {
    const rs = new RandomState(0);
    expect(typeof rs.randomSample()).toBe('number');
    expect(rs.randomSample(0)).toHaveLength(0);
    expect(rs.uniform(0, 1, [0, 3]).shape).toEqual([0, 3]);
  });
});

describe('RandomState argument checks', () => {
  const rs = new RandomState(0);

  it('refuses a non-finite uniform range (numpy: Range exceeds valid bounds)', () => {
    expect(() => rs.uniform(-1e308, 1e308)).toThrow(DataError);
    expect(() => rs.uniform(0, Number.NaN)).toThrow(/high - low is finite/);
  });

  it('refuses a negative scale, and -0 as numpy does', () => {
    // python3 -c "import numpy as np; np.random.RandomState(0).normal(0,-0.0)"  -> ValueError: scale < 0
    expect(() => rs.normal(0, -1)).toThrow(/scale >= 0, got loc=0, scale=-1/);
    expect(() => rs.normal(0, -0)).toThrow(/scale=-0/);
    expect(rs.normal(3, 0)).toBe(3);
  });

  it('refuses randint bounds with low >= high or non-integers', () => {
    expect(() => rs.randint(5, 5)).toThrow(/expected low < high, got low=5, high=5/);
    expect(() => rs.randint(0)).toThrow(DataError);
    expect(() => rs.randint(1.5)).toThrow(/safe integers/);
    expect(() => rs.randint(-(2 ** 53) + 1, 2 ** 53 - 1)).toThrow(/high - low <= 2\^53/);
  });

  it('refuses bad sizes', () => {
    expect(() => rs.randomSample(-1)).toThrow(ShapeError);
    expect(() => rs.randomSample(2.5)).toThrow(/size: expected a length or \[rows, cols\]/);
    expect(() => rs.randomSample([3, -1] as const)).toThrow(/got \[3, -1\]/);
  });

  it('refuses bad states and permutation lengths', () => {
    expect(() => rs.setState({ key: new Uint32Array(3), pos: 0, hasGauss: false, gauss: 0 })).toThrow(
      ShapeError,
    );
    expect(() => rs.setState({ key: new Uint32Array(624), pos: 625, hasGauss: false, gauss: 0 })).toThrow(
      /state.pos: expected an integer from 0 to 624, got 625/,
    );
    expect(() => rs.permutation(-3)).toThrow(DataError);
    expect(() => rs.shuffle(5 as unknown as number[])).toThrow(ShapeError);
  });
});
