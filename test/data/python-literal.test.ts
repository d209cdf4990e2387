import { describe, expect, it } from 'vitest';
import { PythonLiteralError, parsePythonLiteral } from '../../src/data/python-literal.js';

describe('parsePythonLiteral', () => {
  it("reads numpy's header dict, trailing commas and all", () => {
    expect(parsePythonLiteral("{'descr': '<f8', 'fortran_order': False, 'shape': (5, 2), }")).toEqual({
      descr: '<f8',
      fortran_order: false,
      shape: [5, 2],
    });
  });

  it('reads one-element and empty tuples, lists, None, True and double quotes', () => {
    expect(parsePythonLiteral('(7,)')).toEqual([7]);
    expect(parsePythonLiteral('()')).toEqual([]);
    expect(parsePythonLiteral("[('a', '<f4'), (\"b\", '<i4')]")).toEqual([
      ['a', '<f4'],
      ['b', '<i4'],
    ]);
    expect(parsePythonLiteral('{"x": None, "y": True}')).toEqual({ x: null, y: true });
  });

  it('refuses anything that is not a literal, with the position', () => {
    expect(() => parsePythonLiteral("__import__('os')")).toThrow(PythonLiteralError);
    expect(() => parsePythonLiteral("{'a': 1} x")).toThrow(/after the literal at character 9/);
    expect(() => parsePythonLiteral("{'a' 1}")).toThrow(/expected ':'/);
    expect(() => parsePythonLiteral("'open")).toThrow(/unterminated/);
    expect(() => parsePythonLiteral('['.repeat(40))).toThrow(/too deep/);
  });

  // Found by fuzzing: `out['__proto__'] = {...}` replaced the dict's prototype, so a header could hide its
  // fields in an inherited object.
  it("keeps a '__proto__' key as an own entry, never as the dict's prototype", () => {
    const parsed = parsePythonLiteral("{'__proto__': {'descr': '<f8'}, 'shape': (1,)}") as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__', 'shape']);
    expect(parsed.descr).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(parsed, '__proto__')?.value).toEqual({ descr: '<f8' });
    expect(({} as Record<string, unknown>).descr).toBeUndefined();
  });

  it('keeps the last of repeated keys, as Python does', () => {
    expect(parsePythonLiteral("{'a': 1, 'a': 2}")).toEqual({ a: 2 });
  });
});
