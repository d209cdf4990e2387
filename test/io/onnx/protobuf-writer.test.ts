/** The encodings, checked against the examples of the Protocol Buffers encoding guide. */
import { describe, expect, it } from 'vitest';
import { intField, messageField, stringField, varint } from '../../../src/io/onnx/protobuf-writer.js';

describe('protobuf writer', () => {
  it('writes varints as the encoding guide shows (1, 150, 2^32, -1 as ten bytes)', () => {
    expect(Array.from(varint(1))).toEqual([0x01]);
    expect(Array.from(varint(150))).toEqual([0x96, 0x01]);
    expect(Array.from(varint(2 ** 32))).toEqual([0x80, 0x80, 0x80, 0x80, 0x10]);
    expect(Array.from(varint(-1))).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
  });

  it('writes the guide\'s Test1 (a = 150), Test2 (b = "testing") and Test3 (c = Test1) messages', () => {
    expect(Array.from(intField(1, 150))).toEqual([0x08, 0x96, 0x01]);
    expect(Array.from(stringField(2, 'testing'))).toEqual([
      0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67,
    ]);
    expect(Array.from(messageField(3, [intField(1, 150)]))).toEqual([0x1a, 0x03, 0x08, 0x96, 0x01]);
  });
});
