/**
 * Generated `.npy` files and what a correct reader must make of them.
 *
 * A file is built from a structured description: an array (dtype code, byte order, shape, element bytes),
 * a header dict written as numpy writes it (`{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`
 * padded with spaces to a multiple of 64 bytes), a version and a header-length field. Mutations change that
 * description: header values replaced by others (wrong dtypes, giant, negative or non-integer dimensions,
 * `fortran_order: True`, ...), fields dropped or repeated, extra keys (`__proto__`, `constructor`, ...), every
 * field moved inside a `'__proto__'` dict, raw broken header text, a wrong version or length field.
 *
 * The oracle decides from the description alone, by numpy's rules as docs/formats.md states them: a dict
 * (the last of repeated keys wins, as in Python) whose `descr` is a numeric dtype we read, `fortran_order`
 * False, `shape` a tuple of non-negative integers whose product times the item size is exactly the data
 * length, and 64-bit integers that fit in int32. Element values are decoded with DataView, independently of
 * the reader.
 *
 * @module
 */

import fc from 'fast-check';

/** The dtype codes the reader supports. */
export const CODES = ['f2', 'f4', 'f8', 'i1', 'i2', 'i4', 'i8', 'u1', 'u2', 'u4', 'u8', 'b1'] as const;
/** A supported dtype code. */
export type Code = (typeof CODES)[number];

/** Bytes per element. */
export const ITEM_SIZE: Record<Code, number> = {
  f2: 2,
  f4: 4,
  f8: 8,
  i1: 1,
  i2: 2,
  i4: 4,
  i8: 8,
  u1: 1,
  u2: 2,
  u4: 4,
  u8: 8,
  b1: 1,
};

/** The dtype name the reader reports for each code. */
export const DTYPE_NAME: Record<Code, string> = {
  f2: 'float16',
  f4: 'float32',
  f8: 'float64',
  i1: 'int8',
  i2: 'int16',
  i4: 'int32',
  i8: 'int64',
  u1: 'uint8',
  u2: 'uint16',
  u4: 'uint32',
  u8: 'uint64',
  b1: 'bool',
};

/** A header value: its Python text and what it means (`BROKEN` when the text is not a literal). */
export interface HeaderValue {
  text: string;
  meaning: unknown;
}

/** The meaning of text that is not a Python literal we read. */
export const BROKEN = Symbol('broken');

/** A `.npy` file described structurally. */
export interface NpySpec {
  code: Code;
  endian: '<' | '>' | '|';
  shape: number[];
  /** The element bytes (count × item size). */
  elements: Uint8Array;
  /** The header dict's entries, in order (`rawHeader` replaces them). */
  fields: [string, HeaderValue][];
  /** The index of a broken header text in BROKEN_HEADERS that replaces the fields (indices keep reports short). */
  rawHeader: number | undefined;
  version: [number, number];
  /** Added to the header-length field (0: the true length). */
  lengthDelta: number;
  /** What was changed, for the report of a failing case. */
  mutation: string;
}

function pythonTuple(dims: readonly (number | string)[]): string {
  if (dims.length === 1) return `(${dims[0]},)`;
  return `(${dims.join(', ')})`;
}

function product(shape: readonly number[]): number {
  return shape.includes(0) ? 0 : shape.reduce((n, d) => n * d, 1);
}

const smallShape = fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 });
// numpy writes these: an empty array with a huge other dimension holds no bytes at all.
const emptyButHuge = fc
  .tuple(fc.constantFrom(10 ** 12, 2 ** 40, 2 ** 53 - 1), fc.boolean())
  .map(([big, first]) => (first ? [big, 0] : [0, big]));

const int32Range = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map(BigInt);

function elementBytes(code: Code, count: number): fc.Arbitrary<Uint8Array> {
  if (count === 0) return fc.constant(new Uint8Array(0));
  if (code === 'i8' || code === 'u8') {
    // Mostly values int32 can hold (labels), sometimes any 64-bit pattern (must be refused when too big).
    const value =
      code === 'i8'
        ? fc.oneof(
            { weight: 6, arbitrary: int32Range },
            { weight: 1, arbitrary: fc.bigInt(-(2n ** 63n), 2n ** 63n - 1n) },
          )
        : fc.oneof(
            { weight: 6, arbitrary: fc.bigInt(0n, 2n ** 31n - 1n) },
            { weight: 1, arbitrary: fc.bigInt(0n, 2n ** 64n - 1n) },
          );
    return fc.array(value, { minLength: count, maxLength: count }).map((values) => {
      const out = new Uint8Array(count * 8);
      const view = new DataView(out.buffer);
      for (let i = 0; i < count; i++) view.setBigUint64(i * 8, BigInt.asUintN(64, values[i]!), true);
      return out;
    });
  }
  return fc.uint8Array({ minLength: count * ITEM_SIZE[code], maxLength: count * ITEM_SIZE[code] });
}

/** A valid array: code, byte order, shape and element bytes. */
const validArray = fc
  .record({
    code: fc.constantFrom(...CODES),
    little: fc.boolean(),
    shape: fc.oneof({ weight: 12, arbitrary: smallShape }, { weight: 1, arbitrary: emptyButHuge }),
  })
  .chain(({ code, little, shape }) =>
    elementBytes(code, product(shape)).map((elements) => ({
      code,
      endian: (ITEM_SIZE[code] === 1 ? '|' : little ? '<' : '>') as NpySpec['endian'],
      shape,
      elements,
    })),
  );

function text(value: string): HeaderValue {
  return { text: `'${value}'`, meaning: value };
}

/** Replacement descr values: other codes and byte orders, and dtypes that must be refused. */
function descrAlternatives(code: Code): HeaderValue[] {
  return [
    ...CODES.map((c) => text(`<${c}`)),
    text(`>${code}`),
    text(`=${code}`),
    text(`|${code}`),
    text('|O'),
    text('<U3'),
    text('|S5'),
    text('<c16'),
    text('<M8[ns]'),
    text(code),
    text(''),
    text(`<${code} `),
    text(`<<${code}`),
    text('<constructor'),
    text('|__proto__'),
    text('<toString'),
    {
      text: "[('a', '<f8'), ('b', '<i4')]",
      meaning: [
        ['a', '<f8'],
        ['b', '<i4'],
      ],
    },
    { text: '8', meaning: 8 },
    { text: 'None', meaning: null },
    { text: `"<${code}"`, meaning: `<${code}` },
  ];
}

const FORTRAN_ALTERNATIVES: HeaderValue[] = [
  { text: 'False', meaning: false },
  { text: 'True', meaning: true },
  { text: '0', meaning: 0 },
  { text: "'False'", meaning: 'False' },
  { text: 'None', meaning: null },
  { text: 'false', meaning: BROKEN },
];

/** Replacement shapes: reshapes of the same count, wrong counts, and dimensions a reader must refuse. */
function shapeAlternatives(shape: readonly number[]): HeaderValue[] {
  const tuple = (dims: number[]): HeaderValue => ({ text: pythonTuple(dims), meaning: dims });
  return [
    tuple([...shape]),
    { text: `[${shape.join(', ')}]`, meaning: [...shape] },
    tuple([...shape, 1]),
    tuple([product(shape)]),
    tuple([...shape, 2]),
    tuple(shape.map((d) => d * 2 + 1)),
    tuple([]),
    tuple([2 ** 40, 2 ** 40]),
    tuple([10 ** 15, 10 ** 15, 10 ** 15]),
    tuple([-1]),
    tuple([...shape, -2]),
    { text: '(99999999999999999999,)', meaning: [1e20] },
    // 2**53 + 1 has no double: it reads as 2**53, which is not a safe integer.
    { text: '(9007199254740993,)', meaning: [2 ** 53] },
    { text: '(3.0,)', meaning: BROKEN },
    { text: "('3',)", meaning: ['3'] },
    { text: '((3,),)', meaning: [[3]] },
    { text: '(True,)', meaning: [true] },
    { text: '(+4,)', meaning: [4] },
    { text: '(4L,)', meaning: [4] },
    { text: 'None', meaning: null },
    { text: '3', meaning: 3 },
    { text: '(1,', meaning: BROKEN },
  ];
}

/** Header texts that are not a dict we accept. */
const BROKEN_HEADERS: string[] = [
  '',
  '{',
  '}',
  "{'descr': '<f8', 'fortran_order': False, 'shape': (2,)",
  "{'descr': '<f8' 'fortran_order': False}",
  "{'descr: '<f8', 'fortran_order': False, 'shape': (2,), }",
  "__import__('os').system('true')",
  "{'descr': lambda: 0}",
  '[1, 2, 3]',
  "'just a string'",
  'None',
  `{'descr': '${'x'.repeat(20000)}'}`,
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `{'shape': ${'('.repeat(200)}${')'.repeat(200)}}`,
  `{${"'k': 1, ".repeat(3000)}}`,
  `{'descr': '<f8', 'fortran_order': False, 'shape': (${'9'.repeat(500)},), }`,
  "{1: 2, 'descr': '<f8'}",
  "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), } trailing",
  '\u0000\u0001\u0002',
];

const EXTRA_KEYS = ['extra', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'é'];

type Mutation =
  | { kind: 'none' }
  | { kind: 'replace'; field: number; pick: number }
  | { kind: 'drop'; field: number }
  | { kind: 'repeat'; field: number; pick: number; before: boolean }
  | { kind: 'extra'; key: number; pick: number }
  | { kind: 'proto' }
  | { kind: 'raw'; pick: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'none' as const }) },
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('replace' as const), field: fc.nat(2), pick: fc.nat(40) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), field: fc.nat(2) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('repeat' as const),
      field: fc.nat(2),
      pick: fc.nat(40),
      before: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('extra' as const),
      key: fc.nat(EXTRA_KEYS.length - 1),
      pick: fc.nat(40),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'proto' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('raw' as const), pick: fc.nat(BROKEN_HEADERS.length - 1) }),
  },
);

const FIELD_NAMES = ['descr', 'fortran_order', 'shape'] as const;

function alternativesFor(field: number, code: Code, shape: readonly number[]): HeaderValue[] {
  if (field === 0) return descrAlternatives(code);
  if (field === 1) return FORTRAN_ALTERNATIVES;
  return shapeAlternatives(shape);
}

function anyAlternative(pick: number, code: Code, shape: readonly number[]): HeaderValue {
  const all = [0, 1, 2].flatMap((f) => alternativesFor(f, code, shape));
  all.push({ text: "{'descr': '|u1', 'fortran_order': False, 'shape': (1,)}", meaning: 'dict' });
  return all[pick % all.length]!;
}

function mutatedFields(
  base: [string, HeaderValue][],
  m: Mutation,
  code: Code,
  shape: readonly number[],
): { fields: [string, HeaderValue][]; raw: number | undefined } {
  const fields = base.slice();
  switch (m.kind) {
    case 'none':
      return { fields, raw: undefined };
    case 'replace': {
      const options = alternativesFor(m.field, code, shape);
      fields[m.field] = [FIELD_NAMES[m.field]!, options[m.pick % options.length]!];
      return { fields, raw: undefined };
    }
    case 'drop':
      fields.splice(m.field, 1);
      return { fields, raw: undefined };
    case 'repeat': {
      const options = alternativesFor(m.field, code, shape);
      const entry: [string, HeaderValue] = [FIELD_NAMES[m.field]!, options[m.pick % options.length]!];
      if (m.before) fields.unshift(entry);
      else fields.push(entry);
      return { fields, raw: undefined };
    }
    case 'extra':
      fields.splice(m.pick % (fields.length + 1), 0, [
        EXTRA_KEYS[m.key]!,
        anyAlternative(m.pick, code, shape),
      ]);
      return { fields, raw: undefined };
    case 'proto': {
      const inner = `{${fields.map(([k, v]) => `'${k}': ${v.text}`).join(', ')}}`;
      return { fields: [['__proto__', { text: inner, meaning: 'dict' }]], raw: undefined };
    }
    case 'raw':
      return { fields: [], raw: m.pick };
  }
}

/** Arbitrary `.npy` descriptions: mostly valid arrays with a mutated header, some with a wrong version or length. */
export const npySpec: fc.Arbitrary<NpySpec> = fc
  .record({
    array: validArray,
    mutation,
    version: fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom<[number, number]>([1, 0], [2, 0], [3, 0]) },
      { weight: 1, arbitrary: fc.tuple(fc.nat(255), fc.nat(255)) },
    ),
    lengthDelta: fc.oneof(
      { weight: 20, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.constantFrom(-1, 1, -64, 1000, 0x7fffffff) },
    ),
  })
  .map(({ array, mutation: m, version, lengthDelta }) => {
    const base: [string, HeaderValue][] = [
      ['descr', text(`${array.endian}${array.code}`)],
      ['fortran_order', { text: 'False', meaning: false }],
      ['shape', { text: pythonTuple(array.shape), meaning: [...array.shape] }],
    ];
    const { fields, raw } = mutatedFields(base, m, array.code, array.shape);
    return { ...array, fields, rawHeader: raw, version, lengthDelta, mutation: JSON.stringify(m) };
  });

/** The header text of a spec, unpadded. */
function headerText(spec: NpySpec): string {
  if (spec.rawHeader !== undefined) return BROKEN_HEADERS[spec.rawHeader]!;
  return `{${spec.fields.map(([k, v]) => `'${k}': ${v.text}, `).join('')}}`;
}

/** The bytes of the file a spec describes. */
export function npyBytes(spec: NpySpec): Uint8Array {
  const [major, minor] = spec.version;
  const body = headerText(spec);
  const encoded =
    major === 3 ? new TextEncoder().encode(body) : Uint8Array.from(body, (c) => c.charCodeAt(0) & 0xff);
  // Every header we build fits version 1.0's 16-bit length; only the raw broken ones may not, and they are
  // refused either way.
  const wide = major !== 1 || encoded.length > 60000;
  const prefix = wide ? 12 : 10;
  const padding = (64 - ((prefix + encoded.length + 1) % 64)) % 64;
  const headerLength = encoded.length + padding + 1;
  const out = new Uint8Array(prefix + headerLength + spec.elements.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, minor]);
  const view = new DataView(out.buffer);
  const claimed = Math.max(0, headerLength + spec.lengthDelta);
  if (wide) view.setUint32(8, Math.min(claimed, 0xffffffff), true);
  else view.setUint16(8, claimed & 0xffff, true);
  out.set(encoded, prefix);
  out.fill(0x20, prefix + encoded.length, prefix + headerLength - 1);
  out[prefix + headerLength - 1] = 0x0a;
  out.set(spec.elements, prefix + headerLength);
  return out;
}

/** What a correct reader returns for a spec, or `undefined` when it must refuse the file. */
export interface NpyExpected {
  code: Code;
  shape: number[];
  values: number[];
}

const VALID_DESCR = /^[<>|=](f2|f4|f8|i1|i2|i4|i8|u1|u2|u4|u8|b1)$/;

function halfToNumber(bits: number): number {
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  const magnitude =
    exponent === 0
      ? mantissa * 2 ** -24
      : exponent === 31
        ? mantissa === 0
          ? Number.POSITIVE_INFINITY
          : Number.NaN
        : (1024 + mantissa) * 2 ** (exponent - 25);
  return bits & 0x8000 ? -magnitude : magnitude;
}

function decode(code: Code, little: boolean, bytes: Uint8Array): number[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = ITEM_SIZE[code];
  const out: number[] = [];
  for (let o = 0; o < bytes.length; o += size) {
    let v: number;
    if (code === 'i8' || code === 'u8') {
      const big = code === 'i8' ? view.getBigInt64(o, little) : view.getBigUint64(o, little);
      if (big < -(2n ** 31n) || big >= 2n ** 31n) return undefined;
      v = Number(big);
    } else if (code === 'f2') v = halfToNumber(view.getUint16(o, little));
    else if (code === 'f4') v = view.getFloat32(o, little);
    else if (code === 'f8') v = view.getFloat64(o, little);
    else if (code === 'i1') v = view.getInt8(o);
    else if (code === 'i2') v = view.getInt16(o, little);
    else if (code === 'i4') v = view.getInt32(o, little);
    else if (code === 'u1') v = view.getUint8(o);
    else if (code === 'u2') v = view.getUint16(o, little);
    else if (code === 'u4') v = view.getUint32(o, little);
    else v = view.getUint8(o) === 0 ? 0 : 1;
    out.push(v);
  }
  return out;
}

/**
 * Whether the oracle can judge a spec: a wrong header-length field moves the boundary between header and
 * data, which can make another valid file (e.g. one more data byte and a dtype that needs it), so those
 * files are only checked for the general properties.
 */
export function judgeable(spec: NpySpec): boolean {
  return spec.lengthDelta === 0;
}

/** The oracle (see the module comment), for a {@link judgeable} spec. */
export function expectedNpy(spec: NpySpec): NpyExpected | undefined {
  const [major, minor] = spec.version;
  if (![1, 2, 3].includes(major) || minor !== 0) return undefined;
  if (spec.rawHeader !== undefined) return undefined;
  const dict = new Map<string, unknown>();
  for (const [key, value] of spec.fields) {
    if (value.meaning === BROKEN) return undefined;
    dict.set(key, value.meaning);
  }
  const descr = dict.get('descr');
  const shape = dict.get('shape');
  if (typeof descr !== 'string' || !VALID_DESCR.test(descr)) return undefined;
  if (dict.get('fortran_order') !== false) return undefined;
  if (
    !Array.isArray(shape) ||
    !shape.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)
  ) {
    return undefined;
  }
  const code = descr.slice(1) as Code;
  if (product(shape) * ITEM_SIZE[code] !== spec.elements.length) return undefined;
  const values = decode(code, descr[0] !== '>', spec.elements);
  return values && { code, shape: shape as number[], values };
}

/** Whether a reader's values equal the expected ones (NaN equals NaN, as the bits were the file's). */
export function sameValues(actual: ArrayLike<number>, expected: readonly number[]): boolean {
  if (actual.length !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (!(Object.is(a, e) || (Number.isNaN(a) && Number.isNaN(e)))) return false;
  }
  return true;
}
