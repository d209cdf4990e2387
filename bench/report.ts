/**
 * The benchmark's Markdown report, built from its JSON results: a summary table (medians, with the ratios
 * of softmax-lab to each peer), a detail table (min–max, runs, accuracy, process wall time) and the targets
 * of issue #5, each marked met or not met from this run's ratios.
 *
 * @module
 */

import type { MachineInfo } from './machine.js';
import { formatNumber } from './stats.js';

/** One measured quantity of one library configuration. */
export interface ResultRow {
  lib: string;
  label: string;
  details: string;
  workload: string;
  measure: string;
  unit: 'ms' | 'samples/s' | 'GFLOP/s';
  samples: number[];
  median: number;
  min: number;
  max: number;
  accuracy?: number;
  gemmError?: number;
  /** W1: the first fit of the process (not counted in the samples). */
  coldMs?: number;
  /** Wall time of the whole child process that ran this library on this workload (all runs). */
  processWallMs: number;
  /** Time from that process's start until the library was ready. */
  startupMs: number;
}

export interface BenchReport {
  date: string;
  command: string;
  mode: 'full' | 'quick';
  w2TrainRows: number;
  machine: MachineInfo;
  machineAfter: { loadAverage: number[] };
  pytorch: string;
  /** Library configurations in table order. */
  libraries: { id: string; label: string }[];
  results: ResultRow[];
}

/** PyTorch figures quoted from issue #5 (measured there on another machine; never measured here). */
const ISSUE_PYTORCH: Record<string, string> = {
  'W1 fit': '748 ms / 791 ms',
  'W2 train': '27,055 / 35,003',
  'W2 inference': '145,910 / 255,835',
  'W3 GEMM NN': '35.9 / 68.0',
};

const OURS = 'softmax-lab';
const PEERS = ['tfjs-cpu', 'tfjs-wasm'];

function find(report: BenchReport, lib: string, measure: string): ResultRow | undefined {
  return report.results.find((r) => r.lib === lib && r.measure === measure);
}

/** How many times better `ours` is than `peer` (time: peer/ours; throughput: ours/peer). */
export function speedup(ours: ResultRow, peer: ResultRow): number {
  return ours.unit === 'ms' ? peer.median / ours.median : ours.median / peer.median;
}

function cell(row: ResultRow | undefined): string {
  return row ? formatNumber(row.median) : '—';
}

function quality(row: ResultRow): string {
  if (row.gemmError !== undefined) return `rel. error ${row.gemmError.toExponential(1)}`;
  const parts: string[] = [];
  if (row.accuracy !== undefined) parts.push(`accuracy ${(row.accuracy * 100).toFixed(2)}%`);
  if (row.coldMs !== undefined) parts.push(`cold first fit ${formatNumber(row.coldMs)} ms`);
  return parts.join('; ');
}

function measureTitle(measure: string, unit: string, report: BenchReport): string {
  const w2 = report.w2TrainRows === 60000 ? '60000 rows' : `${report.w2TrainRows}-row slice`;
  const titles: Record<string, string> = {
    'W1 fit': 'W1 lab fit, 630 steps (ms, lower is better)',
    'W2 train': `W2 train, 1 epoch, ${w2} (samples/s)`,
    'W2 inference': 'W2 inference, 10000 rows (samples/s)',
  };
  return titles[measure] ?? `${measure} 1024³ (${unit})`;
}

export function renderReport(report: BenchReport): string {
  const measures = [...new Set(report.results.map((r) => r.measure))];
  const present = new Set(report.results.map((r) => r.lib));
  const libs = report.libraries.filter((l) => present.has(l.id)).map((l) => [l.id, l.label] as const);
  const out: string[] = [];
  const m = report.machine;
  out.push(`## Benchmark (${report.mode}) — ${report.date}`);
  out.push('');
  out.push(`Command: \`${report.command}\``);
  out.push('');
  out.push(
    `Machine: ${m.cpu} (${m.cpuFamilyModel}; ${m.simdFlags.join(', ')}), ${m.cores} cores, ${m.memoryGiB} GiB, ` +
      `Node ${m.node} (V8 ${m.v8}), ${m.os}. Load average before ${m.loadAverage.join(' / ')}, after ` +
      `${report.machineAfter.loadAverage.join(' / ')}.`,
  );
  out.push('');
  out.push(`PyTorch: ${report.pytorch}.`);
  out.push('');
  out.push('### Medians');
  out.push('');
  const header = ['workload', ...libs.map(([, label]) => label), 'PyTorch'];
  for (const p of PEERS) header.push(`${OURS} vs ${p}`);
  out.push(`| ${header.join(' | ')} |`);
  out.push(`|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
  for (const measure of measures) {
    const any = report.results.find((r) => r.measure === measure)!;
    const row = [
      measureTitle(measure, any.unit, report),
      ...libs.map(([lib]) => cell(find(report, lib, measure))),
    ];
    row.push('not available');
    const ours = find(report, OURS, measure);
    for (const p of PEERS) {
      const peer = find(report, p, measure);
      row.push(ours && peer ? `${formatNumber(speedup(ours, peer))}x` : '—');
    }
    out.push(`| ${row.join(' | ')} |`);
  }
  out.push('');
  out.push(
    'Ratios are "times faster" (time: peer ÷ ours; throughput: ours ÷ peer), from medians of this run. ' +
      'Each library ran in its own process.',
  );
  out.push('');
  out.push('### Details');
  out.push('');
  out.push('| workload | library | how | median | min–max | runs | result | process wall (s) |');
  out.push('|---|---|---|---:|---:|---:|---|---:|');
  for (const r of report.results) {
    out.push(
      `| ${r.measure} (${r.unit}) | ${r.label} | ${r.details} | ${formatNumber(r.median)} | ` +
        `${formatNumber(r.min)}–${formatNumber(r.max)} | ${r.samples.length} | ${quality(r)} | ` +
        `${(r.processWallMs / 1000).toFixed(1)} |`,
    );
  }
  out.push('');
  out.push(
    'Process wall time: the whole child process (Node start, TypeScript loading, library start-up, data ' +
      'generation, every run of that workload). W1: each process first runs one fit that is not counted ' +
      '("cold first fit"); W3: one product per layout before the timed ones.',
  );
  out.push('');
  out.push('### Targets of issue #5 (from this run)');
  out.push('');
  out.push('| target | measured | status |');
  out.push('|---|---|---|');
  for (const line of targetLines(report)) out.push(`| ${line.join(' | ')} |`);
  out.push('');
  out.push(
    'PyTorch figures quoted from issue #5 (1 thread / 2 threads, another machine, not measured here):',
  );
  out.push('');
  out.push('| workload | PyTorch 1.13 (issue #5) |');
  out.push('|---|---:|');
  for (const [k, v] of Object.entries(ISSUE_PYTORCH)) out.push(`| ${k} | ${v} |`);
  return `${out.join('\n')}\n`;
}

function ratioTarget(report: BenchReport, measure: string, peer: string, goal: number): string[] {
  const ours = find(report, OURS, measure);
  const other = find(report, peer, measure);
  const label = `${measure}: >= ${goal}x ${peer}`;
  if (!ours || !other) return [label, 'not measured in this run', '—'];
  const s = speedup(ours, other);
  return [label, `${formatNumber(s)}x`, s >= goal ? 'met' : 'not met'];
}

function absoluteTarget(
  report: BenchReport,
  lib: string,
  measure: string,
  goal: number,
  who: string,
): string[] {
  const row = find(report, lib, measure);
  const label = `${measure}: >= ${goal} GFLOP/s on ${who}`;
  if (!row) return [label, 'not measured in this run', '—'];
  return [label, `${formatNumber(row.median)} GFLOP/s`, row.median >= goal ? 'met' : 'not met'];
}

function targetLines(report: BenchReport): string[][] {
  const lines: string[][] = [];
  lines.push(ratioTarget(report, 'W1 fit', 'tfjs-cpu', 100));
  lines.push(ratioTarget(report, 'W1 fit', 'tfjs-wasm', 100));
  lines.push(['W1 fit: >= 30x PyTorch (1 thread)', 'PyTorch not available here', 'cannot be checked']);
  lines.push(ratioTarget(report, 'W2 train', 'tfjs-wasm', 10));
  lines.push(['W2 train: >= 1.0x PyTorch (2 threads)', 'PyTorch not available here', 'cannot be checked']);
  lines.push(['W2 inference: >= 1.0x PyTorch (1 thread)', 'PyTorch not available here', 'cannot be checked']);
  for (const v of ['NN', 'NT', 'TN']) {
    lines.push(absoluteTarget(report, OURS, `W3 GEMM ${v}`, 34, 'all threads (2 here)'));
    lines.push(absoluteTarget(report, 'softmax-lab-1t', `W3 GEMM ${v}`, 15, 'one thread'));
  }
  return lines;
}
