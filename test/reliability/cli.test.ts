/**
 * Every failure path of the command line, run in-process: each exits non-zero (2 for bad usage or a bad input
 * file, 1 for a failure while working) with exactly one readable line on stderr that names what was expected,
 * what came and where, and no stack trace unless --debug is given.
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'softmax-lab-cli-failures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const npy = new URL('../fixtures/npy/', import.meta.url).pathname;
const p = (name: string) => join(dir, name);

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: { write: (s: string) => out.push(s), isTTY: false },
    stderr: { write: (s: string) => err.push(s) },
    cwd: dir,
  };
  const code = await main(args, io);
  return { code, out: out.join(''), err: err.join('') };
}

const files: Record<string, string> = {
  'tiny.csv': 'a,b,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n',
  'empty.csv': '',
  'header-only.csv': 'a,b,label\n',
  'one-class.csv': 'a,b,label\n1,2,0\n3,4,0\n',
  'ragged.csv': 'a,b,label\n1,2,0\n3,4\n',
  'nan.csv': 'a,b,label\n1,NaN,0\n3,4,1\n',
  'text-cell.csv': 'a,b,label\n1,two,0\n3,4,1\n',
  'fractional.csv': 'a,b,label\n1,2,0.5\n3,4,1\n',
  'negative.csv': 'a,b,label\n1,2,-1\n3,4,1\n',
  'label-9.csv': 'a,b,label\n1,2,9\n3,4,1\n',
  'features.csv': 'a,b\n1,2\n3,4\n',
  'text.npy': 'hello',
  'a-file': 'not a folder',
  'broken/model.json': '{"modelTopology": ',
  'array/model.json': '[]',
};

beforeAll(async () => {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(p(name), text);
  }
  mkdirSync(p('folder.csv'));
  mkdirSync(p('empty-model'));
  writeFileSync(p('truncated.npy'), readFileSync(join(npy, 'f8_3x4.npy')).subarray(0, 100));
  writeFileSync(p('huge.csv'), '');
  truncateSync(p('huge.csv'), 3 * 2 ** 30); // sparse: no disk space, refused from its size
  const trained = await run([
    'train',
    '--data',
    p('tiny.csv'),
    '--out',
    p('model'),
    '--hidden',
    '3',
    '--epochs',
    '1',
  ]);
  expect(trained.code).toBe(0);
  mkdirSync(p('truncated-model'));
  for (const f of readdirSync(p('model'))) {
    const bytes = readFileSync(join(p('model'), f));
    writeFileSync(join(p('truncated-model'), f), f.endsWith('.bin') ? bytes.subarray(0, 10) : bytes);
  }
  // The same model without its training configuration (as a file TF.js saved without compile would be).
  mkdirSync(p('uncompiled-model'));
  for (const f of readdirSync(p('model'))) {
    const bytes = readFileSync(join(p('model'), f));
    if (!f.endsWith('.json')) {
      writeFileSync(join(p('uncompiled-model'), f), bytes);
      continue;
    }
    const json = JSON.parse(bytes.toString('utf8'));
    delete json.userDefinedMetadata;
    delete json.trainingConfig;
    writeFileSync(join(p('uncompiled-model'), f), JSON.stringify(json));
  }
});

type Case = [args: string[], code: 1 | 2, line: RegExp];

/** Runs each case and checks the exit code, that stdout says nothing of it and that stderr is one line. */
function fails(cases: Case[]): void {
  it.each(cases.map((c) => [c[0].join(' '), c] as const))('%s', async (_name, [args, code, line]) => {
    const result = await run(args);
    expect(result.code, result.err).toBe(code);
    expect(result.err).toMatch(/^softmax-lab[^\n]*\n$/);
    expect(result.err).toMatch(line);
    expect(result.err).not.toMatch(/^\s+at /m);
  });
}

describe('softmax-lab itself', () => {
  fails([
    [
      [],
      2,
      /^softmax-lab: expected a command \(lab, blobs, train, predict, evaluate, export-onnx\), got none\. See softmax-lab --help\.\n$/,
    ],
    [
      ['fit'],
      2,
      /^softmax-lab: expected a command .*, got the unknown command "fit"\. See softmax-lab --help\.\n$/,
    ],
  ]);
});

describe('softmax-lab lab', () => {
  fails([
    [
      ['lab', '--epochs', '0'],
      2,
      /^softmax-lab lab: --epochs expects an integer from 1 to 10000, got "0"\. See softmax-lab lab --help\.\n$/,
    ],
    [['lab', '--epochs', '1e9'], 2, /--epochs expects an integer from 1 to 10000, got "1e9"/],
    [['lab', '--seed', 'abc'], 2, /--seed expects an integer from 0 to 4294967295, got "abc"/],
    [
      ['lab', '--seed', '-1'],
      2,
      /--seed got "-1", which looks like another flag; write a value that starts with a dash as --seed=-1/,
    ],
    [['lab', '--seed=-1'], 2, /--seed expects an integer from 0 to 4294967295, got "-1"/],
    [['lab', '--bogus'], 2, /^softmax-lab lab: Unknown option '--bogus'\. See softmax-lab lab --help\.\n$/],
    [['lab', '--plots'], 2, /--plots is the default; use --no-plots to skip the pictures/],
    [['lab', 'extra'], 2, /Unexpected argument 'extra'/],
    [
      ['lab', '--out', 'a-file', '--epochs', '1'],
      2,
      /--out expects a folder, got ".*a-file", which is a file/,
    ],
  ]);
});

describe('softmax-lab blobs', () => {
  fails([
    [
      ['blobs', '--n-samples', '1e12'],
      2,
      /^softmax-lab blobs: X: expected at most 100000000 values \(rows x features\), got 1000000000000 x 2 = 2000000000000\. Ask for fewer samples or features\. See softmax-lab blobs --help\.\n$/,
    ],
    [['blobs', '--n-features', '0'], 2, /--n-features expects an integer from 1 to/],
    [['blobs', '--n-samples', 'ten'], 2, /--n-samples expects an integer from 0 to \d+, got "ten"/],
    [
      ['blobs', '--centers', '[[1,2],[3]]'],
      2,
      /centers: expected 2 columns in every row \(as in row 0\), got 1 columns \(at row 1\)/,
    ],
    [
      ['blobs', '--centers', '[[1,2],'],
      2,
      /--centers expects a JSON list of rows like \[\[-5,2\],\[1,2\]\], got invalid JSON/,
    ],
    [['blobs', '--cluster-std=-1'], 2, /--cluster-std expects a number >= 0, got "-1"/],
    [['blobs', '--center-box=5'], 2, /--center-box expects two numbers LO,HI, got "5"/],
    [['blobs', '--format', 'xml'], 2, /--format expects json or csv, got "xml"/],
    [
      ['blobs', '--random-state', '4294967296'],
      2,
      /--random-state expects an integer from 0 to 4294967295, got "4294967296"/,
    ],
  ]);
});

describe('softmax-lab train: flags', () => {
  const base = () => ['train', '--data', p('tiny.csv'), '--out', p('out')];
  fails([
    [
      ['train', '--out', p('out')],
      2,
      /^softmax-lab train: --data FILE \(\.csv, \.npy or \.npz\) is required\. See softmax-lab train --help\.\n$/,
    ],
    [['train', '--data', p('tiny.csv')], 2, /--out DIR \(where to save the model\) is required/],
    [[...base(), '--epochs', '0'], 2, /--epochs expects an integer from 1 to 1000000, got "0"/],
    [[...base(), '--epochs', '1.5'], 2, /--epochs expects an integer from 1 to 1000000, got "1\.5"/],
    [[...base(), '--batch-size', '0'], 2, /--batch-size expects an integer from 1 to 2147483647, got "0"/],
    [[...base(), '--lr', '0'], 2, /--lr expects a number > 0, got "0"/],
    [[...base(), '--lr=-0.1'], 2, /--lr expects a number > 0, got "-0\.1"/],
    [[...base(), '--lr', '-1'], 2, /--lr got "-1", which looks like another flag/],
    [[...base(), '--lr', 'fast'], 2, /--lr expects a number > 0, got "fast"/],
    [[...base(), '--lr', '1e400'], 2, /--lr expects a number > 0, got "1e400"/],
    [[...base(), '--optimizer', 'adagrad'], 2, /--optimizer expects adam, sgd or rmsprop, got "adagrad"/],
    [
      [...base(), '--activation', 'softmax'],
      2,
      /--activation expects relu, sigmoid, tanh or linear, got "softmax"/,
    ],
    [[...base(), '--hidden', '25,x'], 2, /--hidden expects comma-separated numbers like 1,2,3, got "25,x"/],
    [
      [...base(), '--hidden=-1'],
      2,
      /--hidden expects layer sizes like 25,15 \(integers >= 1, or 0 for none\), got "-1"/,
    ],
    [[...base(), '--hidden', '2.5'], 2, /--hidden expects layer sizes like 25,15/],
    [
      [...base(), '--validation-split', '1'],
      2,
      /--validation-split expects a number between 0 and 1 \(exclusive\), got "1"/,
    ],
    [
      [...base(), '--validation-split', '0'],
      2,
      /--validation-split expects a number between 0 and 1 \(exclusive\), got "0"/,
    ],
    [[...base(), '--validation-split=-0.1'], 2, /got "-0\.1"/],
    [
      [...base(), '--test-size', '0'],
      2,
      /--test-size expects a number between 0 and 1 \(exclusive\), got "0"/,
    ],
    [[...base(), '--test-out', p('held.csv')], 2, /--test-out needs --test-size/],
    [
      [...base(), '--seed', '4294967296'],
      2,
      /--seed expects an integer from 0 to 4294967295, got "4294967296"/,
    ],
    [[...base(), '--normalize=yes'], 2, /Option '--normalize' does not take an argument/],
    [
      [...base(), '--labels', p('y.npy'), '--label-column', 'label'],
      2,
      /give either --labels FILE\.npy or --label-column NAME, not both/,
    ],
    [
      ['train', '--data', join(npy, 'f8_3x4.npy'), '--label-column', '0', '--out', p('out')],
      2,
      /--label-column applies to CSV files/,
    ],
    [
      ['train', '--data', p('tiny.csv'), '--out', p('a-file')],
      2,
      /--out expects a folder, got ".*a-file", which is a file/,
    ],
    [
      ['train', '--data', p('tiny.csv'), '--out', join(p('a-file'), 'model')],
      2,
      /--out expects a path through folders, got ".*a-file\/model", where part of the path is a file/,
    ],
    [
      [...base(), '--test-size', '0.5', '--test-out', p('folder.csv')],
      2,
      /--test-out expects a file name, got ".*folder\.csv", which is a folder/,
    ],
    ...(['--hidden=3', '--activation=tanh', '--optimizer=sgd', '--lr=0.1', '--normalize'] as const).map(
      (flag): Case => [
        [...base(), '--resume', p('model'), flag],
        2,
        new RegExp(`${flag.split('=')[0]} cannot be combined with --resume: the resumed model keeps its own`),
      ],
    ),
    [[...base(), '--resume', p('nowhere')], 2, /nowhere.*model\.json/],
    [[...base(), '--resume', p('broken')], 2, /broken\/model\.json/],
    [
      [...base(), '--resume', p('uncompiled-model')],
      2,
      /--resume .*uncompiled-model: the model there has no training configuration \(loss and optimizer\)/,
    ],
    [
      ['train', '--data', p('label-9.csv'), '--resume', p('model'), '--out', p('out')],
      2,
      /label-9\.csv: expected labels 0\.\.1 \(the resumed model has 2 outputs\), got 9 \(at row 0\)/,
    ],
  ]);
});

describe('softmax-lab train: input files', () => {
  const train = (data: string, ...extra: string[]): string[] => [
    'train',
    '--data',
    data,
    ...extra,
    '--out',
    p('out'),
  ];
  fails([
    [
      train(p('missing.csv')),
      2,
      /^softmax-lab train: .*missing\.csv: expected a readable CSV file, got no such file\.\n$/,
    ],
    [train(p('folder.csv')), 2, /folder\.csv: expected a readable CSV file, got a directory\./],
    [
      train(p('empty.csv')),
      2,
      /empty\.csv: expected a header row and at least one data row, got an empty file\./,
    ],
    [train(p('header-only.csv')), 2, /header-only\.csv: expected .*data row/],
    [
      train(p('huge.csv')),
      2,
      /huge\.csv: expected a readable CSV file of at most \d+ bytes, got 3221225472 bytes\./,
    ],
    [
      train(p('ragged.csv')),
      2,
      /ragged\.csv: expected 3 fields per row \(as the header\), got 2 fields \(at line 3\)\./,
    ],
    [train(p('nan.csv')), 2, /nan\.csv: expected a number, got "NaN" \(at line 2, column 2 \(b\)\)\./],
    [
      train(p('text-cell.csv')),
      2,
      /text-cell\.csv: expected a number, got "two" \(at line 2, column 2 \(b\)\)\./,
    ],
    [
      train(p('fractional.csv')),
      2,
      /fractional\.csv: expected class labels that are integers >= 0, got 0\.5 \(at line 2, column 3 \(label\)\)\./,
    ],
    [
      train(p('negative.csv')),
      2,
      /negative\.csv: expected class labels that are integers >= 0, got -1 \(at line 2, column 3 \(label\)\)\./,
    ],
    [
      train(p('one-class.csv')),
      2,
      /one-class\.csv labels: expected at least two classes \(labels 0\.\.K-1\), got only 0 as the largest label\./,
    ],
    [
      train(p('tiny.csv'), '--label-column', 'nope'),
      2,
      /tiny\.csv: expected a column named "nope" \(columns: a, b, label\), got no such column\./,
    ],
    [
      train(p('tiny.csv'), '--label-column', '9'),
      2,
      /tiny\.csv: expected a label column index from -3 to 2, got 9\./,
    ],
    [
      train(p('text.npy'), '--labels', join(npy, 'i8_labels_6.npy')),
      2,
      /text\.npy: expected a NumPy \.npy file \(starting with \\x93NUMPY\), got 5 bytes\./,
    ],
    [
      train(p('truncated.npy'), '--labels', join(npy, 'i8_labels_6.npy')),
      2,
      /truncated\.npy: expected a header of \d+ bytes, got a file of 100 bytes \(truncated\)\./,
    ],
    [
      train(join(npy, 'f8_3x4.npy')),
      2,
      /train needs labels: give --labels FILE\.npy \(or an \.npz with an array y\)/,
    ],
    [
      train(join(npy, 'f8_3x4.npy'), '--labels', p('missing.npy')),
      2,
      /missing\.npy: expected a readable \.npy file, got no such file\./,
    ],
    [
      train(join(npy, 'f8_3x4.npy'), '--labels', join(npy, 'i8_labels_6.npy')),
      2,
      /expected 3 labels \(one per row of the features\), got 6 labels/,
    ],
    [
      train(join(npy, 'f8_3x4.npy'), '--labels', join(npy, 'labels_fractional_3.npy')),
      2,
      /labels_fractional_3\.npy: expected class labels that are integers >= 0, got 1\.5 \(at index 1\)\./,
    ],
  ]);
});

describe('softmax-lab train: failures while working', () => {
  fails([
    [
      ['train', '--data', p('tiny.csv'), '--out', p('out'), '--hidden', '1000000000'],
      1,
      /^softmax-lab train: DataError: Sequential \w+: expected at most 67108864 weights \(2\^26\), got dense\w*: 3000000000, dense\w*: 2000000002 = 5000000002 weights\. Use fewer units or fewer input features\.\n$/,
    ],
    [
      ['train', '--data', p('tiny.csv'), '--out', p('out'), '--test-size', '0.1'],
      1,
      /^softmax-lab train: DataError: trainTestSplit stratify: expected a test part of at least 2 rows \(one per class\), got 1 row\.\n$/,
    ],
    [
      ['train', '--data', p('tiny.csv'), '--out', p('out'), '--lr', '1e30', '--epochs', '5', '--seed', '0'],
      1,
      /^softmax-lab train: TrainingDivergedError: Training diverged: the loss became non-finite \((NaN|Infinity)\) at epoch \d+, batch 1 of 1\. The model keeps the weights from before this batch\. Try a smaller learning rate \(now 1e\+30\)/,
    ],
  ]);
});

describe('softmax-lab predict, evaluate and export-onnx', () => {
  const model = () => p('model');
  fails([
    [
      ['predict', '--data', p('features.csv')],
      2,
      /^softmax-lab predict: --model DIR \(a saved model\) is required\. See softmax-lab predict --help\.\n$/,
    ],
    [['predict', '--model', model()], 2, /--data FILE \(\.csv, \.npy or \.npz\) is required/],
    [
      ['predict', '--model', p('nowhere'), '--data', p('features.csv')],
      2,
      /nowhere: expected a model directory with a model\.json, or the path of a model\.json, got no file .*nowhere\/model\.json\./,
    ],
    [
      ['predict', '--model', p('empty-model'), '--data', p('features.csv')],
      2,
      /empty-model: expected a model directory with a model\.json/,
    ],
    [
      ['predict', '--model', p('broken'), '--data', p('features.csv')],
      2,
      /broken\/model\.json: expected valid JSON, got a parse error/,
    ],
    [
      ['predict', '--model', p('truncated-model'), '--data', p('features.csv')],
      2,
      /truncated-model\/model\.json: weights: expected \d+ bytes for the \d+ weights in weightsManifest, got 10 bytes in .*\.bin\. A weights file is truncated\./,
    ],
    [
      ['predict', '--model', model(), '--data', p('tiny.csv')],
      2,
      /tiny\.csv: expected 2 feature columns \(the model's input width\), got 3 columns\. If one column holds the labels, name it with --label-column\./,
    ],
    [
      ['predict', '--model', model(), '--data', p('missing.csv')],
      2,
      /missing\.csv: expected a readable CSV file, got no such file\./,
    ],
    [
      ['predict', '--model', model(), '--data', p('nan.csv'), '--label-column', 'label'],
      2,
      /nan\.csv: expected a number, got "NaN" \(at line 2, column 2 \(b\)\)\./,
    ],
    [
      ['evaluate', '--model', model(), '--data', p('tiny.csv'), '--batch-size', '0'],
      2,
      /^softmax-lab evaluate: --batch-size expects an integer from 1 to 2147483647, got "0"\. See softmax-lab evaluate --help\.\n$/,
    ],
    [
      ['evaluate', '--model', model(), '--data', p('label-9.csv')],
      2,
      /^softmax-lab evaluate: .*label-9\.csv: expected labels 0\.\.1 \(the model has 2 outputs\), got 9 \(at row 0\)\.\n$/,
    ],
    [
      ['evaluate', '--model', model(), '--data', p('negative.csv')],
      2,
      /negative\.csv: expected class labels that are integers >= 0, got -1/,
    ],
    [
      ['evaluate', '--model', model(), '--data', p('features.csv'), '--label-column', 'b'],
      2,
      /features\.csv: expected 2 feature columns \(the model's input width\), got 1 columns\./,
    ],
    [
      ['evaluate', '--model', p('truncated-model'), '--data', p('tiny.csv')],
      2,
      /A weights file is truncated\./,
    ],
    [
      ['export-onnx', '--model', model()],
      2,
      /^softmax-lab export-onnx: --out FILE\.onnx is required\. See softmax-lab export-onnx --help\.\n$/,
    ],
    [
      ['export-onnx', '--model', model(), '--out', p('folder.csv')],
      2,
      /--out expects a file name, got ".*folder\.csv", which is a folder/,
    ],
    [
      ['export-onnx', '--model', model(), '--out', join(p('a-file'), 'm.onnx')],
      2,
      /--out expects a path through folders, got ".*a-file\/m\.onnx", where part of the path is a file/,
    ],
    [
      ['export-onnx', '--model', p('array'), '--out', p('m.onnx')],
      2,
      /array\/model\.json: expected a TF\.js model\.json/,
    ],
    [
      ['export-onnx', '--model', p('truncated-model'), '--out', p('m.onnx')],
      2,
      /A weights file is truncated\./,
    ],
  ]);
});

describe('--debug', () => {
  it('adds the stack trace after the one line, for a failure while working', async () => {
    const args = [
      'train',
      '--data',
      p('tiny.csv'),
      '--out',
      p('out'),
      '--lr',
      '1e30',
      '--epochs',
      '5',
      '--seed',
      '0',
    ];
    const plain = await run(args);
    const debug = await run([...args, '--debug']);
    expect(debug.code).toBe(plain.code);
    const [first, ...rest] = debug.err.trimEnd().split('\n');
    expect(`${first}\n`).toBe(plain.err);
    expect(rest.join('\n')).toMatch(/^TrainingDivergedError: Training diverged/);
    expect(rest.join('\n')).toMatch(/^\s+at .*fit/m);
  });

  it('adds the stack of the underlying error for a bad input file', async () => {
    const debug = await run(['train', '--data', p('ragged.csv'), '--out', p('out'), '--debug']);
    expect(debug.code).toBe(2);
    const lines = debug.err.trimEnd().split('\n');
    expect(lines[0]).toMatch(/ragged\.csv: expected 3 fields per row/);
    expect(lines[1]).toMatch(/^ModelFormatError: /);
    expect(lines.slice(2).join('\n')).toMatch(/^\s+at /m);
  });

  it('adds the stack for a usage error too, and is not itself taken for a flag', async () => {
    const debug = await run(['lab', '--debug', '--epochs', '0']);
    expect(debug.code).toBe(2);
    expect(debug.err.split('\n')[0]).toMatch(/^softmax-lab lab: --epochs expects/);
    expect(debug.err).toMatch(/^UsageError: /m);
  });
});
