import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addedPoint } from '../../../src/web/state/added-points.js';
import { defaultState, type LabState, LIMITS } from '../../../src/web/state/lab-state.js';
import { parseState, serializeState } from '../../../src/web/state/url-state.js';

describe('parseState', () => {
  it('gives the lab defaults and no notice for an empty hash', () => {
    expect(parseState('')).toEqual({ state: defaultState(), notices: [] });
    expect(parseState('#')).toEqual({ state: defaultState(), notices: [] });
  });

  it('reads every field of a well-formed hash', () => {
    const { state, notices } = parseState(
      '#z=-1.5,0,2.25&c=3&t=0.5&naive=1&target=2&n=300&std=0.7&seed=7&centers=0,0;3,-4&pts=-3.5_1.25_0~2_2_1&hidden=8&act=tanh&opt=sgd&lr=0.01&batch=16&epochs=25&mseed=99',
    );
    expect(notices).toEqual([]);
    expect(state).toEqual({
      z: [-1.5, 0, 2.25],
      shift: 3,
      temperature: 0.5,
      naive: true,
      target: 2,
      samples: 300,
      std: 0.7,
      dataSeed: 7,
      centers: [
        [0, 0],
        [3, -4],
      ],
      addedPoints: [
        { x0: -3.5, x1: 1.25, label: 0 },
        { x0: 2, x1: 2, label: 1 },
      ],
      hidden: [8],
      activation: 'tanh',
      optimizer: 'sgd',
      learningRate: 0.01,
      batchSize: 16,
      epochs: 25,
      modelSeed: 99,
    } satisfies LabState);
  });

  it('clamps out-of-range values and says so', () => {
    const { state, notices } = parseState('#t=50&n=3&z=1,2,5000&batch=2.6');
    expect(state.temperature).toBe(LIMITS.temperature.max);
    expect(state.samples).toBe(LIMITS.samples.min);
    expect(state.z).toEqual([1, 2, LIMITS.logit.max]);
    expect(state.batchSize).toBe(3);
    expect(notices).toHaveLength(4);
    expect(notices.join('\n')).toMatch(/t=50 is outside 0\.1…10; clamped to 10/);
    expect(notices.join('\n')).toMatch(/batch=2\.6 .*rounded to 3/);
  });

  it('ignores unreadable values, keeps the defaults and lists each problem', () => {
    const { state, notices } = parseState('#z=1,two,3&t=hot&act=softplus&naive=maybe&centers=1,2;3&bogus=1');
    const d = defaultState();
    expect(state.z).toEqual(d.z);
    expect(state.temperature).toBe(d.temperature);
    expect(state.activation).toBe(d.activation);
    expect(state.naive).toBe(false);
    expect(state.centers).toEqual(d.centers);
    expect(notices).toHaveLength(6);
    expect(notices[0]).toMatch(/unknown setting "bogus"/);
  });

  it('rejects the forms Number() would silently accept', () => {
    for (const bad of ['', ' ', '0x10', 'Infinity', 'NaN', '1_000']) {
      const { state, notices } = parseState(`t=${encodeURIComponent(bad)}`);
      expect(state.temperature, bad).toBe(1);
      expect(notices, bad).toHaveLength(1);
    }
  });

  it('keeps the target inside the class count', () => {
    expect(parseState('z=1,2&target=3').state.target).toBe(1);
    expect(parseState('z=1,2,3').state.target).toBe(2);
  });

  it('accepts an empty hidden list (softmax regression) and truncates long lists with a notice', () => {
    expect(parseState('hidden=').state.hidden).toEqual([]);
    const { state, notices } = parseState('hidden=1,2,3,4,5');
    expect(state.hidden).toEqual([1, 2, 3, 4]);
    expect(notices).toHaveLength(1);
  });

  // Found by fuzzing: the number pattern backtracked quadratically on a long digit run that ends in a
  // non-digit, so a hand-made link froze the page for minutes.
  it('reads a 200,000-digit value in linear time', () => {
    for (const tail of ['x', '', '.5']) {
      const start = performance.now();
      const { state, notices } = parseState(
        `t=${'1'.repeat(200000)}${tail}&z=${'9'.repeat(200000)}${tail},1`,
      );
      expect(performance.now() - start).toBeLessThan(1000);
      expect(state.temperature).toBe(tail === 'x' ? 1 : LIMITS.temperature.max);
      expect(notices).toHaveLength(2);
    }
  });

  // Found by fuzzing: JSON.stringify leaves DEL and the C1 controls raw, and the notices quoted values with it.
  it('escapes control characters in the notices', () => {
    const { notices } = parseState('z=%7F%C2%85&act=%1B%5B2J');
    expect(notices).toEqual([
      'z="\\u007f\\u0085" is not a comma-separated list of numbers; kept 1,2,3,4',
      'act="\\u001b[2J" is not one of relu, tanh, sigmoid; kept relu',
    ]);
  });

  it('caps the number of notices for a junk URL', () => {
    const junk = Array.from({ length: 30 }, (_, i) => `k${i}=1`).join('&');
    const { notices } = parseState(junk);
    expect(notices).toHaveLength(9);
    expect(notices[8]).toBe('… and 22 more problems');
  });
});

describe('the added points (pts)', () => {
  it('drops the points of a class the parsed centres do not have, with a visible notice', () => {
    const { state, notices } = parseState('centers=0,0;3,3;6,6&pts=1_1_0~2_2_3~3_3_2');
    expect(state.addedPoints).toEqual([
      { x0: 1, x1: 1, label: 0 },
      { x0: 3, x1: 3, label: 2 },
    ]);
    expect(notices).toEqual(['pts: 1 point has a class outside c0…c2 (there are 3 centres); dropped']);
    // With the lab's four centres class 3 exists.
    expect(parseState('pts=2_2_3').state.addedPoints).toEqual([{ x0: 2, x1: 2, label: 3 }]);
  });

  it('clamps coordinates, ignores junk and still reads every other key', () => {
    const { state, notices } = parseState('pts=99_-2_1~junk&t=2');
    expect(state.addedPoints).toEqual([{ x0: 20, x1: -2, label: 1 }]);
    expect(state.temperature).toBe(2);
    expect(notices).toHaveLength(2);
    expect(parseState('pts=').state.addedPoints).toEqual([]);
    expect(parseState('pts=%7E%7E').state.addedPoints).toEqual([]);
  });

  it('is written after the centres, and left out when there are none', () => {
    const s = { ...defaultState(), addedPoints: [addedPoint(-3.5, 1.25, 0), addedPoint(2, 2, 3)] };
    expect(serializeState(s)).toContain('&centers=-5,2;-2,-2;1,2;5,-2&pts=-3.5_1.25_0~2_2_3&hidden=');
    expect(serializeState(defaultState())).not.toContain('pts');
    expect(parseState(serializeState(s))).toEqual({ state: s, notices: [] });
  });
});

describe('serializeState', () => {
  it('writes every field of the defaults', () => {
    expect(serializeState(defaultState())).toBe(
      'z=1,2,3,4&c=0&t=1&naive=0&target=3&n=2000&std=1&seed=30&centers=-5,2;-2,-2;1,2;5,-2&hidden=25,15&act=relu&opt=adam&lr=0.001&batch=32&epochs=10&mseed=1234',
    );
  });
});

const inRange = (r: { min: number; max: number }) => fc.double({ min: r.min, max: r.max, noNaN: true });
const intIn = (r: { min: number; max: number }) => fc.integer({ min: r.min, max: r.max });

const validState: fc.Arbitrary<LabState> = fc
  .record({
    z: fc.array(inRange(LIMITS.logit), { minLength: 2, maxLength: 10 }),
    shift: inRange(LIMITS.shift),
    temperature: inRange(LIMITS.temperature),
    naive: fc.boolean(),
    targetSeed: fc.nat(),
    samples: intIn(LIMITS.samples),
    std: inRange(LIMITS.std),
    dataSeed: intIn(LIMITS.seed),
    centers: fc.array(fc.tuple(inRange(LIMITS.coordinate), inRange(LIMITS.coordinate)), {
      minLength: 2,
      maxLength: 10,
    }),
    points: fc.array(
      fc.record({ x0: inRange(LIMITS.coordinate), x1: inRange(LIMITS.coordinate), labelSeed: fc.nat() }),
      { maxLength: 30 },
    ),
    hidden: fc.array(intIn(LIMITS.units), { maxLength: 4 }),
    activation: fc.constantFrom('relu' as const, 'tanh' as const, 'sigmoid' as const),
    optimizer: fc.constantFrom('adam' as const, 'sgd' as const, 'rmsprop' as const),
    learningRate: inRange(LIMITS.learningRate),
    batchSize: intIn(LIMITS.batchSize),
    epochs: intIn(LIMITS.epochs),
    modelSeed: intIn(LIMITS.seed),
  })
  .map(({ targetSeed, points, ...s }) => {
    const noNegZero = (v: number) => v + 0;
    return {
      ...s,
      z: s.z.map(noNegZero),
      shift: noNegZero(s.shift),
      std: noNegZero(s.std),
      centers: s.centers.map(([a, b]) => [noNegZero(a), noNegZero(b)] as [number, number]),
      target: targetSeed % s.z.length,
      addedPoints: points.map((p) => addedPoint(p.x0, p.x1, p.labelSeed % s.centers.length)),
    };
  });

describe('URL state properties', () => {
  it('parses any string without throwing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const { state, notices } = parseState(s);
        expect(state.z.length).toBeGreaterThanOrEqual(2);
        expect(Array.isArray(notices)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('parses strings made of URL-ish pieces without throwing and within the limits', () => {
    const piece = fc.constantFrom(
      'z',
      't',
      'c',
      'n',
      'hidden',
      'centers',
      'pts',
      'target',
      'lr',
      '=',
      '&',
      ',',
      ';',
      '-',
      '.',
      'e',
      '1',
      '9',
      '%',
      '+',
      '#',
      '~',
      '_',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const { state } = parseState(parts.join(''));
        expect(state.temperature).toBeGreaterThanOrEqual(LIMITS.temperature.min);
        expect(state.temperature).toBeLessThanOrEqual(LIMITS.temperature.max);
        expect(state.target).toBeLessThan(state.z.length);
        for (const v of state.z) expect(Math.abs(v)).toBeLessThanOrEqual(LIMITS.logit.max);
        for (const p of state.addedPoints) {
          expect(p.label).toBeLessThan(state.centers.length);
          expect(Math.abs(p.x0)).toBeLessThanOrEqual(LIMITS.coordinate.max);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('is stable: serialize after parse gives a URL that parses to the same state with no notice', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const first = parseState(s).state;
        const again = parseState(serializeState(first));
        expect(again.notices).toEqual([]);
        expect(again.state).toEqual(first);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips every valid state exactly', () => {
    fc.assert(
      fc.property(validState, (s) => {
        const back = parseState(`#${serializeState(s)}`);
        expect(back.notices).toEqual([]);
        expect(back.state).toEqual(s);
      }),
      { numRuns: 500 },
    );
  });
});
