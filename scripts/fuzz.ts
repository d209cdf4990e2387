/**
 * `npm run fuzz`: the long fuzz runs of the parsers (100,000 generated cases per target by default), outside
 * the default test run. `npm test` runs a short seeded run of each target (test/fuzz/*.test.ts); the targets,
 * generators and properties are in test/fuzz/.
 *
 *   npm run fuzz                                   every target, 100,000 cases each, a fresh seed
 *   npm run fuzz -- --target npy,csv --runs 20000  some targets
 *   npm run fuzz -- --target url --seed 42 --path 1234 --runs 1   replay one reported case
 *
 * Options: `--target` (comma-separated names, or `all`), `--runs`, `--seed`, `--path` (fast-check's replay
 * path), `--case-ms` (the time limit of one case, default 2000), `--hang-s` (the watchdog, default 60),
 * `--no-shrink` (report the first failing case as generated).
 *
 * Each target runs in a child process with a watchdog: a case that never returns (an infinite loop cannot be
 * interrupted from inside) is killed and reported with the seed and path that replay it. The exit code is 1
 * when any target failed.
 *
 * @module
 */

import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_LIMITS, runFuzz } from '../test/fuzz/harness.js';
import { TARGETS } from '../test/fuzz/targets.js';

const { values } = parseArgs({
  options: {
    target: { type: 'string', default: 'all' },
    runs: { type: 'string', default: '100000' },
    seed: { type: 'string' },
    path: { type: 'string' },
    'case-ms': { type: 'string', default: String(DEFAULT_LIMITS.caseMs) },
    'hang-s': { type: 'string', default: '60' },
    'no-shrink': { type: 'boolean', default: false },
    child: { type: 'boolean', default: false },
    heartbeat: { type: 'string' },
    result: { type: 'string' },
  },
});

function positiveInteger(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`fuzz: --${flag} expects a non-negative integer, got ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return n;
}

const runs = positiveInteger(values.runs, 'runs');
const seed = values.seed === undefined ? (Date.now() ^ (Math.random() * 2 ** 31)) | 0 : Number(values.seed);
if (!Number.isSafeInteger(seed)) {
  console.error(`fuzz: --seed expects an integer, got ${JSON.stringify(values.seed)}`);
  process.exit(2);
}
const caseMs = positiveInteger(values['case-ms'], 'case-ms');
const hangMs = positiveInteger(values['hang-s'], 'hang-s') * 1000;
const names = values.target === 'all' ? Object.keys(TARGETS) : values.target.split(',').map((t) => t.trim());
for (const name of names) {
  if (!(name in TARGETS)) {
    console.error(
      `fuzz: unknown target ${JSON.stringify(name)} (targets: ${Object.keys(TARGETS).join(', ')})`,
    );
    process.exit(2);
  }
}

/** Runs one target in this process (the child side). */
async function child(name: string): Promise<void> {
  const heartbeat = values.heartbeat === undefined ? undefined : openSync(values.heartbeat, 'w');
  const target = TARGETS[name]!;
  try {
    const report = await runFuzz(target, {
      runs,
      seed,
      ...(values.path === undefined ? {} : { path: values.path }),
      limits: { ...DEFAULT_LIMITS, caseMs },
      shrink: !values['no-shrink'],
      // The index goes to a file the parent watches; a hung case leaves its own index there.
      onCase: heartbeat === undefined ? undefined : (i) => writeSync(heartbeat, `${i}`.padEnd(12), 0),
    });
    const line = `${name}: ${report.stats.summary()}; ${(report.ms / 1000).toFixed(1)} s (seed ${seed})`;
    console.log(line);
    if (values.result) writeFileSync(values.result, line);
  } catch (e) {
    // fast-check's report (seed, path, counterexample), then the property that broke (its cause).
    const cause = (e as Error).cause;
    const text = `${(e as Error).message}${cause instanceof Error ? `\nCause: ${cause.message}` : ''}`;
    console.error(`${name}: FAILED (seed ${seed})\n${text.length > 6000 ? `${text.slice(0, 6000)}…` : text}`);
    process.exitCode = 1;
  } finally {
    if (heartbeat !== undefined) closeSync(heartbeat);
  }
}

/** Runs one target in a child process under the watchdog; resolves to its summary line or failure. */
function supervise(name: string, scratch: string): Promise<{ ok: boolean; line: string }> {
  const heartbeat = join(scratch, `${name}.heartbeat`);
  const result = join(scratch, `${name}.result`);
  const args = [
    ...process.execArgv,
    fileURLToPath(import.meta.url),
    '--child',
    '--target',
    name,
    '--runs',
    String(runs),
    '--seed',
    String(seed),
    '--case-ms',
    String(caseMs),
    '--heartbeat',
    heartbeat,
    '--result',
    result,
    ...(values.path === undefined ? [] : ['--path', values.path]),
    ...(values['no-shrink'] ? ['--no-shrink'] : []),
  ];
  return new Promise((resolve) => {
    const process_ = spawn(process.execPath, args, { stdio: 'inherit' });
    let last = '';
    let lastChange = Date.now();
    let hung: string | undefined;
    const watchdog = setInterval(() => {
      let now = '';
      try {
        now = readFileSync(heartbeat, 'utf8').trim();
      } catch {
        // Not written yet: the child is still loading.
      }
      if (now !== last) {
        last = now;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > hangMs) {
        hung = now;
        process_.kill('SIGKILL');
      }
    }, 250);
    process_.on('exit', (code) => {
      clearInterval(watchdog);
      if (hung !== undefined) {
        const line =
          `${name}: HUNG: case ${hung} did not finish in ${hangMs / 1000} s; replay it with ` +
          `npm run fuzz -- --target ${name} --seed ${seed} --path ${hung} --runs 1`;
        console.error(line);
        resolve({ ok: false, line });
        return;
      }
      let line = `${name}: FAILED (exit code ${code}, seed ${seed})`;
      try {
        line = readFileSync(result, 'utf8');
      } catch {
        // The child failed before writing its result; it printed why.
      }
      resolve({ ok: code === 0, line });
    });
  });
}

if (values.child) {
  await child(names[0]!);
} else {
  console.log(`fuzz: ${names.join(', ')}; ${runs} cases each; seed ${seed}`);
  const scratch = mkdtempSync(join(tmpdir(), 'softmax-lab-fuzz-run-'));
  const start = Date.now();
  const lines: string[] = [];
  let ok = true;
  try {
    for (const name of names) {
      console.log(`${name}: ${TARGETS[name]!.description}`);
      const outcome = await supervise(name, scratch);
      ok &&= outcome.ok;
      lines.push(outcome.line);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  console.log(`\nSummary (${((Date.now() - start) / 1000).toFixed(1)} s in total):\n${lines.join('\n')}`);
  process.exitCode = ok ? 0 : 1;
}
