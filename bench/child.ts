/**
 * One library on one workload, in its own process (spawned by `bench/run.ts`):
 *
 *   tsx bench/child.ts --lib softmax-lab|tfjs-cpu|tfjs-wasm --workload W1|W2|W3 --runs N [--rows R]
 *
 * Prints one line `BENCH_RESULT {json}` with every timed sample; progress goes to stderr.
 *
 * @module
 */

import type { BenchLibrary } from './libs/library.js';
import { GEMM_VARIANTS, gemmError, labData, W2_TEST_ROWS, W3_SIZE, w2Data, w3Operands } from './workloads.js';

/** One measured quantity of one library, as the child reports it. */
export interface ChildMeasure {
  measure: string;
  unit: 'ms' | 'samples/s' | 'GFLOP/s';
  samples: number[];
  /** Training or test accuracy reached (W1, W2), or the GEMM's largest relative error (W3). */
  accuracy?: number;
  gemmError?: number;
  /** W1: the first, uncounted fit of the process. */
  coldMs?: number;
}

export interface ChildResult {
  lib: string;
  workload: string;
  details: string;
  /** Milliseconds from process start until the library was loaded and ready. */
  startupMs: number;
  measures: ChildMeasure[];
}

function option(name: string, fallback?: string): string {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? process.argv[at + 1] : fallback;
  if (value === undefined) throw new Error(`bench/child.ts: --${name} is required`);
  return value;
}

async function load(lib: string): Promise<BenchLibrary> {
  if (lib === 'softmax-lab') return (await import('./libs/softmax-lab.js')).createSoftmaxLab();
  if (lib === 'tfjs-cpu') return (await import('./libs/tfjs.js')).createTfjs('cpu');
  if (lib === 'tfjs-wasm') return (await import('./libs/tfjs.js')).createTfjs('wasm');
  throw new Error(`unknown library ${lib}`);
}

const libName = option('lib');
const workload = option('workload');
const runs = Number(option('runs', '5'));
const library = await load(libName);
const startupMs = performance.now();
const measures: ChildMeasure[] = [];
const log = (text: string) => process.stderr.write(`  [${libName} ${workload}] ${text}\n`);

if (workload === 'W1') {
  const data = labData();
  const samples: number[] = [];
  let accuracy = 0;
  // One fit first, not counted: 630 steps are short enough that the JIT's first compilations would
  // otherwise dominate the first runs (of every library alike). The cold run is kept in the output.
  const cold = await library.w1Fit(data);
  log(`cold fit (not counted) ${cold.ms.toFixed(1)} ms`);
  for (let r = 0; r < runs; r++) {
    const res = await library.w1Fit(data);
    samples.push(res.ms);
    accuracy = res.accuracy;
    log(`fit ${res.ms.toFixed(1)} ms, accuracy ${res.accuracy.toFixed(4)}`);
  }
  measures.push({ measure: 'W1 fit', unit: 'ms', samples, accuracy, coldMs: cold.ms });
} else if (workload === 'W2') {
  const data = w2Data(Number(option('rows', '60000')));
  const train: number[] = [];
  const infer: number[] = [];
  let accuracy = 0;
  for (let r = 0; r < runs; r++) {
    const res = await library.w2(data);
    train.push(data.trainRows / (res.trainMs / 1000));
    for (const ms of res.predictMs) infer.push(W2_TEST_ROWS / (ms / 1000));
    accuracy = res.accuracy;
    log(
      `train ${res.trainMs.toFixed(0)} ms, predict ${res.predictMs.map((m) => m.toFixed(0)).join('/')} ms, accuracy ${accuracy.toFixed(4)}`,
    );
  }
  measures.push({ measure: 'W2 train', unit: 'samples/s', samples: train, accuracy });
  measures.push({ measure: 'W2 inference', unit: 'samples/s', samples: infer, accuracy });
} else if (workload === 'W3') {
  const { a, b } = w3Operands();
  await library.w3Prepare(a, b);
  const flop = 2 * W3_SIZE ** 3;
  for (const variant of GEMM_VARIANTS) {
    let last = await library.w3Gemm(variant); // warm-up, not counted
    const samples: number[] = [];
    for (let r = 0; r < runs; r++) {
      last = await library.w3Gemm(variant);
      samples.push(flop / (last.ms / 1000) / 1e9);
    }
    const error = gemmError(variant, a, b, last.c);
    log(`${variant} ${samples.map((s) => s.toFixed(2)).join(' ')} GFLOP/s, error ${error.toExponential(1)}`);
    measures.push({ measure: `W3 GEMM ${variant}`, unit: 'GFLOP/s', samples, gemmError: error });
  }
} else {
  throw new Error(`unknown workload ${workload}`);
}

const result: ChildResult = { lib: libName, workload, details: library.details, startupMs, measures };
process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
// tfjs-wasm and worker threads may hold handles: the result is out, so leave now.
process.exit(0);
