/**
 * What a command needs from the outside world, so commands run the same in a terminal and in tests.
 *
 * @module
 */

/** Where a command writes. `isTTY` decides between redrawn progress bars and one line per update. */
export interface CliIO {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown };
  /** Working directory for relative paths. */
  cwd: string;
}

let pipeGuardInstalled = false;

/**
 * The real process streams. A reader that goes away early (`softmax-lab blobs | head`) closes the pipe: that
 * ends the command quietly instead of crashing Node with an EPIPE error.
 */
export function processIO(): CliIO {
  if (!pipeGuardInstalled) {
    pipeGuardInstalled = true;
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
}

/** A bad flag or argument: the CLI prints the message and the command's usage, and exits with code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * A problem with an input the user named (a missing, unreadable or malformed file, data that does not fit the
 * model): the CLI prints the cause's message on one line and exits with code 2, like a bad flag.
 */
export class InputError extends Error {
  /** The library error that describes the problem. */
  override readonly cause: Error;

  constructor(cause: Error) {
    super(cause.message);
    this.name = 'InputError';
    this.cause = cause;
  }
}

/** One subcommand of `softmax-lab`. */
export interface Command {
  /** The word after `softmax-lab`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The full `--help` text. */
  usage: string;
  /** Runs the command; resolves to the process exit code. Throws {@link UsageError} for bad flags. */
  run(args: string[], io: CliIO): Promise<number>;
}
