/**
 * Fuzz target `url`: the page's URL-state parser, `parseState`, on query strings built from the real keys
 * (including the learner's points, `pts`, well-formed, broken item by item, too many, of classes the centres
 * do not have) and junk keys (`__proto__`, `constructor`, percent-encoded names, ...) with values of every kind (numbers
 * beyond the limits, `1e999`, hex, broken percent escapes, 200,000-digit runs, thousands of commas), on
 * serialized valid states with text edits, on random strings, and on values that are not strings at all.
 *
 * `parseState` is documented never to throw. Whatever it gets, the state must be complete and inside
 * `LIMITS` (an own-property plain object with exactly the LabState keys), the notices few, short and on one
 * line, and a serialized valid state must come back exactly with no notice.
 *
 * @module
 */

import fc from 'fast-check';
import {
  ACTIVATIONS,
  defaultState,
  type LabState,
  LIMITS,
  OPTIMIZERS,
  type Range,
} from '../../src/web/state/lab-state.js';
import { type ParsedState, parseState, serializeState } from '../../src/web/state/url-state.js';
import { DEFAULT_LIMITS, FuzzPropertyError, FuzzStats, type FuzzTarget, guardedCase } from './harness.js';

const KEYS = [
  'z',
  'c',
  't',
  'naive',
  'target',
  'n',
  'std',
  'seed',
  'centers',
  'pts',
  'hidden',
  'act',
  'opt',
  'lr',
  'batch',
  'epochs',
  'mseed',
];
const JUNK_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  'Z',
  ' z',
  'z ',
  '%7A',
  'z%00',
  '%',
  'a=b',
];

/** A value written from a compact description (so reports stay short). */
type ValueSpec =
  | { kind: 'number'; value: number }
  | { kind: 'list'; values: number[]; separator: string }
  | { kind: 'text'; index: number }
  | { kind: 'digits'; length: number; tail: string }
  | { kind: 'commas'; count: number }
  | { kind: 'points'; points: { x0: number; x1: number; label: number; junk: number }[] }
  | { kind: 'tildes'; count: number };

const TEXTS = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e999',
  '-1e999',
  '0x1f',
  '1e',
  '+',
  '%',
  '%zz',
  '%E0%A4%A',
  '%00',
  '%2B1',
  '+1',
  '1,,2',
  ',',
  ';',
  '1;2;3',
  '1,2;3,4',
  '1,2;3',
  'true',
  'false',
  '1',
  '0',
  'TANH',
  'Adam',
  'relu ',
  'softplus',
  '١',
  '１',
  '-0',
  '1e-400',
  '4294967296',
  '-1',
  '0.5',
  '%F0%9F%98%80',
  '\u0000',
  '\u007f',
  '\ud800',
  '<script>',
  '1_2_0',
  '1_2_0~',
  '~',
  '_',
  '1__0',
  '1_2_-1',
  '1_2_1.5',
  '1_2_99999999999999999999',
  '-3.5_1.25_0~2_2_3',
  '1e999_-1e999_1',
];

/** Fields written in place of a number in a `pts` item, to break it in each way. */
const POINT_JUNK = ['', 'x', 'NaN', '0x1', '1e', '%7E', '_', '~', ' 1'];

const value: fc.Arbitrary<ValueSpec> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('number' as const), value: fc.double() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('list' as const),
      values: fc.array(fc.oneof(fc.integer({ min: -30, max: 300 }), fc.double()), { maxLength: 14 }),
      separator: fc.constantFrom(',', ',', ';', ', ', '%2C'),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('text' as const), index: fc.nat(TEXTS.length - 1) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('digits' as const),
      length: fc.oneof(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 10000, max: 200000 })),
      tail: fc.constantFrom('', 'x', '.5', ',1'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('commas' as const),
      count: fc.integer({ min: 1, max: 100000 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('points' as const),
      points: fc.array(
        fc.record({
          x0: fc.oneof(fc.double(), fc.integer({ min: -25, max: 25 })),
          x1: fc.oneof(fc.double(), fc.integer({ min: -25, max: 25 })),
          label: fc.oneof(fc.nat(12), fc.integer({ min: -2, max: 2 ** 40 })),
          // Mostly 0 (a well-formed item); otherwise the index + 1 of a junk field replacing x1.
          junk: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, fc.nat(POINT_JUNK.length)),
        }),
        { maxLength: 260 },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('tildes' as const),
      count: fc.integer({ min: 1, max: 100000 }),
    }),
  },
);

function valueText(v: ValueSpec): string {
  switch (v.kind) {
    case 'number':
      return String(v.value);
    case 'list':
      return v.values.map(String).join(v.separator);
    case 'text':
      return TEXTS[v.index]!;
    case 'digits':
      return '1'.repeat(v.length) + v.tail;
    case 'commas':
      return ','.repeat(v.count);
    case 'points':
      return v.points
        .map((p) => `${p.x0}_${p.junk > 0 ? POINT_JUNK[p.junk - 1] : p.x1}_${p.label}`)
        .join('~');
    case 'tildes':
      return '~'.repeat(v.count);
  }
}

/** `encodeURIComponent`, leaving text with a lone surrogate (which it refuses) as it is. */
function encoded(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A case. */
export type UrlCase =
  | {
      kind: 'pairs';
      prefix: string;
      pairs: { key: string; value: ValueSpec; encode: boolean }[];
      joiner: string;
    }
  | { kind: 'serialized'; state: LabState; edits: { at: number; text: string }[] }
  | { kind: 'random'; text: string }
  | { kind: 'not-a-string'; index: number };

const NOT_STRINGS: unknown[] = [
  undefined,
  null,
  0,
  1n,
  true,
  {},
  [],
  ['z=1,2'],
  { toString: () => 'z=1,2' },
  Symbol('s'),
];

const inRange = (r: Range) => fc.double({ min: r.min, max: r.max, noNaN: true }).map((v) => v + 0);
const intIn = (r: Range) => fc.integer({ min: r.min, max: r.max });

/** A valid state (every field inside LIMITS). */
const validState: fc.Arbitrary<LabState> = fc
  .record({
    z: fc.array(inRange(LIMITS.logit), { minLength: 2, maxLength: 10 }),
    shift: inRange(LIMITS.shift),
    temperature: inRange(LIMITS.temperature),
    naive: fc.boolean(),
    target: fc.nat(),
    samples: intIn(LIMITS.samples),
    std: inRange(LIMITS.std),
    dataSeed: intIn(LIMITS.seed),
    centers: fc.array(fc.tuple(inRange(LIMITS.coordinate), inRange(LIMITS.coordinate)), {
      minLength: 2,
      maxLength: 10,
    }),
    points: fc.array(
      fc.record({
        // Hundredths: the page keeps added points at two decimals, so these are the valid values.
        x0: fc.integer({ min: -2000, max: 2000 }),
        x1: fc.integer({ min: -2000, max: 2000 }),
        label: fc.nat(),
      }),
      { maxLength: LIMITS.addedPoints.max },
    ),
    hidden: fc.array(intIn(LIMITS.units), { maxLength: 4 }),
    activation: fc.constantFrom(...ACTIVATIONS),
    optimizer: fc.constantFrom(...OPTIMIZERS),
    learningRate: inRange(LIMITS.learningRate),
    batchSize: intIn(LIMITS.batchSize),
    epochs: intIn(LIMITS.epochs),
    modelSeed: intIn(LIMITS.seed),
  })
  .map(({ points, ...s }) => {
    // Built in LabState's key order: the exact round trip compares JSON.
    const { hidden, activation, optimizer, learningRate, batchSize, epochs, modelSeed, ...head } = s;
    const addedPoints = points.map((p) => ({
      x0: p.x0 / 100 + 0,
      x1: p.x1 / 100 + 0,
      label: p.label % s.centers.length,
    }));
    return {
      ...head,
      target: s.target % s.z.length,
      addedPoints,
      hidden,
      activation,
      optimizer,
      learningRate,
      batchSize,
      epochs,
      modelSeed,
    };
  });

export const urlCase: fc.Arbitrary<UrlCase> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('pairs' as const),
      prefix: fc.constantFrom('', '?', '#', '#?', '??', '&'),
      pairs: fc.array(
        fc.record({
          key: fc.oneof(
            { weight: 5, arbitrary: fc.constantFrom(...KEYS) },
            fc.constantFrom(...JUNK_KEYS),
            fc.string({ maxLength: 6 }),
          ),
          value,
          encode: fc.boolean(),
        }),
        { maxLength: 20 },
      ),
      joiner: fc.constantFrom('&', '&', '&&', ';', '&amp;'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('serialized' as const),
      state: validState,
      edits: fc.array(
        fc.record({ at: fc.nat(1000), text: fc.constantFrom('', ',', '&', '=', '9', 'e9', '-', '%', ';') }),
        {
          maxLength: 3,
        },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('random' as const),
      text: fc.string({ unit: 'binary', maxLength: 200 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('not-a-string' as const),
      index: fc.nat(NOT_STRINGS.length - 1),
    }),
  },
);

/** The input of a case, and the state it must give back exactly (for an unedited serialized state). */
function urlInput(c: UrlCase): { input: unknown; exact?: LabState } {
  switch (c.kind) {
    case 'pairs':
      return {
        input:
          c.prefix +
          c.pairs
            .map((p) => {
              const v = valueText(p.value);
              return `${p.key}=${p.encode ? encoded(v) : v}`;
            })
            .join(c.joiner),
      };
    case 'serialized': {
      let text = serializeState(c.state);
      for (const e of c.edits) {
        const at = e.at % (text.length + 1);
        text = text.slice(0, at) + e.text + text.slice(at);
      }
      const edited = c.edits.some((e) => e.text !== '');
      return edited ? { input: text } : { input: `#${text}`, exact: c.state };
    }
    case 'random':
      return { input: c.text };
    case 'not-a-string':
      return { input: NOT_STRINGS[c.index] };
  }
}

function fail(message: string): never {
  throw new FuzzPropertyError(message);
}

function within(v: unknown, r: Range, what: string): void {
  if (
    typeof v !== 'number' ||
    !Number.isFinite(v) ||
    v < r.min ||
    v > r.max ||
    (r.integer && !Number.isInteger(v))
  ) {
    fail(`${what} = ${String(v)} is outside ${r.min}…${r.max}${r.integer ? ' (integers)' : ''}`);
  }
}

const STATE_KEYS = Object.keys(defaultState()).sort().join(',');

/** The invariants of every parsed state (see the module comment). */
export function checkParsed({ state, notices }: ParsedState): void {
  if (
    Object.getPrototypeOf(state) !== Object.prototype ||
    Object.keys(state).sort().join(',') !== STATE_KEYS
  ) {
    fail(`a state with the keys ${Object.keys(state).join(',')}`);
  }
  if (!Array.isArray(state.z) || state.z.length < LIMITS.classes.min || state.z.length > LIMITS.classes.max) {
    fail(`${state.z.length} logits`);
  }
  for (const [i, v] of state.z.entries()) within(v, LIMITS.logit, `z[${i}]`);
  within(state.shift, LIMITS.shift, 'shift');
  within(state.temperature, LIMITS.temperature, 'temperature');
  if (typeof state.naive !== 'boolean') fail('naive is not a boolean');
  within(state.target, { min: 0, max: state.z.length - 1, integer: true }, 'target');
  within(state.samples, LIMITS.samples, 'samples');
  within(state.std, LIMITS.std, 'std');
  within(state.dataSeed, LIMITS.seed, 'dataSeed');
  if (
    !Array.isArray(state.centers) ||
    state.centers.length < LIMITS.centers.min ||
    state.centers.length > LIMITS.centers.max
  ) {
    fail(`${state.centers.length} centres`);
  }
  state.centers.forEach((c, i) => {
    if (!Array.isArray(c) || c.length !== 2) fail(`centre ${i} is not a pair`);
    within(c[0], LIMITS.coordinate, `centers[${i}].x0`);
    within(c[1], LIMITS.coordinate, `centers[${i}].x1`);
  });
  if (!Array.isArray(state.hidden) || state.hidden.length > LIMITS.hiddenLayers.max)
    fail(`${state.hidden.length} hidden layers`);
  if (!Array.isArray(state.addedPoints) || state.addedPoints.length > LIMITS.addedPoints.max)
    fail(`${state.addedPoints.length} added points`);
  state.addedPoints.forEach((p, i) => {
    if (Object.getPrototypeOf(p) !== Object.prototype || Object.keys(p).sort().join(',') !== 'label,x0,x1')
      fail(`added point ${i} has the keys ${Object.keys(p).join(',')}`);
    within(p.x0, LIMITS.coordinate, `addedPoints[${i}].x0`);
    within(p.x1, LIMITS.coordinate, `addedPoints[${i}].x1`);
    // Two decimals: the page rounds them, and the URL depends on it to stay short.
    if (Math.round(p.x0 * 100) / 100 !== p.x0 || Math.round(p.x1 * 100) / 100 !== p.x1)
      fail(`added point ${i} at (${p.x0}, ${p.x1}) is not rounded to two decimals`);
    within(p.label, { min: 0, max: state.centers.length - 1, integer: true }, `addedPoints[${i}].label`);
  });
  for (const [i, u] of state.hidden.entries()) within(u, LIMITS.units, `hidden[${i}]`);
  if (!ACTIVATIONS.includes(state.activation)) fail(`activation ${JSON.stringify(state.activation)}`);
  if (!OPTIMIZERS.includes(state.optimizer)) fail(`optimizer ${JSON.stringify(state.optimizer)}`);
  within(state.learningRate, LIMITS.learningRate, 'learningRate');
  within(state.batchSize, LIMITS.batchSize, 'batchSize');
  within(state.epochs, LIMITS.epochs, 'epochs');
  within(state.modelSeed, LIMITS.seed, 'modelSeed');
  if (!Array.isArray(notices) || notices.length > 9) fail(`${notices.length} notices`);
  for (const n of notices) {
    if (typeof n !== 'string' || n.length > 200) fail(`a notice of ${n.length} characters`);
    for (let i = 0; i < n.length; i++) {
      const code = n.charCodeAt(i);
      if (code < 0x20 || (code >= 0x7f && code <= 0x9f))
        fail(`a notice with a control character: ${JSON.stringify(n)}`);
    }
  }
}

/** The target. */
export const urlTarget: FuzzTarget<UrlCase> = {
  name: 'url',
  description:
    'parseState (the page URL) on real and junk keys with junk values, edited serialized states, random strings',
  arbitrary: urlCase,
  async setup() {
    return { directory: '', stats: new FuzzStats(), limits: DEFAULT_LIMITS, teardown: async () => undefined };
  },
  async check(c, context) {
    const { input, exact } = urlInput(c);
    const outcome = await guardedCase(() => parseState(input as string), {
      allowed: [],
      expect: 'ok',
      inputBytes: typeof input === 'string' ? input.length * 2 : 0,
      stats: context.stats,
      limits: context.limits,
    });
    if (!outcome.accepted) return;
    checkParsed(outcome.value);
    if (exact) {
      if (outcome.value.notices.length > 0)
        fail(`notices for a valid state: ${outcome.value.notices.join('; ')}`);
      if (JSON.stringify(outcome.value.state) !== JSON.stringify(exact))
        fail('a valid state did not come back exactly');
    }
  },
};
