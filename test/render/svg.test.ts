import { describe, expect, it } from 'vitest';
import { element, escapeXml, num, svg, text } from '../../src/render/svg.js';
import { xmlProblems } from '../helpers/xml.js';

describe('escapeXml', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    );
  });
});

describe('num', () => {
  it('keeps at most two decimals, drops trailing zeros and negative zero', () => {
    expect(num(12.3456)).toBe('12.35');
    expect(num(3)).toBe('3');
    expect(num(2.5)).toBe('2.5');
    expect(num(100)).toBe('100');
    expect(num(-0.001)).toBe('0');
    expect(num(-1.25, 1)).toBe('-1.3');
  });
});

describe('element and text', () => {
  it('writes attributes in order, formats numbers, escapes strings and skips undefined', () => {
    expect(element('rect', { x: 1, y: 2.456, fill: '#fff', stroke: undefined })).toBe(
      '<rect x="1" y="2.46" fill="#fff"/>',
    );
    expect(element('g', { class: 'a"b' }, ['<x/>', '<y/>'])).toBe('<g class="a&quot;b"><x/><y/></g>');
    expect(text(1, 2, 'a < b', { anchor: 'middle' })).toBe(
      '<text x="1" y="2" font-size="12" text-anchor="middle">a &lt; b</text>',
    );
  });
});

describe('svg', () => {
  it('wraps children in a well-formed document with a white background and the lab font', () => {
    const doc = svg(200, 100, [element('circle', { cx: 5, cy: 5, r: 2 })], { title: 'A & B' });
    expect(xmlProblems(doc)).toEqual([]);
    expect(doc).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="200" height="100" viewBox="0 0 200 100"/,
    );
    expect(doc).toContain('font-family="Verdana, DejaVu Sans, sans-serif"');
    expect(doc).toContain('<title>A &amp; B</title>');
    expect(doc).toContain('<rect width="200" height="100" fill="#ffffff"/>');
  });
});
