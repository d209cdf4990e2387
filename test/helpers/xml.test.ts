import { describe, expect, it } from 'vitest';
import { elements, xmlProblems } from './xml.js';

describe('xmlProblems (test helper)', () => {
  it('accepts well-formed markup', () => {
    expect(xmlProblems('<svg a="1"><g><rect x="1"/></g><text>a &amp; b</text></svg>')).toEqual([]);
    expect(xmlProblems('<!DOCTYPE html><html><head><meta charset="utf-8"></head></html>', 'html')).toEqual(
      [],
    );
  });

  it('finds unbalanced tags, stray ampersands and duplicate attributes', () => {
    expect(xmlProblems('<svg><g></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg><text>a & b</text></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg a="1" a="2"></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg><g>')).not.toEqual([]);
    expect(xmlProblems('<meta charset="utf-8">')).not.toEqual([]);
  });

  it('lists the attributes of each element', () => {
    expect(elements('<svg><rect x="1" y="2"/><rect x="3"/></svg>', 'rect')).toEqual([
      { x: '1', y: '2' },
      { x: '3' },
    ]);
  });
});
