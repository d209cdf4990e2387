/**
 * `softmax-lab`: the command line. `main(argv)` dispatches to a subcommand and returns the exit code:
 * 0 success, 1 a failure while working (training diverged, a file that cannot be written), 2 bad usage or a
 * bad input file. Every failure is one line on stderr; `--debug` adds the stack trace (see `failure.ts`).
 *
 * @module
 */

import { commands } from './commands/index.js';
import { describeFailure } from './failure.js';
import { type CliIO, type Command, processIO } from './io.js';

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
  if (name === undefined) {
    io.stderr.write(
      `softmax-lab: expected a command (${commands.map((c) => c.name).join(', ')}), got none. See softmax-lab --help.\n`,
    );
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(overview());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    const { version } = await import('./version.js');
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(
      `softmax-lab: expected a command (${commands.map((c) => c.name).join(', ')}), got the unknown command ${JSON.stringify(name)}. See softmax-lab --help.\n`,
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
    const report = describeFailure(e, command.name);
    io.stderr.write(`${report.line}\n`);
    if (debug && report.stack) io.stderr.write(`${report.stack}\n`);
    return report.code;
  }
}
