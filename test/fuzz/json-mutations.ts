/**
 * Structural mutations of a JSON document (a model.json, or the JSON parts of in-memory artifacts): a node
 * replaced by a value of another kind, a key deleted or added (`__proto__`, `constructor`, `prototype`, ...),
 * an array element duplicated or swapped with the next (a layer twice, layers out of order), a number made
 * huge, negative, fractional or infinite, a string made into a weird activation name or a path that leaves
 * the model's folder.
 *
 * Values too big to print in a failing case's report (100,000-deep arrays, long strings, Infinity, which JSON
 * cannot hold) are written as markers and expanded only in the file's text, see {@link jsonText}.
 *
 * @module
 */

import fc from 'fast-check';

/** Marker strings expanded by {@link jsonText}. */
export const MARK = {
  infinity: '\u0000INFINITY\u0000',
  minusInfinity: '\u0000-INFINITY\u0000',
  deep: '\u0000DEEP\u0000',
  longString: '\u0000LONG\u0000',
  bigArray: '\u0000BIG\u0000',
  /** Replaced by the absolute path of the fuzz run's decoy directory (outside the model folder). */
  outside: '\u0000OUTSIDE\u0000',
} as const;

/** Values that replace a node. */
export const JUNK: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1,
  2,
  1.5,
  -0,
  1e308,
  2 ** 31,
  2 ** 32,
  2 ** 53,
  2 ** 53 + 2,
  1e9,
  MARK.infinity,
  MARK.minusInfinity,
  '',
  'x',
  '__proto__',
  'constructor',
  'elu',
  'softmax',
  'Softmax',
  'toString',
  'linear ',
  'float64',
  'uint8',
  'int32',
  'float16',
  'string',
  [],
  {},
  [null],
  [null, 0],
  [null, 1e9],
  [null, 2 ** 31],
  [null, 3, 3],
  [2, 3],
  [[1]],
  [-1, 3],
  { class_name: 'Dense', config: {} },
  { class_name: 'Dense', config: { units: 3, name: 'extra' } },
  { class_name: 'Dropout', config: { name: 'drop', rate: 0.5 } },
  { class_name: 'InputLayer', config: { batch_input_shape: [null, 2] } },
  { class_name: 'Normalization', config: { mean: 0, variance: 1, name: 'norm_extra' } },
  JSON.parse('{"__proto__": {"polluted": 1, "class_name": "Sequential", "units": 2}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": 1}}}'),
  { name: 'dense/kernel', shape: [1e6, 1e6], dtype: 'float32' },
  { name: 'x/kernel', shape: [2], dtype: 'float32', quantization: { dtype: 'uint8', scale: 'x', min: null } },
  MARK.deep,
  MARK.longString,
  MARK.bigArray,
];

/** Keys added to objects. */
export const EXTRA_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  'polluted',
];

/** Weight-file paths that leave the model folder, or name nothing usable. */
export const PATHS = [
  '../shard.bin',
  '../outside/shard.bin',
  `${MARK.outside}/shard.bin`,
  `file://${MARK.outside}/shard.bin`,
  'sub/../../shard.bin',
  './../shard.bin',
  '..\\shard.bin',
  '%2e%2e/shard.bin',
  'C:\\shard.bin',
  '.',
  '',
  'model.json',
  'missing/shard.bin',
  'shard\u0000.bin',
];

/** One mutation; `at` picks a node (modulo the number of candidates). */
export type JsonMutation =
  | { kind: 'replace'; at: number; junk: number }
  | { kind: 'delete'; at: number }
  | { kind: 'add-key'; at: number; key: number; junk: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'swap'; at: number }
  | { kind: 'number'; at: number; junk: number }
  | { kind: 'string'; at: number; junk: number }
  | { kind: 'path'; at: number; path: number };

export const jsonMutation: fc.Arbitrary<JsonMutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('replace' as const),
      at: fc.nat(),
      junk: fc.nat(JUNK.length - 1),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('add-key' as const),
      at: fc.nat(),
      key: fc.nat(EXTRA_KEYS.length - 1),
      junk: fc.nat(JUNK.length - 1),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap' as const), at: fc.nat() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('number' as const),
      at: fc.nat(),
      junk: fc.nat(JUNK.length - 1),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('string' as const),
      at: fc.nat(),
      junk: fc.nat(JUNK.length - 1),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('path' as const),
      at: fc.nat(),
      path: fc.nat(PATHS.length - 1),
    }),
  },
);

type Json = unknown;

interface Node {
  value: Json;
  parent: Record<string, Json> | Json[] | undefined;
  key: string | number | undefined;
}

function nodes(root: Json): Node[] {
  const out: Node[] = [];
  const walk = (value: Json, parent: Node['parent'], key: Node['key']) => {
    out.push({ value, parent, key });
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, value, i);
    } else if (value !== null && typeof value === 'object') {
      for (const k of Object.keys(value))
        walk((value as Record<string, Json>)[k], value as Record<string, Json>, k);
    }
  };
  walk(root, undefined, undefined);
  return out;
}

function set(node: Node, value: Json): void {
  if (node.parent === undefined) return;
  // defineProperty, so that a "__proto__" key is written as data (as JSON.parse would), not as a prototype.
  Object.defineProperty(node.parent, node.key!, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function clone(value: Json): Json {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function junk(i: number): Json {
  return clone(JUNK[i % JUNK.length]);
}

/** `root` after `mutations` (a deep copy; the input is not modified). A mutation with no target does nothing. */
export function mutateJson(root: Json, mutations: readonly JsonMutation[]): Json {
  const doc = { root: clone(root) };
  for (const m of mutations) {
    const all = nodes(doc.root).slice(1);
    const pick = (candidates: Node[]) =>
      candidates.length === 0 ? undefined : candidates[m.at % candidates.length];
    if (m.kind === 'replace') {
      const n = pick(all);
      if (n) set(n, junk(m.junk));
    } else if (m.kind === 'delete') {
      const n = pick(all);
      if (n && Array.isArray(n.parent)) n.parent.splice(n.key as number, 1);
      else if (n?.parent) delete (n.parent as Record<string, Json>)[n.key as string];
    } else if (m.kind === 'add-key') {
      const n = pick(
        all.filter((x) => x.value !== null && typeof x.value === 'object' && !Array.isArray(x.value)),
      );
      if (n)
        set(
          { value: undefined, parent: n.value as Record<string, Json>, key: EXTRA_KEYS[m.key]! },
          junk(m.junk),
        );
    } else if (m.kind === 'duplicate' || m.kind === 'swap') {
      const n = pick(all.filter((x) => Array.isArray(x.parent)));
      if (!n) continue;
      const list = n.parent as Json[];
      const i = n.key as number;
      if (m.kind === 'duplicate') list.splice(i, 0, clone(list[i]));
      else if (i + 1 < list.length) [list[i], list[i + 1]] = [list[i + 1], list[i]];
    } else if (m.kind === 'number') {
      const n = pick(all.filter((x) => typeof x.value === 'number'));
      const numbers = JUNK.filter(
        (v) => typeof v === 'number' || v === MARK.infinity || v === MARK.minusInfinity,
      );
      if (n) set(n, numbers[m.junk % numbers.length]);
    } else if (m.kind === 'string') {
      const n = pick(all.filter((x) => typeof x.value === 'string'));
      const strings = JUNK.filter((v) => typeof v === 'string');
      if (n) set(n, strings[m.junk % strings.length]);
    } else {
      const n = pick(all.filter((x) => typeof x.value === 'string' && Array.isArray(x.parent)));
      if (n) set(n, PATHS[m.path]);
    }
  }
  return doc.root;
}

/** What each marker (as JSON text) stands for; built only when the marker occurs. */
const EXPANSIONS: [string, () => string][] = [
  [JSON.stringify(MARK.infinity), () => '1e999'],
  [JSON.stringify(MARK.minusInfinity), () => '-1e999'],
  [JSON.stringify(MARK.deep), () => `${'['.repeat(100000)}${']'.repeat(100000)}`],
  [JSON.stringify(MARK.longString), () => JSON.stringify('a'.repeat(100000))],
  [JSON.stringify(MARK.bigArray), () => `[${new Array(100000).fill(0).join(',')}]`],
];

/** Replaces every marker in `text` (JSON text) by what it stands for; `outside` is the decoy directory. */
export function expandMarkers(text: string, outside: string): string {
  if (!text.includes('\\u0000')) return text;
  let out = text;
  for (const [marker, expansion] of EXPANSIONS) {
    if (out.includes(marker)) out = out.replaceAll(marker, expansion());
  }
  const json = (s: string) => JSON.stringify(s).slice(1, -1);
  return out.replaceAll(json(MARK.outside), json(outside));
}

/** The JSON text of a mutated document, markers expanded. */
export function jsonText(value: Json, outside: string): string {
  return expandMarkers(JSON.stringify(value), outside);
}

/** A mutated document as JavaScript values, as `JSON.parse` would give them (markers expanded). */
export function jsonValue(value: Json, outside: string): Json {
  return JSON.parse(jsonText(value, outside));
}
