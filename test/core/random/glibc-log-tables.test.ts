import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  LN2_HI,
  LN2_LO,
  POLY_A,
  POLY1_B,
  TAB_INVC,
  TAB_LOGC,
} from '../../../src/core/random/glibc-log-tables.js';

/** C99 `%a` spelling of a normal double with 13 hex digits, written independently of the generator script. */
function hexFloat(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const exponent = ((high >>> 20) & 0x7ff) - 1023;
  const fraction = (high & 0xfffff).toString(16).padStart(5, '0') + low.toString(16).padStart(8, '0');
  return `${high >>> 31 ? '-' : ''}0x1.${fraction}p${exponent >= 0 ? '+' : ''}${exponent}`;
}

describe('glibc log tables', () => {
  it('have the sizes of LOG_TABLE_BITS = 7, LOG_POLY_ORDER = 6 and LOG_POLY1_ORDER = 12', () => {
    expect(POLY_A).toHaveLength(5);
    expect(POLY1_B).toHaveLength(11);
    expect(TAB_INVC).toHaveLength(128);
    expect(TAB_LOGC).toHaveLength(128);
  });

  it('hold, entry by entry, the exact double of the hex float noted next to it', () => {
    const source = readFileSync(
      new URL('../../../src/core/random/glibc-log-tables.ts', import.meta.url),
      'utf8',
    );
    const noted = [...source.matchAll(/^\s*(?:export const \w+ = )?(-?[\d.e+-]+)[,;] \/\/ (\S+)$/gm)];
    expect(noted).toHaveLength(2 + 5 + 11 + 128 + 128);
    for (const [, decimal, hex] of noted) expect(hexFloat(Number(decimal))).toBe(hex);
  });

  it('match spot values of the C source', () => {
    // From glibc-log-data.json (Arm optimized-routines math/log_data.c).
    expect(hexFloat(LN2_HI)).toBe('0x1.62e42fefa3800p-1');
    expect(hexFloat(LN2_LO)).toBe('0x1.ef35793c76730p-45');
    expect(POLY1_B[0]).toBe(-0.5);
    expect(hexFloat(TAB_INVC[0]!)).toBe('0x1.734f0c3e0de9fp+0');
    // LN2_HI ends in 11 zero bits, so k·LN2_HI is exact for every exponent k: glibc's w relies on it.
    expect(Number.isInteger(LN2_HI * 2 ** 42)).toBe(true);
  });
});
