/**
 * `softmax-lab`: the command line. `main(argv)` dispatches to a subcommand and returns the exit code:
 * 0 success, 1 a failure while working (bad data, unreadable file), 2 bad usage.
 *
 * @module
 */

import { SoftmaxLabError } from '../core/errors.js';
import { commands } from './commands/index.js';
import { type CliIO, type Command, processIO, UsageError } from './io.js';

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: softmax-lab <command> [options]',
    '',
    'Softmax, cross-entropy and multiclass neural networks, as in the classic softmax lab.',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `softmax-lab <command> --help` for the options of a command. Add --debug to see stack traces.',
    '',
  ].join('\n');
}

/** Runs the command line with `argv` (without `node` and the script) and resolves to the exit code. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(overview());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    const { version } = await import('./version.js');
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(
      `softmax-lab: unknown command ${JSON.stringify(name)}. Commands: ${commands.map((c) => c.name).join(', ')}.\n`,
    );
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`softmax-lab ${command.name}: ${e.message}\n${firstUsageLine(command)}\n`);
      return 2;
    }
    const message = e instanceof Error ? e.message : String(e);
    const kind = e instanceof SoftmaxLabError ? e.name : 'error';
    io.stderr.write(`softmax-lab ${command.name}: ${kind}: ${message}\n`);
    if (debug && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    return 1;
  }
}

function firstUsageLine(command: Command): string {
  return `${command.usage.split('\n')[0]} (see softmax-lab ${command.name} --help)`;
}
