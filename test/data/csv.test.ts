import { describe, expect, it } from 'vitest';
import { LabelError, ModelFormatError } from '../../src/core/errors.js';
import { parseCsv } from '../../src/data/csv.js';

function error(text: string, options = {}): Error {
  try {
    parseCsv(text, options, 'd.csv');
  } catch (e) {
    return e as Error;
  }
  return expect.fail('parseCsv accepted the input');
}

describe('parseCsv', () => {
  it('splits features from a named label column', () => {
    const t = parseCsv('a,label,b\n1,0,2\n3.5,2,-4e-1\n', { labelColumn: 'label' });
    expect(t.X.toArray()).toEqual([
      [1, 2],
      [3.5, -0.4],
    ]);
    expect(Array.from(t.y!)).toEqual([0, 2]);
    expect(t.featureNames).toEqual(['a', 'b']);
    expect(t.labelName).toBe('label');
  });

  it('takes a label column by index, negative from the end, and works without a header', () => {
    const t = parseCsv('1,2,0\n3,4,1\n', { header: false, labelColumn: -1 });
    expect(t.X.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(Array.from(t.y!)).toEqual([0, 1]);
    expect(t.featureNames).toEqual(['column_0', 'column_1']);
  });

  it('reads every column as a feature without a label column', () => {
    const t = parseCsv('x,y\n1,2\n');
    expect(t.y).toBeUndefined();
    expect(t.X.shape).toEqual([1, 2]);
  });

  it('handles CRLF, a byte-order mark, quoted fields, spaces and blank lines', () => {
    const t = parseCsv('\ufeff"a","b,c"\r\n 1 ,"2"\r\n\r\n3,4\r\n', { labelColumn: 'b,c' });
    expect(t.X.toArray()).toEqual([[1], [3]]);
    expect(Array.from(t.y!)).toEqual([2, 4]);
  });

  it('names the line and column of a cell that is not a number', () => {
    const e = error('a,b\n1,2\n3,x\n');
    expect(e).toBeInstanceOf(ModelFormatError);
    expect(e.message).toBe('d.csv: expected a number, got "x" (at line 3, column 2 (b)).');
    expect(error('a,b\n1,\n').message).toMatch(/got an empty cell \(at line 2, column 2/);
    expect(error('a,b\n1,Infinity\n').message).toMatch(/expected a number, got "Infinity"/);
    expect(error('a,b\n1,0x10\n').message).toMatch(/"0x10"/);
  });

  it('names the line of a row with the wrong number of fields', () => {
    expect(error('a,b\n1,2\n3\n').message).toBe(
      'd.csv: expected 2 fields per row (as the header), got 1 fields (at line 3).',
    );
  });

  it('refuses labels that are not non-negative integers with a LabelError', () => {
    const e = error('a,y\n1,0\n2,1.5\n', { labelColumn: 'y' });
    expect(e).toBeInstanceOf(LabelError);
    expect(e.message).toMatch(/got 1\.5 \(at line 3, column 2 \(y\)\)/);
    expect(error('a,y\n1,-1\n', { labelColumn: 'y' })).toBeInstanceOf(LabelError);
  });

  it('lists the columns when the label column does not exist', () => {
    expect(error('a,b\n1,2\n', { labelColumn: 'label' }).message).toMatch(
      /column named "label" \(columns: a, b\)/,
    );
    expect(error('1,2\n', { header: false, labelColumn: 5 }).message).toMatch(/index from -2 to 1, got 5/);
  });

  // Found by fuzzing: the number pattern `\d+\.?\d*` backtracked quadratically on a long run of digits
  // that ends in a non-digit (200,000 digits took minutes), and every quote after a long blank prefix
  // re-trimmed the field.
  it('takes linear time on huge cells', () => {
    const cases = [
      `a\n${'1'.repeat(200000)}x\n`,
      `a\n${' '.repeat(100000)}x${'"'.repeat(100000)}\n`,
      `a\n${'1'.repeat(200000)}.5\n`,
    ];
    for (const text of cases) {
      const start = performance.now();
      expect(error(text)).toBeInstanceOf(ModelFormatError);
      expect(performance.now() - start).toBeLessThan(1000);
    }
  });

  // Found by fuzzing: cells and header names went into messages whole and raw (a 123,000-character line,
  // a name with a line break).
  it('keeps messages short and on one line whatever the cells and names hold', () => {
    const long = error(`a\n${'1'.repeat(5000)}.5\n`);
    expect(long.message).toMatch(/expected a finite number, got "1{20}…"/);
    expect(long.message.length).toBeLessThan(200);
    expect(error(`y\n${'9'.repeat(5000)}\n`, { labelColumn: 'y' }).message.length).toBeLessThan(200);
    const name = error('"line\nbreak",b\nx,1\n');
    expect(name.message).toMatch(/column 1 \("line\\nbreak"\)/);
    expect(name.message).not.toMatch(/\n/);
  });

  it('refuses label-column values of the wrong type with a ModelFormatError, and takes null options', () => {
    for (const labelColumn of [1n, {}, null, Symbol('y')]) {
      expect(error('a,b\n1,2\n', { labelColumn })).toBeInstanceOf(ModelFormatError);
    }
    expect(parseCsv('a\n1\n', null as never).X.toArray()).toEqual([[1]]);
  });

  it('refuses empty files, header-only files and unterminated quotes', () => {
    expect(error('').message).toMatch(/got an empty file/);
    expect(error('a,b\n').message).toMatch(/got only a header/);
    expect(error('a,b\n"1,2\n').message).toMatch(/unterminated quote \(at line 2\)/);
  });
});
