/**
 * `softmax-lab train` is reproducible and loses nothing: the same flags and seed give byte-identical model
 * files in separate processes (and in this one), and a fit that diverges exits non-zero with one line,
 * leaving an earlier model and held-out file at the same paths exactly as they were.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearSession } from '../../src/model/naming.js';
import { runCli } from './cli-harness.js';
import { digitsCsv } from './model-fixture.js';

const ROOT = new URL('../..', import.meta.url).pathname;
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'softmax-lab-train-rel-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the command line in a child process. */
function runChild(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    child.stderr.on('data', (d) => {
      err += String(d);
    });
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** The saved model: model.json without the (unique) weights file name, and the weights bytes. */
async function savedModel(modelDir: string): Promise<{ json: unknown; weights: Buffer }> {
  const json = JSON.parse(await readFile(join(modelDir, 'model.json'), 'utf8'));
  const [name] = json.weightsManifest[0].paths;
  json.weightsManifest[0].paths = ['(weights)'];
  return { json, weights: await readFile(join(modelDir, name)) };
}

/** Every file of a directory with its bytes. */
async function snapshot(path: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(path)).sort())
    out[name] = (await readFile(join(path, name))).toString('base64');
  return out;
}

const DATA = ['--data', digitsCsv, '--label-column', 'label'];

describe('softmax-lab train in separate processes', () => {
  const configurations = [
    {
      name: 'Adam, relu 32, a stratified held-out split',
      flags: ['--hidden', '32', '--epochs', '2', '--test-size', '0.2', '--seed', '5'],
    },
    {
      name: 'SGD, tanh, --normalize, --validation-split, batch 50',
      flags: [
        '--optimizer',
        'sgd',
        '--lr',
        '0.05',
        '--activation',
        'tanh',
        '--normalize',
        '--validation-split',
        '0.2',
        '--batch-size',
        '50',
        '--hidden',
        '24',
        '--epochs',
        '2',
        '--seed',
        '9',
      ],
    },
    {
      name: 'RMSprop, sigmoid 16,8',
      flags: [
        '--optimizer',
        'rmsprop',
        '--activation',
        'sigmoid',
        '--hidden',
        '16,8',
        '--epochs',
        '2',
        '--seed',
        '11',
      ],
    },
  ];

  it.each(configurations)(
    '$name: two processes and this one save byte-identical weights',
    async ({ name, flags }) => {
      const tag = name.replace(/\W+/g, '-');
      const outs = [join(dir, `${tag}-a`), join(dir, `${tag}-b`), join(dir, `${tag}-here`)];
      const runs = await Promise.all(
        outs.slice(0, 2).map((out) => runChild(['train', ...DATA, ...flags, '--out', out])),
      );
      for (const run of runs) {
        expect(run.err).toBe('');
        expect(run.code).toBe(0);
      }
      // Layer names (dense, dense_1, ...) count per process, as in Keras: start this one afresh too.
      clearSession();
      const here = await runCli(['train', ...DATA, ...flags, '--out', outs[2]!]);
      expect(here.code).toBe(0);
      const [a, b, c] = await Promise.all(outs.map(savedModel));
      expect(a!.weights.length).toBeGreaterThan(1000);
      expect(b!.weights.equals(a!.weights)).toBe(true);
      expect(c!.weights.equals(a!.weights)).toBe(true);
      expect(b!.json).toEqual(a!.json);
      expect(c!.json).toEqual(a!.json);
      // The printed metrics agree too (the progress bars carry timings, so only the result lines).
      const results = (out: string) => out.split('\n').filter((l) => /^(Final|Held-out)/.test(l));
      expect(results(runs[1]!.out)).toEqual(results(runs[0]!.out));
      expect(results(here.out)).toEqual(results(runs[0]!.out));
    },
    120_000,
  );
});

describe('softmax-lab train when the fit diverges', () => {
  it('exits 1 with one line and leaves the model and the held-out file already at those paths untouched', async () => {
    const model = join(dir, 'kept-model');
    const testOut = join(dir, 'kept-test.csv');
    const good = await runCli([
      'train',
      ...DATA,
      '--hidden',
      '16',
      '--epochs',
      '1',
      '--seed',
      '1',
      '--test-size',
      '0.2',
      '--test-out',
      testOut,
      '--out',
      model,
    ]);
    expect(good.code).toBe(0);
    const before = { model: await snapshot(model), testOut: await readFile(testOut, 'utf8') };

    const args = [
      'train',
      ...DATA,
      '--optimizer',
      'sgd',
      '--lr',
      '1e30',
      '--hidden',
      '16',
      '--epochs',
      '3',
      '--seed',
      '1',
      '--test-size',
      '0.2',
      '--test-out',
      testOut,
      '--out',
      model,
    ];
    const run = await runChild(args);
    expect(run.code).toBe(1);
    const lines = run.err.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^softmax-lab train: TrainingDivergedError: Training diverged: the loss became non-finite \((NaN|Infinity)\) at epoch 1, batch \d+ of 45\. The model keeps the weights from before this batch\. Try a smaller learning rate \(now 1e\+30\)/,
    );
    expect(run.err).not.toMatch(/\n\s+at /);
    expect(await snapshot(model)).toEqual(before.model);
    expect(await readFile(testOut, 'utf8')).toBe(before.testOut);

    // With --debug, the stack trace follows the line.
    const debug = await runCli([...args, '--debug']);
    expect(debug.code).toBe(1);
    expect(debug.err).toMatch(
      /^softmax-lab train: TrainingDivergedError: .*\nTrainingDivergedError: .*\n\s+at /,
    );
    expect(await snapshot(model)).toEqual(before.model);
  }, 120_000);

  it('never creates the model directory when the first save would come after a diverged fit', async () => {
    const model = join(dir, 'never-made');
    const run = await runCli([
      'train',
      ...DATA,
      '--optimizer',
      'sgd',
      '--lr',
      '1e30',
      '--epochs',
      '1',
      '--out',
      model,
    ]);
    expect(run.code).toBe(1);
    expect(await readdir(dir)).not.toContain('never-made');
  }, 60_000);
});
