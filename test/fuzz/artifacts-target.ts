/**
 * Fuzz target `artifacts`: `modelFromArtifacts`, the pure parsing behind `loadModel` and every TF.js-style
 * handler (`tf.io.fromMemory`, a browser upload), on the in-memory artifacts of the valid models
 * (model-bases.ts) with their JSON parts mutated (json-mutations.ts), their weight bytes damaged or split into
 * other shards, and fields replaced by values of the wrong type (`weightData: -1` or `1e9`, `weightSpecs:
 * [null]`, a typed-array view, ...). Documented error: `ModelFormatError`, naming the source.
 *
 * @module
 */

import fc from 'fast-check';
import { ModelFormatError } from '../../src/core/errors.js';
import type { ModelArtifacts } from '../../src/model/serialization/artifacts.js';
import { modelFromArtifacts } from '../../src/model/serialization/from-artifacts.js';
import { DEFAULT_LIMITS, type Expectation, FuzzStats, type FuzzTarget, guardedCase } from './harness.js';
import { type JsonMutation, jsonMutation, jsonValue, mutateJson } from './json-mutations.js';
import { artifactsOf, BASE_NAMES, modelBases } from './model-bases.js';
import { checkLoaded } from './model-target.js';

const SOURCE = 'fuzz-artifacts';

/** Values of the wrong type for one field of the artifacts (or for the artifacts themselves). */
function junkValues(bytes: Uint8Array): unknown[] {
  return [
    undefined,
    null,
    -1,
    0,
    1e9,
    2 ** 32,
    Number.NaN,
    'weights',
    [],
    [null],
    [1, 2],
    [new ArrayBuffer(4), 'x'],
    {},
    { byteLength: 8 },
    new Float32Array(bytes.buffer.slice(0, bytes.length - (bytes.length % 4))),
    new Uint8Array(bytes),
    [new Uint8Array(bytes)],
    () => undefined,
    Symbol('s'),
    10n,
  ];
}

const FIELDS = [
  'artifacts',
  'weightData',
  'weightSpecs',
  'modelTopology',
  'format',
  'trainingConfig',
  'userDefinedMetadata',
] as const;

/** Damage to the weight bytes: cut, lengthened, or re-split into shards (which is no damage at all). */
export type DataDamage =
  | { kind: 'truncate'; keep: number }
  | { kind: 'append'; count: number }
  | { kind: 'split'; cuts: number[] };

/** A case. */
export type ArtifactsCase =
  | { kind: 'mutated'; base: (typeof BASE_NAMES)[number]; json: JsonMutation[]; data: DataDamage | undefined }
  | { kind: 'junk'; base: (typeof BASE_NAMES)[number]; field: (typeof FIELDS)[number]; junk: number };

export const artifactsCase: fc.Arbitrary<ArtifactsCase> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('mutated' as const),
      base: fc.constantFrom(...BASE_NAMES),
      json: fc.oneof(fc.constant<JsonMutation[]>([]), fc.array(jsonMutation, { minLength: 1, maxLength: 3 })),
      data: fc.option(
        fc.oneof(
          fc.record({ kind: fc.constant('truncate' as const), keep: fc.nat() }),
          fc.record({ kind: fc.constant('append' as const), count: fc.integer({ min: 1, max: 8 }) }),
          fc.record({ kind: fc.constant('split' as const), cuts: fc.array(fc.nat(), { maxLength: 4 }) }),
        ),
        { nil: undefined },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('junk' as const),
      base: fc.constantFrom(...BASE_NAMES),
      field: fc.constantFrom(...FIELDS),
      junk: fc.nat(19),
    }),
  },
);

function damaged(
  data: Uint8Array,
  d: DataDamage | undefined,
): { data: ArrayBuffer | ArrayBuffer[]; changed: boolean } {
  if (!d) return { data: data.slice().buffer, changed: false };
  if (d.kind === 'truncate') {
    return { data: data.slice(0, d.keep % Math.max(1, data.length)).buffer, changed: data.length > 0 };
  }
  if (d.kind === 'append')
    return { data: new Uint8Array([...data, ...new Uint8Array(d.count)]).buffer, changed: true };
  const cuts = [0, ...d.cuts.map((c) => c % (data.length + 1)).sort((a, b) => a - b), data.length];
  return { data: cuts.slice(1).map((end, i) => data.slice(cuts[i], end).buffer), changed: false };
}

/** The target. */
export const artifactsTarget: FuzzTarget<ArtifactsCase> = {
  name: 'artifacts',
  description:
    'modelFromArtifacts (the parsing behind loadModel and TF.js handlers) on mutated and wrongly typed artifacts',
  arbitrary: artifactsCase,
  async setup() {
    modelBases();
    return { directory: '', stats: new FuzzStats(), limits: DEFAULT_LIMITS, teardown: async () => undefined };
  },
  async check(c, context) {
    const base = modelBases().get(c.base)!;
    const intact = artifactsOf(base.json, base.shards);
    const bytes = new Uint8Array(intact.weightData as ArrayBuffer);
    let input: unknown;
    let expect: Expectation = 'any';
    if (c.kind === 'mutated') {
      // The JSON parts as JSON.parse gives them (markers expanded: Infinity, 100,000-deep arrays, ...).
      const { weightData: _, ...json } = intact;
      const parts = jsonValue(mutateJson(json, c.json), '/nowhere') as Record<string, unknown>;
      const { data, changed } = damaged(bytes, c.data);
      input = { ...parts, weightData: data };
      if (c.json.length === 0) expect = changed ? 'refuse' : 'ok';
    } else {
      const value = junkValues(bytes)[c.junk];
      input = c.field === 'artifacts' ? value : { ...intact, [c.field]: value };
    }
    const outcome = await guardedCase(() => modelFromArtifacts(input as ModelArtifacts, SOURCE), {
      allowed: [ModelFormatError],
      expect,
      source: SOURCE,
      inputBytes: bytes.length + 1024,
      stats: context.stats,
      limits: context.limits,
    });
    if (outcome.accepted) checkLoaded(outcome.value, base, expect === 'ok');
  },
};
