/**
 * Fuzz target `csv`: `readCsv` on generated CSV files (see csv-files.ts), on the same files edited as text
 * or as UTF-8 bytes, and with option values of the wrong type. Documented errors: `ModelFormatError` for the
 * file's structure and cells, `LabelError` for a label value.
 *
 * @module
 */

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { LabelError, ModelFormatError } from '../../src/core/errors.js';
import type { CsvOptions, CsvTable } from '../../src/data/csv.js';
import { readCsv } from '../../src/io/read-csv.js';
import { applyEdits, type ByteEdit, byteEdits } from './byte-edits.js';
import { type CsvExpected, type CsvSpec, csvSpec, csvText, expectedCsv } from './csv-files.js';
import { type Expectation, FuzzPropertyError, type FuzzTarget, guardedCase } from './harness.js';
import { scratchContext } from './scratch.js';

/** A text edit: something inserted, a run deleted, or the rest cut off. */
export type TextEdit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number };

const INSERTS = [',', '"', '""', '\n', '\r', '\r\n', '\ufeff', '\u0000', ' ', 'x', '1', '-', 'e', '.'];

const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(1 << 20), text: fc.constantFrom(...INSERTS) }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(1 << 20),
    length: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(1 << 20) }),
);

function applyTextEdit(text: string, edit: TextEdit): string {
  const at = edit.at % (text.length + 1);
  if (edit.kind === 'insert') return text.slice(0, at) + edit.text + text.slice(at);
  if (edit.kind === 'delete') return text.slice(0, at) + text.slice(at + edit.length);
  return text.slice(0, at);
}

/** Option values a JavaScript caller might pass by mistake (the types say string | number). */
const JUNK_OPTIONS: unknown[] = [
  null,
  5,
  'label',
  { labelColumn: null },
  { labelColumn: 1n },
  { labelColumn: {} },
  { labelColumn: [0] },
  { labelColumn: Symbol('label') },
  { labelColumn: true },
  { header: 'no' },
  { header: null, labelColumn: -1 },
];

/** A case. */
export type CsvCase =
  | { kind: 'generated'; spec: CsvSpec; edits: TextEdit[] }
  | { kind: 'bytes'; spec: CsvSpec; edits: ByteEdit[] }
  | { kind: 'options'; spec: CsvSpec; options: number };

export const csvCase: fc.Arbitrary<CsvCase> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('generated' as const),
      spec: csvSpec,
      edits: fc.constant<TextEdit[]>([]),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('generated' as const),
      spec: csvSpec,
      edits: fc.array(textEdit, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('bytes' as const), spec: csvSpec, edits: byteEdits() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('options' as const),
      spec: csvSpec,
      options: fc.nat(JUNK_OPTIONS.length - 1),
    }),
  },
);

function optionsOf(spec: CsvSpec): CsvOptions {
  const label = spec.label;
  return {
    header: spec.headerOption,
    ...(label.kind === 'name' ? { labelColumn: label.name } : {}),
    ...(label.kind === 'index' ? { labelColumn: label.index } : {}),
  } as CsvOptions;
}

function fail(message: string): never {
  throw new FuzzPropertyError(message);
}

/** What holds for any table the reader returns, and, when the oracle knows the file, that it is that table. */
function checkAccepted(table: CsvTable, expected: CsvExpected | undefined): void {
  const { X, y } = table;
  if (X.data.length !== X.rows * X.cols) fail(`a ${X.rows} x ${X.cols} matrix of ${X.data.length} values`);
  if (!X.data.every(Number.isFinite)) fail('a feature that is not finite');
  if (y && (y.length !== X.rows || !y.every((v) => v >= 0))) fail('labels that do not match the rows');
  if (table.featureNames.length !== X.cols) fail(`${table.featureNames.length} names for ${X.cols} columns`);
  if (!expected?.ok) return;
  if (X.rows !== expected.rows || X.cols !== expected.cols) {
    fail(`a ${X.rows} x ${X.cols} table, expected ${expected.rows} x ${expected.cols}`);
  }
  if (!expected.X.every((v, i) => Object.is(v, X.data[i]))) fail('features differ from the file');
  if (JSON.stringify(expected.y) !== JSON.stringify(y && Array.from(y))) fail('labels differ from the file');
  if (JSON.stringify(expected.featureNames) !== JSON.stringify(table.featureNames)) {
    fail(
      `feature names ${JSON.stringify(table.featureNames)}, expected ${JSON.stringify(expected.featureNames)}`,
    );
  }
}

/** The target. */
export const csvTarget: FuzzTarget<CsvCase> = {
  name: 'csv',
  description:
    'readCsv on generated tables with bad cells, ragged rows, quotes, BOM, CR/CRLF, huge cells; text and byte edits',
  arbitrary: csvCase,
  setup: () => scratchContext('csv'),
  async check(c, context) {
    const text = csvText(c.spec);
    let bytes: Uint8Array;
    let expect: Expectation = 'any';
    let expected: CsvExpected | undefined;
    let options: unknown = optionsOf(c.spec);
    if (c.kind === 'generated') {
      bytes = new TextEncoder().encode(c.edits.reduce(applyTextEdit, text));
      if (c.edits.length === 0) {
        expected = expectedCsv(c.spec);
        expect = expected.ok ? 'ok' : 'refuse';
      }
    } else if (c.kind === 'bytes') {
      bytes = applyEdits(new TextEncoder().encode(text), c.edits);
    } else {
      bytes = new TextEncoder().encode(text);
      options = JUNK_OPTIONS[c.options];
    }
    const path = join(context.directory, 'case.csv');
    await writeFile(path, bytes);
    const outcome = await guardedCase(() => readCsv(path, options as CsvOptions), {
      allowed: [ModelFormatError, LabelError],
      expect,
      source: path,
      inputBytes: bytes.length,
      stats: context.stats,
      limits: context.limits,
    });
    if (outcome.accepted) checkAccepted(outcome.value, expected);
    else if (expected && !expected.ok && outcome.errorName !== expected.error) {
      fail(`${outcome.errorName} (${outcome.error.message}), expected a ${expected.error}`);
    }
  },
};
