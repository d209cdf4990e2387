/**
 * Numeric CSV tables: an optional header row, then one sample per row, comma-separated, RFC 4180 quoting
 * (`"a,b"`, `""` for a quote), LF or CRLF line endings, a UTF-8 byte-order mark tolerated, blank lines
 * skipped. Every feature cell must be a decimal number (`12`, `-0.5`, `1e-3`); one column may hold the class
 * labels (non-negative integers).
 *
 * Errors: a structural problem or a cell that is not a number is a `ModelFormatError`, a number that is not a
 * valid class label a `LabelError`; both name the source, the line and the column.
 *
 * @module
 */

import { describeValue, LabelError, ModelFormatError } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import { printable, quoted } from '../core/printable.js';

/** Options of {@link parseCsv} / `readCsv`. */
export interface CsvOptions {
  /**
   * The column holding class labels: a header name, or a 0-based index (negative counts from the end, so −1
   * is the last column). Without it every column is a feature.
   */
  labelColumn?: string | number;
  /** Whether the first row names the columns (default true). */
  header?: boolean;
}

/** A parsed table. */
export interface CsvTable {
  /** The feature columns, float64, one row per sample. */
  X: Matrix<Float64Array>;
  /** The labels, when a label column was chosen. */
  y: Int32Array | undefined;
  /** Names of the feature columns (`column_0`, ... without a header). */
  featureNames: string[];
  /** Name of the label column, when chosen. */
  labelName: string | undefined;
}

// `\d+(\.\d*)?` rather than `\d+\.?\d*`: the latter can split a run of digits between its two parts in
// every way before failing, which is quadratic (200,000 digits and an 'x' took minutes).
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const WHITESPACE = /\s/;

/** Splits CSV text into rows of fields, with the 1-based line each row starts on. */
function records(text: string, source: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  // Whether `field` is only whitespace so far (where a quote opens a quoted field), kept as a flag: asking
  // `field.trim()` at every quote made a long blank prefix followed by many quotes quadratic.
  let blank = true;
  let inQuotes = false;
  let line = 1;
  let start = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0]!.trim() === '')) out.push({ line: start, fields });
    fields = [];
    field = '';
    blank = true;
  };
  const append = (c: string) => {
    field += c;
    if (blank && !WHITESPACE.test(c)) blank = false;
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          append('"');
          i++;
        } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        append(c);
      }
    } else if (c === '"' && blank) {
      inQuotes = true;
      field = '';
    } else if (c === ',') {
      fields.push(field);
      field = '';
      blank = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else append(c);
  }
  if (inQuotes) {
    throw new ModelFormatError({
      subject: source,
      expected: 'every quoted field closed by a "',
      got: 'an unterminated quote',
      where: `line ${start}`,
    });
  }
  if (field !== '' || fields.length > 0) endRecord();
  return out;
}

function labelIndex(option: string | number, names: string[], header: boolean, source: string): number {
  if (typeof option === 'number') {
    const index = option < 0 ? names.length + option : option;
    if (!Number.isInteger(option) || index < 0 || index >= names.length) {
      throw new ModelFormatError({
        subject: source,
        expected: `a label column index from ${-names.length} to ${names.length - 1}`,
        got: String(option),
      });
    }
    return index;
  }
  const index = names.indexOf(option);
  if (index < 0) {
    const list = (some: string[]) => some.map((n) => printable(n, 20)).join(', ');
    const shown = names.length > 8 ? `${list(names.slice(0, 4))}, …, ${list(names.slice(-3))}` : list(names);
    const given = typeof option === 'string' ? quoted(option) : describeValue(option);
    throw new ModelFormatError({
      subject: source,
      expected: header
        ? `a column named ${given} (columns: ${shown})`
        : 'a column index (the file has no header)',
      got: header ? 'no such column' : `the name ${given}`,
    });
  }
  return index;
}

/**
 * Parses numeric CSV text. `source` names the file in errors.
 *
 * @throws {ModelFormatError} no data rows, rows of different lengths, an unknown label column, a cell that
 *   is not a number (names line and column)
 * @throws {LabelError} a label that is not a non-negative integer
 * @example
 * const { X, y } = parseCsv('a,b,label\n1,2,0\n3,4,1\n', { labelColumn: 'label' });
 */
export function parseCsv(text: string, options: CsvOptions = {}, source = 'data.csv'): CsvTable {
  options ??= {};
  const header = options.header ?? true;
  const rows = records(text, source);
  const head = header ? rows.shift() : undefined;
  const first = rows[0];
  if (!first) {
    throw new ModelFormatError({
      subject: source,
      expected: header ? 'a header row and at least one data row' : 'at least one data row',
      got: head ? 'only a header' : 'an empty file',
    });
  }
  const width = head ? head.fields.length : first.fields.length;
  const names = head
    ? head.fields.map((n) => n.trim())
    : Array.from({ length: width }, (_, j) => `column_${j}`);
  const label =
    options.labelColumn === undefined ? -1 : labelIndex(options.labelColumn, names, header, source);
  const cols = label < 0 ? width : width - 1;
  if (cols === 0) {
    throw new ModelFormatError({
      subject: source,
      expected: 'at least one feature column',
      got: 'only the label column',
    });
  }
  const data = new Float64Array(rows.length * cols);
  const y = label < 0 ? undefined : new Int32Array(rows.length);
  rows.forEach(({ line, fields }, i) => {
    if (fields.length !== width) {
      throw new ModelFormatError({
        subject: source,
        expected: `${width} fields per row (as ${head ? 'the header' : 'the first row'})`,
        got: `${fields.length} fields`,
        where: `line ${line}`,
      });
    }
    let k = i * cols;
    for (let j = 0; j < width; j++) {
      const cell = fields[j]!.trim();
      if (!NUMBER.test(cell)) {
        throw new ModelFormatError({
          subject: source,
          expected: j === label ? 'a class label (an integer)' : 'a number',
          got: cell === '' ? 'an empty cell' : quoted(cell, 20),
          where: `line ${line}, column ${j + 1} (${printable(names[j]!, 40)})`,
        });
      }
      const v = Number(cell);
      if (j === label) {
        if (!Number.isInteger(v) || v < 0 || v > 2 ** 31 - 1) {
          throw new LabelError({
            subject: source,
            expected: 'class labels that are integers >= 0',
            got: printable(cell, 20),
            where: `line ${line}, column ${j + 1} (${printable(names[j]!, 40)})`,
          });
        }
        y![i] = v;
      } else {
        if (!Number.isFinite(v)) {
          throw new ModelFormatError({
            subject: source,
            expected: 'a finite number',
            got: printable(cell, 20),
            where: `line ${line}, column ${j + 1} (${printable(names[j]!, 40)})`,
          });
        }
        data[k++] = v;
      }
    }
  });
  return {
    X: new Matrix(rows.length, cols, data),
    y,
    featureNames: names.filter((_, j) => j !== label),
    labelName: label < 0 ? undefined : names[label],
  };
}
