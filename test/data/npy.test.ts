/**
 * parseNpy against numpy 2.4.6: every fixture under test/fixtures/npy was written by numpy
 * (make_fixtures.py), and expected.json holds numpy's own dtype, shape and values for it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ModelFormatError, ShapeError } from '../../src/core/errors.js';
import { parseNpy } from '../../src/data/npy.js';
import { readFixture } from '../helpers/fixtures.js';

interface Expected {
  arrays: Record<string, { descr: string; shape: number[]; values: (number | boolean)[] }>;
}

const expected = readFixture<Expected>('npy/expected.json').arrays;

function fixture(name: string): Uint8Array {
  return readFileSync(new URL(`../fixtures/npy/${name}`, import.meta.url));
}

/** A version 1.0 file with `header` (padded as numpy pads it) followed by `data`. */
function npy(header: string, data: number[]): Uint8Array {
  const text = new TextEncoder().encode(`${header.padEnd(118, ' ')}\n`);
  const bytes = new Uint8Array(10 + text.length + data.length);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, text.length & 0xff, text.length >> 8]);
  bytes.set(text, 10);
  bytes.set(data, 10 + text.length);
  return bytes;
}

function refusal(bytes: Uint8Array, name = 'x.npy'): ModelFormatError {
  try {
    parseNpy(bytes, name);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelFormatError);
    return e as ModelFormatError;
  }
  return expect.fail('parseNpy accepted the input');
}

const DTYPES: Record<string, string> = {
  '<f8': 'float64',
  '<f4': 'float32',
  '<f2': 'float16',
  '>f8': 'float64',
  '>i4': 'int32',
  '|i1': 'int8',
  '<i2': 'int16',
  '<i4': 'int32',
  '<i8': 'int64',
  '|u1': 'uint8',
  '<u2': 'uint16',
  '<u4': 'uint32',
  '<u8': 'uint64',
  '|b1': 'bool',
};

describe('parseNpy', () => {
  for (const [name, want] of Object.entries(expected)) {
    if (!name.endsWith('.npy')) continue;
    it(`reads ${name} (${want.descr}, shape (${want.shape.join(', ')})) with numpy's values`, () => {
      const a = parseNpy(fixture(name), name);
      expect(a.shape).toEqual(want.shape);
      expect(a.descr).toBe(want.descr);
      expect(a.dtype).toBe(DTYPES[want.descr]);
      expect(Array.from(a.data)).toEqual(want.values.map(Number));
    });
  }

  it('returns 64-bit integers as an Int32Array and keeps float32 storage as is', () => {
    expect(parseNpy(fixture('i8_labels_6.npy')).data).toBeInstanceOf(Int32Array);
    expect(parseNpy(fixture('u8_3.npy')).data).toBeInstanceOf(Int32Array);
    expect(parseNpy(fixture('f4_3x4.npy')).data).toBeInstanceOf(Float32Array);
    expect(parseNpy(fixture('f2_5.npy')).data).toBeInstanceOf(Float32Array);
  });

  it('turns a 2-D array into a Matrix, and says why a 1-D one is not a matrix', () => {
    const m = parseNpy(fixture('f8_3x4.npy')).toMatrix();
    expect(m.shape).toEqual([3, 4]);
    expect(Array.from(m.data)).toEqual(expected['f8_3x4.npy']!.values);
    expect(parseNpy(fixture('f4_3x4.npy')).toMatrix().dtype).toBe('float32');
    expect(() => parseNpy(fixture('i8_labels_6.npy'), 'y.npy').toMatrix()).toThrow(ShapeError);
    expect(() => parseNpy(fixture('i8_labels_6.npy'), 'y.npy').toMatrix()).toThrow(
      /y\.npy.*2-D.*shape \(6,\)/,
    );
  });

  it('refuses Fortran order and says how to fix it', () => {
    expect(refusal(fixture('fortran_3x4.npy'), 'f.npy').message).toMatch(
      /f\.npy: expected C \(row-major\) order, got fortran_order: True.*ascontiguousarray/,
    );
  });

  it('refuses object arrays because they are pickles', () => {
    expect(refusal(fixture('object_3.npy')).message).toMatch(/dtype '\|O'.*pickled/);
  });

  it('refuses strings, complex numbers and structured dtypes with a reason', () => {
    expect(refusal(fixture('unicode_3.npy')).message).toMatch(/'<U3'.*string arrays/);
    expect(refusal(fixture('complex_2.npy')).message).toMatch(/'<c16'.*complex/);
    expect(refusal(fixture('structured_2.npy')).message).toMatch(/structured dtype/);
  });

  it('refuses int64 values outside the int32 range, naming the value and index', () => {
    expect(refusal(fixture('i8_too_big_2.npy')).message).toMatch(/got 1099511627776 \(at index 1\)/);
  });

  it('refuses a truncated file at every cut, and extra bytes after the data', () => {
    const bytes = fixture('f8_3x4.npy');
    for (let cut = 0; cut < bytes.length; cut++) refusal(bytes.subarray(0, cut));
    expect(refusal(bytes.subarray(0, bytes.length - 8)).message).toMatch(
      /expected 96 data bytes.*got 88 bytes.*truncated/,
    );
    const longer = new Uint8Array(bytes.length + 3);
    longer.set(bytes);
    expect(refusal(longer).message).toMatch(/extra bytes/);
  });

  it('refuses other files, unknown versions and broken headers', () => {
    expect(refusal(new TextEncoder().encode('a,b\n1,2\n')).message).toMatch(/\\x93NUMPY/);
    const bytes = fixture('f8_3x4.npy').slice();
    bytes[6] = 4;
    expect(refusal(bytes).message).toMatch(/version 4\.0/);
    const header = fixture('f8_3x4.npy').slice();
    header.set(new TextEncoder().encode('__import__'), 10);
    expect(refusal(header).message).toMatch(/unreadable header/);
  });

  // Found by fuzzing: the fields of a header hidden in a '__proto__' entry were inherited and accepted.
  it("refuses a header whose fields sit inside a '__proto__' entry", () => {
    const bytes = npy("{'__proto__': {'descr': '|u1', 'fortran_order': False, 'shape': (2,)}, }", [7, 8]);
    expect(refusal(bytes).message).toMatch(/expected a 'descr' dtype string, got undefined/);
  });

  // Found by fuzzing: the early exit against huge shapes refused an empty array whose other dimension is
  // huge (numpy writes np.empty((0, 10**12)) as that header and no data).
  it('reads an empty array whatever its other dimensions', () => {
    for (const shape of ['(0, 1000000000000)', '(1000000000000, 0)', '(0,)']) {
      const a = parseNpy(npy(`{'descr': '<f8', 'fortran_order': False, 'shape': ${shape}, }`, []), 'e.npy');
      expect(a.data.length).toBe(0);
    }
    expect(refusal(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 5), }", [1])).message).toMatch(
      /expected 0 data bytes.*got 1 bytes.*extra bytes/,
    );
  });

  // Found by fuzzing: a dtype string from the file went into the message whole (a 20,000-character line).
  it('keeps messages short and on one line whatever the header holds', () => {
    const long = refusal(
      npy(`{'descr': '${'x'.repeat(20000)}', 'fortran_order': False, 'shape': (1,), }`, []),
    );
    expect(long.message.length).toBeLessThan(300);
    const newline = refusal(npy("{'descr': '<f8\\n', 'fortran_order': False, 'shape': (1,), }", []));
    expect(newline.message).toMatch(/got dtype "<f8\\n"/);
    expect(newline.message).not.toMatch(/\n/);
  });

  it('does not allocate from a huge shape in a small file', () => {
    const text = "{'descr': '<f8', 'fortran_order': False, 'shape': (100000000000, 100000000000), }";
    const header = new TextEncoder().encode(`${text.padEnd(118, ' ')}\n`);
    const bytes = new Uint8Array(10 + header.length + 16);
    bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length, 0]);
    bytes.set(header, 10);
    expect(refusal(bytes).message).toMatch(/truncated/);
  });
});
