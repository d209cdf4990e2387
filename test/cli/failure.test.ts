import { describe, expect, it } from 'vitest';
import { describeFailure, oneLine } from '../../src/cli/failure.js';
import { InputError, UsageError } from '../../src/cli/io.js';
import { LabelError, ModelFormatError, TrainingDivergedError } from '../../src/core/errors.js';

function systemError(code: string, syscall: string, path: string, dest?: string): Error {
  return Object.assign(new Error(`${code}: something, ${syscall} '${path}'`), { code, syscall, path, dest });
}

describe('describeFailure', () => {
  it('reports a usage error with a pointer to --help, exit 2', () => {
    const report = describeFailure(new UsageError('--epochs expects an integer, got "x"'), 'train');
    expect(report).toMatchObject({
      line: 'softmax-lab train: --epochs expects an integer, got "x". See softmax-lab train --help.',
      code: 2,
    });
  });

  it('reports a bad input file with the library message alone and the stack of the library error, exit 2', () => {
    const cause = new ModelFormatError({
      subject: 'x.csv',
      expected: 'a number',
      got: '"a"',
      where: 'line 2',
    });
    const report = describeFailure(new InputError(cause), 'predict');
    expect(report.line).toBe('softmax-lab predict: x.csv: expected a number, got "a" (at line 2).');
    expect(report.code).toBe(2);
    expect(report.stack).toBe(cause.stack);
  });

  it('names the class of a library error while working, exit 1', () => {
    const report = describeFailure(new TrainingDivergedError('Training diverged: NaN.', 1, 2), 'train');
    expect(report).toMatchObject({
      line: 'softmax-lab train: TrainingDivergedError: Training diverged: NaN.',
      code: 1,
    });
  });

  it('says in words what a file-system error means, with the path the user gave', () => {
    const cases: [Error, string][] = [
      [
        systemError('ENOSPC', 'write', '/data/m.onnx'),
        '/data/m.onnx: could not write: no space left on the device (ENOSPC).',
      ],
      [systemError('EACCES', 'open', '/root/x'), '/root/x: could not open: permission denied (EACCES).'],
      [
        systemError('EEXIST', 'mkdir', '/tmp/a'),
        '/tmp/a: could not mkdir: a file is in the way (a folder was needed there) (EEXIST).',
      ],
      [
        systemError('EISDIR', 'rename', '/tmp/.x.tmp', '/tmp/x'),
        '/tmp/x: could not rename: a folder (a file was needed there) (EISDIR).',
      ],
      [
        systemError('EROFS', 'open', '/mnt/ro/m.json'),
        '/mnt/ro/m.json: could not open: a read-only file system (EROFS).',
      ],
      [systemError('EWEIRD', 'open', '/x'), "EWEIRD: something, open '/x'."],
    ];
    for (const [error, text] of cases) {
      expect(describeFailure(error, 'export-onnx')).toMatchObject({
        line: `softmax-lab export-onnx: ${text}`,
        code: 1,
      });
    }
  });

  it('reports an unexpected error (a bug) in one line that points to --debug, exit 1', () => {
    const report = describeFailure(new TypeError("Cannot read properties of undefined (reading 'x')"), 'lab');
    expect(report.line).toBe(
      "softmax-lab lab: TypeError: Cannot read properties of undefined (reading 'x') (run with --debug for the stack trace)",
    );
    expect(report.code).toBe(1);
    expect(report.stack).toMatch(/^TypeError/);
    expect(describeFailure('a string', 'lab').line).toBe(
      'softmax-lab lab: error: a string (run with --debug for the stack trace)',
    );
  });

  it('keeps every report on one line, whatever the message holds', () => {
    const error = new LabelError('first line\n  second line\r\nthird');
    expect(describeFailure(error, 'train').line).toBe(
      'softmax-lab train: LabelError: first line second line third',
    );
    expect(oneLine(' a \n\n b ')).toBe('a b');
  });
});
