/**
 * How the command line reports a failure: one line on stderr that says what was expected, what came and where,
 * and an exit code (2 for bad usage or a bad input file, 1 for a failure while working). The stack trace is
 * only for `--debug`.
 *
 * @module
 */

import { SoftmaxLabError } from '../core/errors.js';
import { InputError, UsageError } from './io.js';

/** What the CLI prints and returns for a failure. */
export interface FailureReport {
  /** The one line for stderr, without its newline. */
  line: string;
  /** The process exit code. */
  code: 1 | 2;
  /** The stack trace to print with `--debug`, when there is one. */
  stack: string | undefined;
}

// What the file-system errors users meet mean, in words (Node's own messages name the syscall instead).
const SYSTEM_REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EEXIST: 'a file is in the way (a folder was needed there)',
  ENOTDIR: 'a file is in the way (a folder was needed there)',
  EISDIR: 'a folder (a file was needed there)',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'a read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'a name too long for the file system',
  EBUSY: 'busy (in use by another program)',
};

interface SystemError extends Error {
  code: string;
  syscall?: string;
  path?: string;
  dest?: string;
}

function isSystemError(e: unknown): e is SystemError {
  return e instanceof Error && typeof (e as Partial<SystemError>).code === 'string' && 'syscall' in e;
}

/** Collapses line breaks and runs of spaces so that any message fits on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function withPeriod(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function systemErrorText(e: SystemError): string {
  const reason = SYSTEM_REASONS[e.code];
  // A rename that fails because of its destination names the temporary file as `path`: the user's is `dest`.
  const path = e.code === 'EISDIR' && e.dest ? e.dest : (e.path ?? e.dest);
  const action = e.syscall ? `could not ${e.syscall}` : 'failed';
  if (reason === undefined) return withPeriod(oneLine(e.message));
  return `${path ?? 'a file'}: ${action}: ${reason} (${e.code}).`;
}

/**
 * The report of `error` thrown by command `command`.
 *
 * - {@link UsageError}: `softmax-lab train: <message>. See softmax-lab train --help.` (exit 2)
 * - {@link InputError}: `softmax-lab train: <the file's problem>` (exit 2)
 * - a library error ({@link SoftmaxLabError}): `softmax-lab train: ShapeError: <message>` (exit 1)
 * - a file-system error: `softmax-lab train: <path>: could not <syscall>: <reason> (<CODE>).` (exit 1)
 * - anything else (a bug): `softmax-lab train: error: <message> (run with --debug for the stack trace)` (exit 1)
 */
export function describeFailure(error: unknown, command: string): FailureReport {
  const prefix = `softmax-lab ${command}`;
  const stackOf = (e: unknown) => (e instanceof Error ? e.stack : undefined);
  if (error instanceof UsageError) {
    const line = `${prefix}: ${withPeriod(oneLine(error.message))} See softmax-lab ${command} --help.`;
    return { line, code: 2, stack: stackOf(error) };
  }
  if (error instanceof InputError) {
    return { line: `${prefix}: ${oneLine(error.message)}`, code: 2, stack: stackOf(error.cause) };
  }
  if (error instanceof SoftmaxLabError) {
    return { line: `${prefix}: ${error.name}: ${oneLine(error.message)}`, code: 1, stack: stackOf(error) };
  }
  if (isSystemError(error)) {
    return { line: `${prefix}: ${systemErrorText(error)}`, code: 1, stack: stackOf(error) };
  }
  const name = error instanceof Error && error.name !== 'Error' ? error.name : 'error';
  const message = error instanceof Error ? error.message : String(error);
  return {
    line: `${prefix}: ${name}: ${oneLine(message)} (run with --debug for the stack trace)`,
    code: 1,
    stack: stackOf(error),
  };
}
