/**
 * The few Protocol Buffers encodings an ONNX file needs, and nothing more: varints (int64 as two's complement
 * in 10 bytes when negative), length-delimited fields (strings, bytes, nested messages) (ONNX floats travel as raw bytes).
 * A message is built as a list of already-encoded fields and concatenated once.
 *
 * Wire format reference: https://protobuf.dev/programming-guides/encoding/ (wire types 0 varint and
 * 2 length-delimited; a field key is `(field << 3) | wireType`).
 *
 * @module
 */

const VARINT = 0;
const LENGTH_DELIMITED = 2;

const encoder = new TextEncoder();

/** The varint bytes of a non-negative or negative integer (negative ones as 64-bit two's complement). */
export function varint(value: number | bigint): Uint8Array {
  let n = BigInt(value);
  if (n < 0n) n += 1n << 64n;
  const out: number[] = [];
  while (n >= 0x80n) {
    out.push(Number(n & 0x7fn) | 0x80);
    n >>= 7n;
  }
  out.push(Number(n));
  return Uint8Array.from(out);
}

/** Concatenates byte arrays. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function key(field: number, wireType: number): Uint8Array {
  return varint((field << 3) | wireType);
}

/** An integer field (int32, int64, enum). */
export function intField(field: number, value: number | bigint): Uint8Array {
  return concatBytes([key(field, VARINT), varint(value)]);
}

/** A bytes or nested-message field. */
export function bytesField(field: number, bytes: Uint8Array): Uint8Array {
  return concatBytes([key(field, LENGTH_DELIMITED), varint(bytes.length), bytes]);
}

/** A UTF-8 string field. */
export function stringField(field: number, text: string): Uint8Array {
  return bytesField(field, encoder.encode(text));
}

/** A nested message given as its encoded fields. */
export function messageField(field: number, fields: readonly Uint8Array[]): Uint8Array {
  return bytesField(field, concatBytes(fields));
}
