/** Runs the command line in-process with captured output (a fake terminal-less stdout/stderr). */
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: { write: (chunk: string) => out.push(chunk) },
    stderr: { write: (chunk: string) => err.push(chunk) },
    cwd: process.cwd(),
  };
  const code = await main(args, io);
  return { code, out: out.join(''), err: err.join('') };
}
