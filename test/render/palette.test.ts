import { describe, expect, it } from 'vitest';
import {
  CLASS_COLORS_DARK,
  CLASS_COLORS_LIGHT,
  classColorDark,
  classColorLight,
  hexToRgb,
  LAB_COLORS,
} from '../../src/render/palette.js';

describe('palette', () => {
  it('uses the lab colours and the Paired dark colours in the lab order (ux-anchors A.4, A.6)', () => {
    expect(LAB_COLORS.dlblue).toBe('#0096FF');
    expect(LAB_COLORS.dldarkred).toBe('#C00000');
    expect(CLASS_COLORS_DARK.slice(0, 6)).toEqual([
      '#1f78b4',
      '#33a02c',
      '#ff7f00',
      '#6a3d9a',
      '#e31a1c',
      '#b15928',
    ]);
    expect(CLASS_COLORS_LIGHT.slice(0, 6)).toEqual([
      '#a6cee3',
      '#b2df8a',
      '#fdbf6f',
      '#cab2d6',
      '#fb9a99',
      '#ffff99',
    ]);
  });

  it('has a distinct colour for each of ten classes, then cycles', () => {
    expect(new Set(CLASS_COLORS_DARK).size).toBe(10);
    expect(new Set(CLASS_COLORS_LIGHT).size).toBe(10);
    expect(classColorDark(10)).toBe(classColorDark(0));
    expect(classColorLight(13)).toBe(classColorLight(3));
  });

  it('reads hex colours', () => {
    expect(hexToRgb('#1f78b4')).toEqual([0x1f, 0x78, 0xb4]);
  });
});
