import { describe, expect, it } from 'vitest';
import { isPlain, preview, printable, quoted, singleLine } from '../../src/core/printable.js';

describe('quoted / printable', () => {
  it('escapes every control character, DEL and the C1 controls included', () => {
    expect(quoted('a\nb\u001b[2J\u007f\u0085')).toBe('"a\\nb\\u001b[2J\\u007f\\u0085"');
    expect(printable('label')).toBe('label');
    expect(printable('a b')).toBe('a b');
    expect(printable('a\tb')).toBe('"a\\tb"');
    expect(printable('é')).toBe('"é"');
  });

  it('cuts long text at 60 characters', () => {
    expect(quoted('x'.repeat(100))).toBe(`"${'x'.repeat(60)}…"`);
    expect(isPlain('x'.repeat(61))).toBe(false);
    expect(printable('x'.repeat(100), 5)).toBe('"xxxxx…"');
  });
});

describe('preview', () => {
  it('writes JSON-like text, with NaN, Infinity and BigInt shown as such', () => {
    expect(preview({ shape: [3, 'x'], ok: null })).toBe('{"shape":[3,"x"],"ok":null}');
    expect(preview([Number.NaN, Number.NEGATIVE_INFINITY, 5n, undefined])).toBe(
      '[NaN,-Infinity,5n,undefined]',
    );
    expect(preview(new Float32Array(2))).toBe('a Float32Array');
  });

  it('stops early on huge and deeply nested values', () => {
    expect(preview(new Array(1e6).fill(0), 10)).toBe('[0,0,0,0,0…');
    let deep: unknown = 1;
    for (let i = 0; i < 200000; i++) deep = [deep];
    expect(preview(deep)).toBe('[[[[[[[[…]]]]]]]]');
    const wide = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]));
    expect(preview(wide).length).toBeLessThanOrEqual(61);
  });

  it('shows a "__proto__" key that JSON.parse made an own property', () => {
    expect(preview(JSON.parse('{"__proto__": {"x": 1}}'))).toBe('{"__proto__":{"x":1}}');
  });
});

describe('singleLine', () => {
  it('escapes control characters of a message without quoting it, and cuts it', () => {
    expect(singleLine('Unexpected token \'\n\', "{\n\u0001" is not valid JSON')).toBe(
      'Unexpected token \'\\u000a\', "{\\u000a\\u0001" is not valid JSON',
    );
    expect(singleLine('x'.repeat(300))).toBe(`${'x'.repeat(200)}…`);
  });
});
