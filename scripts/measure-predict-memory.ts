/**
 * Measures the peak resident memory (max RSS) of `softmax-lab predict` on large CSV files: the lab model
 * (2 → 25 relu → 15 relu → 4 linear, trained 10 epochs on the lab's blobs) classifying 1,000 / 100,000 /
 * 1,000,000 rows of 2 features (the lab's four blobs, `makeBlobs` with random_state 30), with
 * `--probabilities --out`. Each run is its own process. For contrast, the same work done the whole-file way
 * (how `predict` worked before it streamed): `readCsv`, one `model.predict`, the whole CSV text built, one
 * atomic write.
 *
 *   npx tsx scripts/measure-predict-memory.ts            # 1e3, 1e5, 1e6 rows
 *   npx tsx scripts/measure-predict-memory.ts 1000000    # only these row counts
 *
 * Prints a Markdown table. Each process runs the TypeScript sources through tsx, whose loader is part of
 * the figures (it is the same for every row, so the differences are what the data costs).
 *
 * @module
 */

import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SparseCategoricalCrossentropy } from '../src/core/losses/index.js';
import { makeBlobs } from '../src/data/make-blobs.js';
import { openAtomicFile } from '../src/io/atomic-stream.js';
import { writeFileAtomic } from '../src/io/atomic-write.js';
import '../src/io/register-file-handlers.js';
import { Dense } from '../src/model/dense.js';
import { Adam } from '../src/model/optimizers/adam.js';
import { Sequential } from '../src/model/sequential.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The old-generation heap limit of the capped run. */
const HEAP_CAP_MIB = 48;
const LAB_CENTERS = [
  [-5, 2],
  [-2, -2],
  [1, 2],
  [5, -2],
];

/** Writes `rows` lab-like rows as CSV (header x0,x1), generated and written a block at a time. */
async function writeRows(path: string, rows: number): Promise<void> {
  const out = await openAtomicFile(path);
  await out.write('x0,x1\n');
  const block = 100_000;
  for (let start = 0; start < rows; start += block) {
    const n = Math.min(block, rows - start);
    const { X } = makeBlobs({ nSamples: n, centers: LAB_CENTERS, clusterStd: 1.0, randomState: 30 + start });
    const lines: string[] = [];
    for (let i = 0; i < n; i++) lines.push(`${X.get(i, 0)},${X.get(i, 1)}`);
    await out.write(`${lines.join('\n')}\n`);
  }
  await out.commit();
}

async function trainLabModel(directory: string): Promise<void> {
  const { X, y } = makeBlobs({ nSamples: 2000, centers: LAB_CENTERS, clusterStd: 1.0, randomState: 30 });
  const model = new Sequential(
    [
      new Dense({ units: 25, activation: 'relu' }),
      new Dense({ units: 15, activation: 'relu' }),
      new Dense({ units: 4, activation: 'linear' }),
    ],
    { seed: 1234 },
  );
  model.compile({
    loss: new SparseCategoricalCrossentropy({ fromLogits: true }),
    optimizer: new Adam(0.001),
  });
  await model.fit(X, y, { epochs: 10, verbose: 0 });
  await model.save(directory);
}

/** Runs `node --import tsx <args>` and returns its max RSS in MiB (from the child's own resource usage). */
function peakRss(args: string[], nodeFlags: string[] = []): { mib: number; seconds: number } {
  const report =
    "data:text/javascript,process.on('exit',()=>process.stderr.write('MAXRSS '+process.resourceUsage().maxRSS+'\\n'))";
  const started = performance.now();
  const child = spawnSync(process.execPath, [...nodeFlags, '--import', 'tsx', '--import', report, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const seconds = (performance.now() - started) / 1000;
  const match = /MAXRSS (\d+)/.exec(child.stderr);
  if (child.status !== 0 || !match) {
    throw new Error(`${args.join(' ')} failed (${child.status}): ${child.stderr}`);
  }
  return { mib: Number(match[1]) / 1024, seconds };
}

const counts = process.argv.slice(2).map(Number);
const rowCounts = counts.length > 0 ? counts : [1_000, 100_000, 1_000_000];
const dir = await mkdtemp(join(tmpdir(), 'softmax-lab-memory-'));
try {
  const model = join(dir, 'model');
  await trainLabModel(model);
  const whole = join(dir, 'whole.ts');
  // The whole-file way, as `softmax-lab predict` worked before it streamed: read all rows, predict them in
  // one call, build the whole CSV text, write it in one atomic write.
  const source = (file: string) => JSON.stringify(join(ROOT, 'src', file));
  await writeFileAtomic(
    whole,
    [
      `import { argmax } from ${source('core/argmax.ts')};`,
      `import { softmax } from ${source('core/softmax.ts')};`,
      `import { float32Text } from ${source('cli/commands/model-inputs.ts')};`,
      `import { writeFileAtomic } from ${source('io/atomic-write.ts')};`,
      `import { loadModel } from ${source('io/load-model.ts')};`,
      `import { readCsv } from ${source('io/read-csv.ts')};`,
      'const [modelDir, csv, out] = process.argv.slice(2);',
      'const model = await loadModel(modelDir);',
      'const { X } = await readCsv(csv);',
      'const logits = model.predict(X);',
      'const classes = argmax(logits);',
      'const p = softmax(logits);',
      "const lines = ['predicted,p0,p1,p2,p3'];",
      "for (let i = 0; i < X.rows; i++) lines.push([classes[i], ...Array.from(p.row(i), float32Text)].join(','));",
      "await writeFileAtomic(out, lines.join('\\n') + '\\n');",
      '',
    ].join('\n'),
  );
  await writeFileAtomic(join(dir, 'package.json'), '{"type": "module"}\n');
  const lines = [
    '| rows | CSV size | `softmax-lab predict --probabilities --out` (streams) | whole file at once (before) |',
    '| ---: | ---: | ---: | ---: |',
  ];
  for (const rows of rowCounts) {
    const csv = join(dir, `rows-${rows}.csv`);
    await writeRows(csv, rows);
    const size = (await stat(csv)).size / 2 ** 20;
    const out = join(dir, `predictions-${rows}.csv`);
    const cli = peakRss([
      'src/cli/run.ts',
      'predict',
      '--model',
      model,
      '--data',
      csv,
      '--probabilities',
      '--out',
      out,
    ]);
    const lib = peakRss([whole, model, csv, `${out}.whole`]);
    lines.push(
      `| ${rows.toLocaleString('en-US')} | ${size.toFixed(1)} MiB | ${cli.mib.toFixed(0)} MiB (${cli.seconds.toFixed(1)} s) | ${lib.mib.toFixed(0)} MiB (${lib.seconds.toFixed(1)} s) |`,
    );
    process.stderr.write(`${lines[lines.length - 1]}\n`);
  }
  // RSS also reflects how lazily V8 collects garbage; a capped heap shows what predict actually keeps.
  const largest = Math.max(...rowCounts);
  const capped = peakRss(
    [
      'src/cli/run.ts',
      'predict',
      '--model',
      model,
      '--data',
      join(dir, `rows-${largest}.csv`),
      '--probabilities',
      '--out',
      join(dir, 'capped.csv'),
    ],
    [`--max-old-space-size=${HEAP_CAP_MIB}`],
  );
  lines.push(
    '',
    `With the JavaScript heap capped at ${HEAP_CAP_MIB} MiB (node --max-old-space-size=${HEAP_CAP_MIB}), the streaming predict on ${largest.toLocaleString('en-US')} rows completes: ${capped.mib.toFixed(0)} MiB peak RSS (${capped.seconds.toFixed(1)} s).`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
