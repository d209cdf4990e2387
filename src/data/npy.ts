/**
 * NumPy `.npy` arrays from bytes (format versions 1.0, 2.0 and 3.0): the magic `\x93NUMPY`, a version byte
 * pair, a little-endian header length (u16 in 1.0, u32 in 2.0/3.0), a Python-dict header such as
 * `{'descr': '<f8', 'fortran_order': False, 'shape': (1797, 64), }` (latin-1, UTF-8 in 3.0), then the raw data.
 *
 * Supported dtypes: `f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1`, little- or big-endian, C order. 64-bit integers
 * become an `Int32Array` after a range check (JavaScript has no exact 64-bit numbers outside BigInt), half
 * floats become float32. Fortran order, object arrays (pickles), strings, structured and complex dtypes, and
 * files whose data is shorter or longer than the header says are refused with a `ModelFormatError` that
 * names the file and says why.
 *
 * @module
 */

import { ModelFormatError, ShapeError } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import { isPlain, preview, quoted } from '../core/printable.js';
import { PythonLiteralError, parsePythonLiteral } from './python-literal.js';

/** The element types {@link parseNpy} returns. */
export type NpyDtype =
  | 'float16'
  | 'float32'
  | 'float64'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'bool';

/** The typed array holding the values (`float16` → Float32Array, `int64`/`uint64` → Int32Array, `bool` → Uint8Array). */
export type NpyData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint16Array
  | Uint32Array;

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

interface Kind {
  dtype: NpyDtype;
  size: number;
  read: (view: DataView, offset: number, little: boolean) => number;
  make: (n: number) => NpyData;
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

const KINDS: Record<string, Kind> = {
  f2: {
    dtype: 'float16',
    size: 2,
    read: (v, o, l) => halfToFloat(v.getUint16(o, l)),
    make: (n) => new Float32Array(n),
  },
  f4: { dtype: 'float32', size: 4, read: (v, o, l) => v.getFloat32(o, l), make: (n) => new Float32Array(n) },
  f8: { dtype: 'float64', size: 8, read: (v, o, l) => v.getFloat64(o, l), make: (n) => new Float64Array(n) },
  i1: { dtype: 'int8', size: 1, read: (v, o) => v.getInt8(o), make: (n) => new Int8Array(n) },
  i2: { dtype: 'int16', size: 2, read: (v, o, l) => v.getInt16(o, l), make: (n) => new Int16Array(n) },
  i4: { dtype: 'int32', size: 4, read: (v, o, l) => v.getInt32(o, l), make: (n) => new Int32Array(n) },
  i8: {
    dtype: 'int64',
    size: 8,
    read: (v, o, l) => Number(v.getBigInt64(o, l)),
    make: (n) => new Int32Array(n),
  },
  u1: { dtype: 'uint8', size: 1, read: (v, o) => v.getUint8(o), make: (n) => new Uint8Array(n) },
  u2: { dtype: 'uint16', size: 2, read: (v, o, l) => v.getUint16(o, l), make: (n) => new Uint16Array(n) },
  u4: { dtype: 'uint32', size: 4, read: (v, o, l) => v.getUint32(o, l), make: (n) => new Uint32Array(n) },
  u8: {
    dtype: 'uint64',
    size: 8,
    read: (v, o, l) => Number(v.getBigUint64(o, l)),
    make: (n) => new Int32Array(n),
  },
  b1: {
    dtype: 'bool',
    size: 1,
    read: (v, o) => (v.getUint8(o) === 0 ? 0 : 1),
    make: (n) => new Uint8Array(n),
  },
};

/** Why a dtype string is refused, for the error message. */
function refusal(descr: string): string {
  const code = descr.replace(/^[<>|=]/, '');
  if (code === 'O') return 'object arrays hold pickled Python objects, which cannot be read safely';
  if (/^[USa]/.test(code)) return 'string arrays are not numeric (encode labels as integers)';
  if (/^c/.test(code)) return 'complex numbers are not supported';
  if (/^[mM]/.test(code)) return 'dates and times are not supported';
  return 'this dtype is not supported';
}

/** A `.npy` array: shape, dtype and values in C (row-major) order. */
export class NpyArray {
  /** The dimensions, e.g. `[1797, 64]`; `[]` for a scalar. */
  readonly shape: number[];
  /** The element type as stored in the file. */
  readonly dtype: NpyDtype;
  /** The numpy dtype string, e.g. `<f8`. */
  readonly descr: string;
  /** The values, row-major. */
  readonly data: NpyData;
  /** Where the array came from (for messages). */
  readonly source: string;

  constructor(shape: number[], dtype: NpyDtype, descr: string, data: NpyData, source: string) {
    this.shape = shape;
    this.dtype = dtype;
    this.descr = descr;
    this.data = data;
    this.source = source;
  }

  /**
   * The array as a Matrix (2-D arrays only): float32 arrays keep their storage, other dtypes are copied to
   * float64 (exact for every integer type we return).
   *
   * @throws {ShapeError} the array is not 2-D
   */
  toMatrix(): Matrix {
    if (this.shape.length !== 2) {
      throw new ShapeError({
        subject: this.source,
        expected: 'a 2-D array (rows, features)',
        got: `shape ${shapeText(this.shape)}`,
        hint:
          this.shape.length === 1
            ? 'A 1-D array looks like labels; use X.reshape(-1, 1) for a single feature.'
            : undefined,
      });
    }
    const [rows, cols] = this.shape as [number, number];
    if (this.data instanceof Float32Array && this.dtype === 'float32')
      return new Matrix(rows, cols, this.data);
    return new Matrix(rows, cols, Float64Array.from(this.data));
  }
}

/**
 * A header value for a message: short and on one line, whatever the file holds (a header may carry a
 * 60 KB string or a newline in a dtype).
 */
function shown(value: unknown): string {
  if (typeof value === 'string') return isPlain(value) && !value.includes("'") ? `'${value}'` : quoted(value);
  return preview(value);
}

/** A shape for a message, e.g. `(3, 4)`; very long shapes are cut. */
function shapeText(dims: readonly number[]): string {
  const shown = dims.length > 8 ? [...dims.slice(0, 8), '…'] : dims;
  return `(${shown.join(', ')}${dims.length === 1 ? ',' : ''})`;
}

function formatError(source: string, expected: string, got: string, hint?: string): ModelFormatError {
  return new ModelFormatError({ subject: source, expected, got, ...(hint ? { hint } : {}) });
}

/**
 * Parses the bytes of a `.npy` file. `source` names the file in errors.
 *
 * @throws {ModelFormatError} not a .npy file, an unknown version, a bad header, a refused dtype or order, or a
 *   data size that differs from what the header says
 * @example
 * const y = parseNpy(bytes, 'y.npy'); // { shape: [1797], dtype: 'int64', data: Int32Array [...] }
 */
export function parseNpy(bytes: Uint8Array, source = 'array.npy'): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw formatError(
      source,
      'a NumPy .npy file (starting with \\x93NUMPY)',
      bytes.length < 10 ? `${bytes.length} bytes` : 'other bytes',
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6]!;
  const minor = bytes[7]!;
  if (!((major === 1 || major === 2 || major === 3) && minor === 0)) {
    throw formatError(source, '.npy format version 1.0, 2.0 or 3.0', `version ${major}.${minor}`);
  }
  const lengthBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthBytes) throw formatError(source, 'a complete header', 'a truncated file');
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataOffset = 8 + lengthBytes + headerLength;
  if (dataOffset > bytes.length) {
    throw formatError(
      source,
      `a header of ${headerLength} bytes`,
      `a file of ${bytes.length} bytes (truncated)`,
    );
  }
  const headerBytes = bytes.subarray(8 + lengthBytes, dataOffset);
  const headerText = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(headerBytes);
  let header: ReturnType<typeof parsePythonLiteral>;
  try {
    header = parsePythonLiteral(headerText);
  } catch (e) {
    const why = e instanceof PythonLiteralError ? e.message : String(e);
    throw formatError(
      source,
      "a header dict like {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3)}",
      `unreadable header text (${why})`,
    );
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw formatError(source, 'a header dict', shown(header));
  }
  const { descr, fortran_order: fortran, shape } = header;
  if (Array.isArray(descr))
    throw formatError(source, 'a plain numeric dtype', 'a structured dtype (record array)');
  if (typeof descr !== 'string') throw formatError(source, "a 'descr' dtype string", shown(descr));
  const endian = descr[0];
  const code = descr.replace(/^[<>|=]/, '');
  // hasOwn: a descr like '<constructor' must not find Object.prototype's members.
  const kind = Object.hasOwn(KINDS, code) ? KINDS[code] : undefined;
  if (!kind || !['<', '>', '|', '='].includes(endian!)) {
    throw formatError(
      source,
      `a numeric dtype (${Object.keys(KINDS)
        .map((k) => `<${k}`)
        .join(' ')})`,
      `dtype ${shown(descr)}: ${refusal(descr)}`,
    );
  }
  if (fortran === true) {
    throw formatError(
      source,
      'C (row-major) order',
      'fortran_order: True',
      'Save np.ascontiguousarray(a) instead, so rows are stored one after another.',
    );
  }
  if (fortran !== false) throw formatError(source, "'fortran_order': False", shown(fortran));
  if (
    !Array.isArray(shape) ||
    shape.some((d) => typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0)
  ) {
    throw formatError(source, "a 'shape' tuple of non-negative integers", shown(shape));
  }
  const dims = shape as number[];
  const available = bytes.length - dataOffset;
  // Multiply with an early exit so a huge shape in a short file never turns into a huge allocation. An empty
  // dimension anywhere makes the array empty however large the others are (numpy writes (0, 10**12) as a
  // header and no data), so it must not trip the early exit.
  let count = dims.includes(0) ? 0 : 1;
  for (const d of dims) {
    if (count * kind.size > available) break;
    count *= d;
  }
  if (count * kind.size !== available) {
    const need = dims.reduce((n, d) => n * d, kind.size);
    throw formatError(
      source,
      `${need} data bytes for shape ${shapeText(dims)} of '${descr}'`,
      `${available} bytes`,
      available < need ? 'The file is truncated.' : 'The file has extra bytes after the array.',
    );
  }
  const little = endian !== '>';
  const data = kind.make(count);
  for (let i = 0, o = dataOffset; i < count; i++, o += kind.size) {
    const v = kind.read(view, o, little);
    if ((kind.dtype === 'int64' || kind.dtype === 'uint64') && (v < -(2 ** 31) || v > 2 ** 31 - 1)) {
      const exact = kind.dtype === 'int64' ? view.getBigInt64(o, little) : view.getBigUint64(o, little);
      throw new ModelFormatError({
        subject: source,
        expected: `${kind.dtype} values that fit in int32 (they are returned as an Int32Array)`,
        got: String(exact),
        where: `index ${i}`,
      });
    }
    data[i] = v;
  }
  return new NpyArray(dims, kind.dtype, descr, data, source);
}
