/**
 * `npm run bench`: softmax-lab against TensorFlow.js (cpu and wasm backends) on the workloads of issue #5,
 * each library on each workload in its own child process, one after the other.
 *
 *   npm run bench                     full: W1 x15, W2 (60000 rows) x3, W3 x5 per variant
 *   npm run bench -- --quick          under 3 minutes: W1 x15, W2 on a 10000-row slice x3, W3 x3
 *   npm run bench -- --json FILE      write the JSON there instead of bench/results/latest.json
 *   npm run bench -- --only W1,W3     a subset of the workloads
 *   npm run bench -- --report FILE    print the Markdown report of an earlier run's JSON (runs nothing)
 *
 * Prints a Markdown report (see `report.ts`) to stdout and writes the JSON results. Timings on a shared
 * machine are noisy: compare the ratios within one run.
 *
 * @module
 */

import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomicSync } from '../src/io/atomic-write.js';
import type { ChildResult } from './child.js';
import { describeMachine } from './machine.js';
import { type BenchReport, type ResultRow, renderReport } from './report.js';
import { summary } from './stats.js';
import type { WorkloadName } from './workloads.js';

interface LibConfig {
  id: string;
  child: 'softmax-lab' | 'tfjs-cpu' | 'tfjs-wasm';
  label: string;
  env: Record<string, string>;
  workloads: WorkloadName[];
}

const LIBS: LibConfig[] = [
  { id: 'softmax-lab', child: 'softmax-lab', label: 'softmax-lab', env: {}, workloads: ['W1', 'W2', 'W3'] },
  {
    id: 'softmax-lab-1t',
    child: 'softmax-lab',
    label: 'softmax-lab, 1 thread',
    env: { SOFTMAX_LAB_THREADS: '1' },
    workloads: ['W2', 'W3'],
  },
  {
    id: 'softmax-lab-js',
    child: 'softmax-lab',
    label: 'softmax-lab, plain-JS kernels',
    env: { SOFTMAX_LAB_KERNELS: 'js', SOFTMAX_LAB_THREADS: '1' },
    workloads: ['W1'],
  },
  { id: 'tfjs-cpu', child: 'tfjs-cpu', label: 'tfjs-cpu', env: {}, workloads: ['W1', 'W2', 'W3'] },
  { id: 'tfjs-wasm', child: 'tfjs-wasm', label: 'tfjs-wasm', env: {}, workloads: ['W1', 'W2', 'W3'] },
];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const reportAt = args.indexOf('--report');
if (reportAt >= 0) {
  const earlier = JSON.parse(readFileSync(resolve(args[reportAt + 1]!), 'utf8')) as BenchReport;
  process.stdout.write(renderReport(earlier));
  process.exit(0);
}
const quick = args.includes('--quick');
const jsonAt = args.indexOf('--json');
const jsonFile = jsonAt >= 0 ? resolve(args[jsonAt + 1]!) : join(root, 'bench/results/latest.json');
const onlyAt = args.indexOf('--only');
const only: WorkloadName[] =
  onlyAt >= 0 ? (args[onlyAt + 1]!.split(',') as WorkloadName[]) : ['W1', 'W2', 'W3'];
// W1 fits are short: a process's first few (after the uncounted cold one) still run while the engine
// optimizes the step's JavaScript; 15 of them put the median on a warmed-up fit, for every library.
const runs: Record<WorkloadName, number> = quick ? { W1: 15, W2: 3, W3: 3 } : { W1: 15, W2: 3, W3: 5 };
const w2Rows = quick ? 10000 : 60000;

function pytorchStatus(): string {
  const probe = spawnSync('python3', ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  if (probe.status === 0) {
    return `torch ${probe.stdout.trim()} is installed, but this benchmark has no PyTorch runner yet: not measured`;
  }
  return 'not available (no Python with torch on this machine)';
}

function runChild(lib: LibConfig, workload: WorkloadName): Promise<{ result: ChildResult; wallMs: number }> {
  const childArgs = ['--import', 'tsx', 'bench/child.ts', '--lib', lib.child, '--workload', workload];
  childArgs.push('--runs', String(runs[workload]), '--rows', String(w2Rows));
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, childArgs, {
      cwd: root,
      env: { ...process.env, ...lib.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.on('error', fail);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (code !== 0 || !line) {
        fail(new Error(`${lib.id} ${workload} exited with ${code}:\n${stdout}`));
        return;
      }
      done({ result: JSON.parse(line.slice('BENCH_RESULT '.length)) as ChildResult, wallMs });
    });
  });
}

const machine = describeMachine();
const command = `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;
process.stderr.write(`${command}: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}\n`);
const results: ResultRow[] = [];
for (const workload of only) {
  for (const lib of LIBS) {
    if (!lib.workloads.includes(workload)) continue;
    process.stderr.write(`${lib.label} ${workload} ...\n`);
    const { result, wallMs } = await runChild(lib, workload);
    for (const m of result.measures) {
      results.push({
        lib: lib.id,
        label: lib.label,
        details: result.details,
        workload,
        measure: m.measure,
        unit: m.unit,
        samples: m.samples,
        ...summary(m.samples),
        ...(m.accuracy === undefined ? {} : { accuracy: m.accuracy }),
        ...(m.gemmError === undefined ? {} : { gemmError: m.gemmError }),
        ...(m.coldMs === undefined ? {} : { coldMs: m.coldMs }),
        processWallMs: wallMs,
        startupMs: result.startupMs,
      });
    }
  }
}
// Group rows by measure in workload order, libraries in LIBS order.
const order = (r: ResultRow) => LIBS.findIndex((l) => l.id === r.lib);
const measureOrder = [...new Set(results.map((r) => r.measure))];
results.sort(
  (x, y) => measureOrder.indexOf(x.measure) - measureOrder.indexOf(y.measure) || order(x) - order(y),
);

const report: BenchReport = {
  date: new Date().toISOString(),
  command,
  mode: quick ? 'quick' : 'full',
  w2TrainRows: w2Rows,
  machine,
  machineAfter: { loadAverage: describeMachine().loadAverage },
  pytorch: pytorchStatus(),
  libraries: LIBS.map(({ id, label }) => ({ id, label })),
  results,
};
// Atomic: an interrupted run never leaves a truncated JSON in place of an earlier run's results.
writeFileAtomicSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(renderReport(report));
process.stderr.write(`results written to ${jsonFile}\n`);
