/**
 * Fuzz target `npy`: `readNpy` on generated and mutated `.npy` files (see npy-files.ts), and on numpy's own
 * fixtures with random byte edits. Documented errors: `ModelFormatError` (and `ShapeError` from `toMatrix`
 * for an array that is not 2-D).
 *
 * @module
 */

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { ModelFormatError, ShapeError } from '../../src/core/errors.js';
import type { NpyArray } from '../../src/data/npy.js';
import { readNpy } from '../../src/io/read-npy.js';
import { applyEdits, type ByteEdit, byteEdits } from './byte-edits.js';
import { type Expectation, FuzzPropertyError, type FuzzTarget, guardedCase } from './harness.js';
import {
  type Code,
  DTYPE_NAME,
  expectedNpy,
  ITEM_SIZE,
  judgeable,
  type NpyExpected,
  type NpySpec,
  npyBytes,
  npySpec,
  sameValues,
} from './npy-files.js';
import { fixtureFiles, scratchContext } from './scratch.js';

const FIXTURES = fixtureFiles('npy', '.npy');
/** Fixtures numpy wrote that we refuse on purpose (docs/formats.md lists why). */
const REFUSED_FIXTURES = new Set([
  'complex_2.npy',
  'fortran_3x4.npy',
  'object_3.npy',
  'structured_2.npy',
  'unicode_3.npy',
  'i8_too_big_2.npy',
]);

/** A case: a generated file (maybe byte-edited) or a numpy fixture (maybe byte-edited). */
export type NpyCase =
  | { kind: 'generated'; spec: NpySpec; edits: ByteEdit[] }
  | { kind: 'fixture'; name: string; edits: ByteEdit[] };

export const npyCase: fc.Arbitrary<NpyCase> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('generated' as const),
      spec: npySpec,
      edits: fc.constant<ByteEdit[]>([]),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('generated' as const), spec: npySpec, edits: byteEdits() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('fixture' as const),
      name: fc.constantFrom(...FIXTURES.keys()),
      edits: fc.oneof(fc.constant<ByteEdit[]>([]), byteEdits()),
    }),
  },
);

/** The bytes of a case and what must happen to them. */
export function npyCaseBytes(c: NpyCase): { bytes: Uint8Array; expect: Expectation; expected?: NpyExpected } {
  if (c.kind === 'fixture') {
    const bytes = applyEdits(FIXTURES.get(c.name)!, c.edits);
    if (c.edits.length > 0) return { bytes, expect: 'any' };
    return { bytes, expect: REFUSED_FIXTURES.has(c.name) ? 'refuse' : 'ok' };
  }
  const bytes = applyEdits(npyBytes(c.spec), c.edits);
  if (c.edits.length > 0 || !judgeable(c.spec)) return { bytes, expect: 'any' };
  const expected = expectedNpy(c.spec);
  return expected ? { bytes, expect: 'ok', expected } : { bytes, expect: 'refuse' };
}

function fail(message: string): never {
  throw new FuzzPropertyError(message);
}

/**
 * What must hold for any array a reader accepts: the shape's product is the value count, and the values take
 * exactly the bytes after the header (so nothing was allocated from a claim the file does not back).
 */
export function checkAcceptedNpy(
  array: NpyArray,
  bytes: Uint8Array,
  expected: NpyExpected | undefined,
): void {
  const count = array.shape.includes(0) ? 0 : array.shape.reduce((n, d) => n * d, 1);
  if (count !== array.data.length) fail(`shape (${array.shape}) but ${array.data.length} values`);
  const code = array.descr.slice(1) as Code;
  if (DTYPE_NAME[code] !== array.dtype) fail(`descr ${array.descr} reported as ${array.dtype}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dataOffset = bytes[6] === 1 ? 10 + view.getUint16(8, true) : 12 + view.getUint32(8, true);
  if (bytes.length - dataOffset !== count * ITEM_SIZE[code]) {
    fail(`${count} values of ${array.descr} from ${bytes.length - dataOffset} data bytes`);
  }
  if (expected) {
    if (expected.code !== code) fail(`read as ${code}, the header says ${expected.code}`);
    if (JSON.stringify(expected.shape) !== JSON.stringify(array.shape)) {
      fail(`shape (${array.shape}), expected (${expected.shape})`);
    }
    if (!sameValues(array.data, expected.values)) fail('values differ from the file');
  }
  if (array.shape.length === 2) {
    const m = array.toMatrix();
    if (m.rows !== array.shape[0] || m.cols !== array.shape[1]) fail('toMatrix changed the shape');
  } else {
    try {
      array.toMatrix();
    } catch (e) {
      if (e instanceof ShapeError) return;
      throw e;
    }
    fail(`toMatrix accepted a ${array.shape.length}-D array`);
  }
}

/** The target. */
export const npyTarget: FuzzTarget<NpyCase> = {
  name: 'npy',
  description: 'readNpy on generated, header-mutated and byte-edited .npy files and numpy fixtures',
  arbitrary: npyCase,
  setup: () => scratchContext('npy'),
  async check(c, context) {
    const { bytes, expect, expected } = npyCaseBytes(c);
    const path = join(context.directory, 'case.npy');
    await writeFile(path, bytes);
    const outcome = await guardedCase(() => readNpy(path), {
      allowed: [ModelFormatError],
      expect,
      source: path,
      inputBytes: bytes.length,
      stats: context.stats,
      limits: context.limits,
    });
    if (outcome.accepted) checkAcceptedNpy(outcome.value, bytes, expected);
  },
};
