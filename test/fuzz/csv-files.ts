/**
 * Generated CSV files and what `readCsv` must make of them.
 *
 * A file is described as records of cells (each cell a number in one of several spellings, a label, or a
 * bad value) plus how it is written: header or not, quoting and padding of each field, LF, CRLF or CR
 * line ends, blank and whitespace-only lines, a byte-order mark, a final line end or not. Damage is
 * injected into a valid table (a bad cell, a row with a field more or less, a huge cell: 200,000 digits,
 * a run of spaces and quotes), and some files are cut or edited as text or as UTF-8 bytes afterwards.
 *
 * The oracle applies the rules of docs/formats.md to the records as generated: blank records are skipped;
 * the first record is the header (unless `header: false`); every row has the header's width; a feature is a
 * decimal number (`12`, `-0.5`, `1e-3`, `.5`) that is finite; a label is such a number that is an integer
 * from 0 to 2^31 − 1 (a `LabelError` otherwise); the label column is a header name (first match) or an
 * index (negative from the end).
 *
 * @module
 */

import fc from 'fast-check';

/** A cell whose text is built at write time (so reports of failing cases stay short). */
export type CellSpec =
  | { kind: 'number'; value: number; style: number }
  | { kind: 'text'; index: number }
  | { kind: 'digits'; length: number; tail: string }
  | { kind: 'quotes'; spaces: number; quotes: number };

/** Cell texts that break a row, and spellings of numbers the reader must take. */
const TEXTS = [
  '',
  'abc',
  'NaN',
  'nan',
  'Infinity',
  '-inf',
  '0x1f',
  '0b11',
  '1e',
  'e5',
  '1.2.3',
  '--1',
  '+-1',
  '1,5',
  '1 2',
  '١٢',
  '１',
  '"',
  'null',
  'true',
  '1_000',
  '.',
  '1e400',
  '-1e400',
  '1e-400',
  '.5',
  '5.',
  '+3',
  '-0',
  '0001',
  '1E3',
  '3.0',
  '2147483647',
  '2147483648',
  '-1',
  '1.5',
  '\u00a01\u00a0',
  '\t2\t',
];

/** The text of a cell. */
export function cellText(cell: CellSpec): string {
  switch (cell.kind) {
    case 'number': {
      const v = cell.value;
      const spellings = [String(v), v.toExponential(), ` ${v} `, v.toExponential().toUpperCase()];
      return spellings[cell.style % spellings.length]!;
    }
    case 'text':
      return TEXTS[cell.index % TEXTS.length]!;
    case 'digits':
      return '1'.repeat(cell.length) + cell.tail;
    case 'quotes':
      return `${' '.repeat(cell.spaces)}x${'"'.repeat(cell.quotes)}`;
  }
}

const featureCell: fc.Arbitrary<CellSpec> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('number' as const),
      value: fc.double({ noNaN: true, noDefaultInfinity: true }),
      style: fc.nat(3),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('number' as const),
      value: fc.integer({ min: -1000, max: 1000 }),
      style: fc.nat(3),
    }),
  },
);

const labelCell: fc.Arbitrary<CellSpec> = fc.record({
  kind: fc.constant('number' as const),
  value: fc.nat(9),
  style: fc.constantFrom(0, 2),
});

/** Cells that break a row: text, huge digit runs, quote runs (every quadratic scan shows up here). */
const damageCell: fc.Arbitrary<CellSpec> = fc.oneof(
  {
    weight: 14,
    arbitrary: fc.record({ kind: fc.constant('text' as const), index: fc.nat(TEXTS.length - 1) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('digits' as const),
      length: fc.oneof(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 10000, max: 200000 })),
      tail: fc.constantFrom('', 'x', '.5'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('quotes' as const),
      spaces: fc.integer({ min: 0, max: 100000 }),
      quotes: fc.integer({ min: 1, max: 100000 }),
    }),
  },
);

/** How a field is written: quoted or not, with spaces before and after. */
export interface FieldStyle {
  quoted: boolean;
  before: number;
  after: number;
}

/** What is done to a valid table. */
export type Damage =
  | { kind: 'cell'; row: number; column: number; cell: CellSpec }
  | { kind: 'extra-field'; row: number }
  | { kind: 'missing-field'; row: number };

/** A CSV file described structurally. */
export interface CsvSpec {
  /** Header names (written as the first record when present). */
  names: string[] | undefined;
  /** The cells, row by row. */
  rows: CellSpec[][];
  damage: Damage[];
  /** Styles, used cyclically over all fields. */
  styles: FieldStyle[];
  /** Line ends, used cyclically. */
  lineEnds: string[];
  /** Blank lines inserted before these record indices (with these contents, cyclically). */
  blanks: number[];
  bom: boolean;
  finalLineEnd: boolean;
  /** The `header` option (undefined: the default, true). */
  headerOption: boolean | undefined;
  /** The `labelColumn` option. */
  label: { kind: 'none' } | { kind: 'name'; name: string } | { kind: 'index'; index: number };
}

const NAMES = [
  'a',
  'b',
  'label',
  'y',
  'x 1',
  '__proto__',
  'constructor',
  'toString',
  'a,b',
  'say "hi"',
  'line\nbreak',
  '',
];
const name = fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 8 }));

const style: fc.Arbitrary<FieldStyle> = fc.record({
  quoted: fc.boolean(),
  before: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 2 })),
  after: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 2 })),
});

/** Arbitrary CSV descriptions: valid tables, most with some damage. */
export const csvSpec: fc.Arbitrary<CsvSpec> = fc
  .record({
    width: fc.integer({ min: 1, max: 6 }),
    height: fc.oneof(
      { weight: 20, arbitrary: fc.integer({ min: 0, max: 8 }) },
      fc.integer({ min: 200, max: 2000 }),
    ),
    labelAt: fc.option(fc.nat(5), { nil: undefined }),
    header: fc.boolean(),
  })
  .chain(({ width, height, labelAt, header }) => {
    const label = labelAt === undefined ? undefined : labelAt % width;
    const row = fc.tuple(
      ...Array.from({ length: width }, (_, j) => (j === label ? labelCell : featureCell)),
    ) as fc.Arbitrary<CellSpec[]>;
    // Big tables repeat one generated row, so that generating them stays cheap.
    const rows =
      height > 100
        ? row.map((r) => Array.from({ length: height }, () => r))
        : fc.array(row, { minLength: height, maxLength: height });
    const index = (n: number) => fc.nat(Math.max(0, n));
    return fc.record({
      names: header
        ? fc.array(name, { minLength: width, maxLength: width }).map((names) => {
            if (label !== undefined && !names.includes('label')) names[label] = 'label';
            return names;
          })
        : fc.constant(undefined),
      rows,
      damage: fc.oneof(
        { weight: 2, arbitrary: fc.constant<Damage[]>([]) },
        {
          weight: 3,
          arbitrary: fc.array(
            fc.oneof(
              {
                weight: 6,
                arbitrary: fc.record({
                  kind: fc.constant('cell' as const),
                  row: index(height - 1),
                  column: index(width - 1),
                  cell: damageCell,
                }),
              },
              {
                weight: 1,
                arbitrary: fc.record({ kind: fc.constant('extra-field' as const), row: index(height - 1) }),
              },
              {
                weight: 1,
                arbitrary: fc.record({ kind: fc.constant('missing-field' as const), row: index(height - 1) }),
              },
            ),
            { minLength: 1, maxLength: 3 },
          ),
        },
      ),
      styles: fc.array(style, { minLength: 1, maxLength: 4 }),
      lineEnds: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 3 }),
      blanks: fc.array(index(height + 1), { maxLength: 3 }),
      bom: fc.boolean(),
      finalLineEnd: fc.boolean(),
      headerOption: header ? fc.constantFrom(undefined, true) : fc.constantFrom(false, undefined),
      label: fc.oneof(
        fc.constant({ kind: 'none' as const }),
        label === undefined
          ? fc.constant({ kind: 'none' as const })
          : fc.constantFrom(
              { kind: 'name' as const, name: 'label' },
              { kind: 'index' as const, index: label },
              { kind: 'index' as const, index: label - width },
            ),
        fc.oneof(
          fc.record({ kind: fc.constant('name' as const), name }),
          fc.record({ kind: fc.constant('index' as const), index: fc.integer({ min: -8, max: 8 }) }),
          fc.record({
            kind: fc.constant('index' as const),
            index: fc.constantFrom(0.5, -0, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53),
          }),
        ),
      ),
    });
  });

/** The records of a spec after damage, as field texts (the header names first, when present). */
function records(spec: CsvSpec): string[][] {
  const rows = spec.rows.map((r) => r.map(cellText));
  for (const d of spec.damage) {
    const row = rows[d.row];
    if (!row) continue;
    if (d.kind === 'cell') row[d.column % row.length] = cellText(d.cell);
    else if (d.kind === 'extra-field') row.push('1');
    else row.pop();
  }
  return spec.names ? [spec.names, ...rows] : rows;
}

function field(text: string, style: FieldStyle): string {
  const pad = (n: number) => ' '.repeat(n);
  // Text holding a separator or a quote must be quoted to stay one field; so must text that starts (after
  // blanks) with a quote, which the reader would take as an opening quote.
  const mustQuote = /[",\r\n]/.test(text);
  if (style.quoted || mustQuote)
    return `${pad(style.before)}"${text.replaceAll('"', '""')}"${pad(style.after)}`;
  return `${pad(style.before)}${text}${pad(style.after)}`;
}

const BLANK_LINES = ['', '   ', '\t', '""', ' "" '];

/** The text of the file a spec describes. */
export function csvText(spec: CsvSpec): string {
  const parts: string[] = spec.bom ? ['\ufeff'] : [];
  let k = 0;
  let lineEnd = 0;
  const end = () => spec.lineEnds[lineEnd++ % spec.lineEnds.length]!;
  const all = records(spec);
  all.forEach((record, i) => {
    for (const b of spec.blanks) {
      if (b === i) parts.push(BLANK_LINES[i % BLANK_LINES.length]!, end());
    }
    parts.push(record.map((text) => field(text, spec.styles[k++ % spec.styles.length]!)).join(','));
    if (i < all.length - 1 || spec.finalLineEnd) parts.push(end());
  });
  return parts.join('');
}

/** What a correct reader returns, or the error class it must throw. */
export type CsvExpected =
  | { ok: true; X: number[]; rows: number; cols: number; y: number[] | undefined; featureNames: string[] }
  | { ok: false; error: 'ModelFormatError' | 'LabelError' };

// The documented grammar of a number cell. Written without nested quantifiers, so it runs in linear time.
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The oracle (see the module comment). */
export function expectedCsv(spec: CsvSpec): CsvExpected {
  const refuse = (error: 'ModelFormatError' | 'LabelError' = 'ModelFormatError') =>
    ({ ok: false, error }) as const;
  // A record of one field that is blank once trimmed is a blank line (even when it was written as ""), and
  // so is a row that lost its only field.
  const all = records(spec).filter((r) => !(r.length === 0 || (r.length === 1 && r[0]!.trim() === '')));
  const header = spec.headerOption ?? true;
  const head = header ? all.shift() : undefined;
  if (all.length === 0) return refuse();
  const width = head ? head.length : all[0]!.length;
  const names = head ? head.map((n) => n.trim()) : Array.from({ length: width }, (_, j) => `column_${j}`);
  let label = -1;
  if (spec.label.kind === 'name') label = names.indexOf(spec.label.name);
  if (spec.label.kind === 'index') {
    const i = spec.label.index;
    label = i < 0 ? width + i : i;
    if (!Number.isInteger(i) || label >= width) label = -1;
  }
  if (spec.label.kind !== 'none' && label < 0) return refuse();
  const cols = label < 0 ? width : width - 1;
  if (cols === 0) return refuse();
  const X: number[] = [];
  const y: number[] = [];
  for (const record of all) {
    if (record.length !== width) return refuse();
    for (let j = 0; j < width; j++) {
      const text = record[j]!.trim();
      if (!DECIMAL.test(text)) return refuse();
      const v = Number(text);
      if (j === label) {
        if (!Number.isInteger(v) || v < 0 || v > 2 ** 31 - 1) return refuse('LabelError');
        y.push(v);
      } else {
        if (!Number.isFinite(v)) return refuse();
        X.push(v);
      }
    }
  }
  return {
    ok: true,
    X,
    rows: all.length,
    cols,
    y: label < 0 ? undefined : y,
    featureNames: names.filter((_, j) => j !== label),
  };
}
