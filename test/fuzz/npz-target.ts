/**
 * Fuzz target `npz`: `readNpz` on generated archives (stored or deflated members, plain or numpy's zip64
 * layout) of generated `.npy` files under names that include `__proto__.npy`, `constructor.npy`, duplicates,
 * directories and non-arrays; then one header field set to an edge value, or random byte edits; and numpy's
 * own `.npz` fixtures with byte edits. Documented error: `ModelFormatError`.
 *
 * A valid archive must give back exactly its members, as own properties of a plain object in archive order
 * (an archive member named `__proto__.npy` must not become the result's prototype).
 *
 * @module
 */

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { ModelFormatError } from '../../src/core/errors.js';
import type { NpyArray } from '../../src/data/npy.js';
import { readNpz } from '../../src/io/read-npy.js';
import { applyEdits, type ByteEdit, byteEdits } from './byte-edits.js';
import { type Expectation, FuzzPropertyError, type FuzzTarget, guardedCase } from './harness.js';
import {
  expectedNpy,
  judgeable,
  type NpyExpected,
  type NpySpec,
  npyBytes,
  npySpec,
  sameValues,
} from './npy-files.js';
import { fixtureFiles, scratchContext } from './scratch.js';
import { fieldValue, getField, setField, zipBytes } from './zip-files.js';

const FIXTURES = fixtureFiles('npy', '.npz');

const NAMES = [
  'X.npy',
  'y.npy',
  'arr_0.npy',
  '__proto__.npy',
  'constructor.npy',
  'toString.npy',
  'hasOwnProperty.npy',
  'a/b.npy',
  'é.npy',
  '.npy',
  '../up.npy',
  'X.NPY',
  'notes.txt',
  '',
  'dir/',
];

interface MemberSpec {
  name: string;
  npy: NpySpec;
  deflate: boolean;
}

/** A case: a generated archive with at most one kind of damage, or a fixture with byte edits. */
export type NpzCase =
  | {
      kind: 'generated';
      members: MemberSpec[];
      zip64: boolean;
      field: { index: number; pick: number } | undefined;
      edits: ByteEdit[];
    }
  | { kind: 'fixture'; name: string; edits: ByteEdit[] };

const member: fc.Arbitrary<MemberSpec> = fc.record({
  name: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('X.npy', 'y.npy') }, fc.constantFrom(...NAMES)),
  npy: npySpec,
  deflate: fc.boolean(),
});

const generated = fc.record({
  kind: fc.constant('generated' as const),
  members: fc.array(member, { minLength: 0, maxLength: 3 }),
  zip64: fc.boolean(),
  field: fc.option(fc.record({ index: fc.nat(200), pick: fc.nat(20) }), { freq: 4, nil: undefined }),
  edits: fc.oneof({ weight: 3, arbitrary: fc.constant<ByteEdit[]>([]) }, byteEdits()),
});

export const npzCase: fc.Arbitrary<NpzCase> = fc.oneof(
  { weight: 5, arbitrary: generated },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('fixture' as const),
      name: fc.constantFrom(...FIXTURES.keys()),
      edits: fc.oneof(fc.constant<ByteEdit[]>([]), byteEdits()),
    }),
  },
);

/** The bytes of a case, what must happen, and (for an intact archive) the arrays by name. */
function npzCaseBytes(c: NpzCase): {
  bytes: Uint8Array;
  expect: Expectation;
  arrays?: [string, NpyExpected][];
} {
  if (c.kind === 'fixture') {
    const bytes = applyEdits(FIXTURES.get(c.name)!, c.edits);
    if (c.edits.length > 0) return { bytes, expect: 'any' };
    return { bytes, expect: c.name === 'not_npy_member.npz' ? 'refuse' : 'ok' };
  }
  const members = c.members.map((m) => ({
    name: m.name,
    bytes: m.name.endsWith('/') ? new Uint8Array(0) : npyBytes(m.npy),
    deflate: m.deflate,
  }));
  let { bytes, fields } = zipBytes(members, c.zip64);
  if (c.field !== undefined && fields.length > 0) {
    const field = fields[c.field.index % fields.length]!;
    const current = getField(bytes, field);
    const value = fieldValue(field, c.field.pick, bytes.length, current);
    bytes = setField(bytes, field, value);
    // Setting a field to its own value changes nothing; every other value is damage the reader may or may
    // not notice (a wrong CRC always, a local header's size that the central directory overrides never).
    if (value !== current) return { bytes: applyEdits(bytes, c.edits), expect: 'any' };
  }
  if (c.edits.length > 0) return { bytes: applyEdits(bytes, c.edits), expect: 'any' };
  const arrays: [string, NpyExpected][] = [];
  const seen = new Set<string>();
  for (const m of c.members) {
    if (m.name.endsWith('/')) continue;
    if (!judgeable(m.npy)) return { bytes, expect: 'any' };
    const expected = expectedNpy(m.npy);
    // Documented refusals: a member that is not a .npy array, a broken array, the same name twice.
    if (!m.name.endsWith('.npy') || !expected || seen.has(m.name)) return { bytes, expect: 'refuse' };
    seen.add(m.name);
    arrays.push([m.name.slice(0, -4), expected]);
  }
  return { bytes, expect: 'ok', arrays };
}

function fail(message: string): never {
  throw new FuzzPropertyError(message);
}

function checkAccepted(result: Record<string, NpyArray>, arrays: [string, NpyExpected][] | undefined): void {
  if (Object.getPrototypeOf(result) !== Object.prototype) fail('the result is not a plain object');
  for (const [name, array] of Object.entries(result)) {
    const count = array.shape.includes(0) ? 0 : array.shape.reduce((n, d) => n * d, 1);
    if (count !== array.data.length) fail(`${name}: shape (${array.shape}) but ${array.data.length} values`);
  }
  if (!arrays) return;
  const keys = Object.keys(result);
  if (JSON.stringify(keys) !== JSON.stringify(arrays.map(([name]) => name))) {
    fail(`arrays ${JSON.stringify(keys)}, expected ${JSON.stringify(arrays.map(([n]) => n))}`);
  }
  for (const [name, expected] of arrays) {
    const array = Object.getOwnPropertyDescriptor(result, name)?.value as NpyArray;
    if (
      JSON.stringify(array.shape) !== JSON.stringify(expected.shape) ||
      !sameValues(array.data, expected.values)
    ) {
      fail(`${name}: not the array that was stored`);
    }
  }
}

/** The target. */
export const npzTarget: FuzzTarget<NpzCase> = {
  name: 'npz',
  description:
    'readNpz on generated archives (stored/deflated, zip64) with damaged fields or bytes, and numpy fixtures',
  arbitrary: npzCase,
  setup: () => scratchContext('npz'),
  async check(c, context) {
    const { bytes, expect, arrays } = npzCaseBytes(c);
    const path = join(context.directory, 'case.npz');
    await writeFile(path, bytes);
    const outcome = await guardedCase(() => readNpz(path), {
      allowed: [ModelFormatError],
      expect,
      source: path,
      inputBytes: bytes.length,
      stats: context.stats,
      limits: context.limits,
    });
    if (outcome.accepted) checkAccepted(outcome.value, arrays);
  },
};
