/**
 * A description of the machine a benchmark ran on.
 *
 * @module
 */

import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  cpu: string;
  cpuFamilyModel: string;
  simdFlags: string[];
  cores: number;
  memoryGiB: number;
  node: string;
  v8: string;
  os: string;
  loadAverage: number[];
}

export function describeMachine(): MachineInfo {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  let cpuFamilyModel = '';
  let simdFlags: string[] = [];
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(info)?.[1]?.trim();
    cpu = field('model name') ?? cpu;
    cpuFamilyModel = `family ${field('cpu family')}, model ${field('model')}`;
    const flags = new Set((field('flags') ?? '').split(/\s+/));
    simdFlags = ['sse4_1', 'avx', 'avx2', 'fma', 'avx512f'].filter((f) => flags.has(f));
  } catch {
    // not Linux: keep os.cpus()
  }
  return {
    cpu,
    cpuFamilyModel,
    simdFlags,
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    v8: process.versions.v8,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
