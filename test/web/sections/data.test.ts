import { describe, expect, it } from 'vitest';
import { parseCenters } from '../../../src/web/sections/data.js';

describe('parseCenters', () => {
  it("reads the lab's centres written with ';' between classes", () => {
    expect(parseCenters('-5, 2; -2, -2; 1, 2; 5, -2')).toEqual([
      [-5, 2],
      [-2, -2],
      [1, 2],
      [5, -2],
    ]);
    expect(parseCenters('0 0;3 4;')).toEqual([
      [0, 0],
      [3, 4],
    ]);
  });

  it('refuses one centre, more than ten, three coordinates, words and far-away centres', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `${i},0`).join(';');
    for (const bad of ['1,2', eleven, '1,2,3;4,5', 'a,b;1,2', '1,2;30,0', '1,2;,']) {
      expect(parseCenters(bad), bad).toBeUndefined();
    }
  });
});
