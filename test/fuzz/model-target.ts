/**
 * Fuzz target `model`: `loadModel(dir)` on model folders made from valid models (model-bases.ts) with their
 * model.json mutated as a structure (json-mutations.ts) or as text, and their weights files damaged: NaN or
 * Infinity written into the bytes, a file cut, lengthened, deleted, byte-edited, or moved outside the folder
 * with the manifest pointing at it (`../shard.bin`, an absolute path, a `file://` URL, `sub/../../`).
 *
 * Documented error: `ModelFormatError`, with a message that starts with the folder's path. A folder whose
 * weights were moved out must be refused: the decoy outside holds exactly the right bytes, so a loader that
 * followed the path would succeed. A loaded model must hold only finite weights and predict; an intact one
 * must predict what the original predicts.
 *
 * @module
 */

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { ModelFormatError } from '../../src/core/errors.js';
import { loadModel } from '../../src/io/load-model.js';
import type { Sequential } from '../../src/model/sequential.js';
import type { WeightsManifestGroup } from '../../src/model/serialization/artifacts.js';
import { applyEdits, type ByteEdit, byteEdits } from './byte-edits.js';
import { type Expectation, FuzzPropertyError, type FuzzTarget, guardedCase } from './harness.js';
import { type JsonMutation, jsonMutation, jsonText, mutateJson } from './json-mutations.js';
import { BASE_NAMES, type ModelBase, modelBases } from './model-bases.js';
import { scratchContext } from './scratch.js';

/** Damage to the weights files (`shard` picks a file modulo their number). */
export type WeightDamage =
  | { kind: 'special'; at: number; value: number }
  | { kind: 'truncate'; shard: number; keep: number }
  | { kind: 'append'; shard: number; count: number }
  | { kind: 'delete'; shard: number }
  | { kind: 'escape'; shard: number; how: number }
  | { kind: 'bytes'; shard: number; edits: ByteEdit[] };

const weightDamage: fc.Arbitrary<WeightDamage> = fc.oneof(
  fc.record({ kind: fc.constant('special' as const), at: fc.nat(), value: fc.nat(2) }),
  fc.record({ kind: fc.constant('truncate' as const), shard: fc.nat(), keep: fc.nat() }),
  fc.record({ kind: fc.constant('append' as const), shard: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), shard: fc.nat() }),
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('escape' as const), shard: fc.nat(), how: fc.nat(5) }),
  },
  fc.record({ kind: fc.constant('bytes' as const), shard: fc.nat(), edits: byteEdits(2) }),
);

/** A case: a base model, structural edits of its model.json, text edits of it, damage to its weights. */
export interface ModelCase {
  base: (typeof BASE_NAMES)[number];
  json: JsonMutation[];
  text: ByteEdit[];
  weights: WeightDamage[];
}

export const modelCase: fc.Arbitrary<ModelCase> = fc.record({
  base: fc.constantFrom(...BASE_NAMES),
  json: fc.oneof(
    { weight: 2, arbitrary: fc.constant<JsonMutation[]>([]) },
    fc.array(jsonMutation, { minLength: 1, maxLength: 3 }),
  ),
  text: fc.oneof({ weight: 6, arbitrary: fc.constant<ByteEdit[]>([]) }, byteEdits(2)),
  weights: fc.oneof(
    { weight: 2, arbitrary: fc.constant<WeightDamage[]>([]) },
    fc.array(weightDamage, { minLength: 1, maxLength: 2 }),
  ),
});

const SPECIALS = [0x7fc00000, 0x7f800000, 0xff800000];

interface Folder {
  json: string;
  /** Files to write into the model folder. */
  inside: Map<string, Uint8Array>;
  /** Files to write outside it, relative to the scratch root (decoys). */
  outside: Map<string, Uint8Array>;
  expect: Expectation;
}

/** Where an escaping path points (relative to the model folder, or absolute), and where its decoy goes. */
function escapingPath(name: string, how: number, root: string): { path: string; decoy: string } {
  switch (how % 6) {
    case 0:
      return { path: `../${name}`, decoy: name };
    case 1:
      return { path: `../outside/${name}`, decoy: `outside/${name}` };
    case 2:
      return { path: join(root, 'outside', name), decoy: `outside/${name}` };
    case 3:
      return { path: `file://${join(root, 'outside', name)}`, decoy: `outside/${name}` };
    case 4:
      return { path: `sub/../../${name}`, decoy: name };
    default:
      return { path: `./../${name}`, decoy: name };
  }
}

/** The files of a case, and what must happen when they are loaded. */
function folder(c: ModelCase, base: ModelBase, root: string): Folder {
  const json = mutateJson(base.json, c.json) as Record<string, unknown>;
  const inside = new Map<string, Uint8Array>([...base.shards].map(([k, v]) => [k, v.slice()]));
  const outside = new Map<string, Uint8Array>();
  const names = [...base.shards.keys()];
  // Damage that a correct loader always notices: bytes that no longer match the manifest, a missing file,
  // a weights file outside the folder, NaN or Infinity in float32 weights.
  // (One damage at a time: a file cut by 4 bytes and another lengthened by 4 keep the total, which is all a
  // loader can check for bytes that are concatenated anyway.)
  let sure = c.json.length === 0 && c.text.length === 0 && c.weights.length === 1;
  for (const d of c.weights) {
    const name = names[(d.kind === 'special' ? 0 : d.shard) % Math.max(1, names.length)];
    if (name === undefined) {
      sure = false;
      continue;
    }
    const bytes = inside.get(name);
    if (d.kind === 'special') {
      const total = [...inside.values()].reduce((n, b) => n + b.length, 0);
      if (total < 4) continue;
      // An aligned float32 in the concatenated data (shards may split a weight).
      let at = (d.at % Math.floor(total / 4)) * 4;
      const word = new Uint8Array(new Uint32Array([SPECIALS[d.value]!]).buffer);
      for (let k = 0; k < 4; k++, at++) {
        let offset = at;
        for (const [n, b] of inside) {
          if (offset < b.length) {
            b[offset] = word[k]!;
            inside.set(n, b);
            break;
          }
          offset -= b.length;
        }
      }
      sure &&= base.float32;
    } else if (!bytes) {
      sure = false;
    } else if (d.kind === 'truncate') {
      if (bytes.length === 0) sure = false;
      inside.set(name, bytes.slice(0, d.keep % Math.max(1, bytes.length)));
    } else if (d.kind === 'append') {
      inside.set(name, new Uint8Array([...bytes, ...new Uint8Array(d.count)]));
    } else if (d.kind === 'delete') {
      inside.delete(name);
    } else if (d.kind === 'escape') {
      const { path, decoy } = escapingPath(name, d.how, root);
      const groups = Array.isArray(json.weightsManifest)
        ? (json.weightsManifest as WeightsManifestGroup[])
        : [];
      for (const group of groups) {
        if (group !== null && Array.isArray(group.paths)) {
          group.paths = group.paths.map((p) => (p === name ? path : p));
        }
      }
      outside.set(decoy, bytes);
      inside.delete(name);
    } else {
      inside.set(name, applyEdits(bytes, d.edits));
      sure = false;
    }
  }
  const text = new TextEncoder().encode(jsonText(json, join(root, 'outside')));
  const edited = applyEdits(text, c.text);
  const expect: Expectation =
    c.weights.length === 0 ? (c.json.length + c.text.length === 0 ? 'ok' : 'any') : sure ? 'refuse' : 'any';
  return { json: new TextDecoder().decode(edited), inside, outside, expect };
}

function fail(message: string): never {
  throw new FuzzPropertyError(message);
}

/** A loaded model holds finite weights and predicts; an intact one predicts what the original predicts. */
export function checkLoaded(model: Sequential, base: ModelBase, intact: boolean): void {
  for (const p of model.params()) {
    if (!p.value.every(Number.isFinite)) fail(`a weight of ${p.name} that is not finite`);
  }
  const width = model.inputDim ?? 0;
  if (width < 1 || width > 4096) return;
  const X = intact ? base.X : [Array.from({ length: width }, (_, i) => i / width)];
  const p = model.predict(X).data;
  if (!intact) return;
  for (let i = 0; i < base.predictions.length; i++) {
    const want = base.predictions[i]!;
    const got = p[i]!;
    if (
      base.tolerance === 0
        ? !Object.is(got, want)
        : Math.abs(got - want) > base.tolerance * (1 + Math.abs(want))
    ) {
      fail(`prediction ${i} is ${got}, the original model gives ${want}`);
    }
  }
}

/** The target. */
export const modelTarget: FuzzTarget<ModelCase> = {
  name: 'model',
  description:
    'loadModel on model folders with mutated model.json (structure and text) and damaged or escaping weights',
  arbitrary: modelCase,
  async setup() {
    modelBases();
    return scratchContext('model');
  },
  async check(c, context) {
    const base = modelBases().get(c.base)!;
    const root = context.directory;
    const dir = join(root, 'model');
    const files = folder(c, base, root);
    await rm(dir, { recursive: true, force: true });
    await mkdir(join(dir, 'sub'), { recursive: true });
    await writeFile(join(dir, 'model.json'), files.json);
    for (const [name, bytes] of files.inside) await writeFile(join(dir, name), bytes);
    for (const [name, bytes] of files.outside) {
      await mkdir(join(root, 'outside'), { recursive: true });
      await writeFile(join(root, name), bytes);
    }
    const inputBytes = files.json.length + [...files.inside.values()].reduce((n, b) => n + b.length, 0);
    const outcome = await guardedCase(() => loadModel(dir), {
      allowed: [ModelFormatError],
      expect: files.expect,
      source: dir,
      inputBytes,
      stats: context.stats,
      limits: context.limits,
    });
    if (outcome.accepted) checkLoaded(outcome.value, base, files.expect === 'ok');
  },
};
