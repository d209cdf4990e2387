/**
 * Float32 arrays as base64 text (little-endian bytes), to keep exact weights inside JSON metadata. Uses the
 * `btoa`/`atob` globals, which Node ≥ 16 and every browser have.
 *
 * @module
 */

import { describeValue, ModelFormatError } from '../../core/errors.js';

/** Base64 of the little-endian float32 bytes of `values`. */
export function float32ToBase64(values: Float32Array): string {
  // Copy 32-bit words, not numbers: reading a float32 into a JS number would canonicalise NaN payloads.
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < words.length; i++) view.setUint32(i * 4, words[i]!, true);
  let binary = '';
  // String.fromCharCode takes its arguments on the stack: feed it bounded chunks.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * Decodes {@link float32ToBase64} text of exactly `length` values.
 *
 * @throws {ModelFormatError} not base64, or not `length` float32 values (`subject` names the field)
 */
export function base64ToFloat32(text: unknown, length: number, subject: string): Float32Array {
  if (typeof text !== 'string') {
    throw new ModelFormatError({ subject, expected: 'a base64 string', got: describeValue(text) });
  }
  // atob decodes far fewer bytes than characters; refuse a wrong length before decoding anything large.
  if (Math.floor((text.replace(/=+$/, '').length * 3) / 4) !== length * 4) {
    throw new ModelFormatError({
      subject,
      expected: `base64 of ${length} float32 values (${length * 4} bytes)`,
      got: `${text.length} base64 characters`,
    });
  }
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new ModelFormatError({ subject, expected: 'valid base64 text', got: 'characters outside base64' });
  }
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  const out = new Float32Array(length);
  const words = new Uint32Array(out.buffer);
  for (let i = 0; i < length; i++) words[i] = view.getUint32(i * 4, true);
  return out;
}
