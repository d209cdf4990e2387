/**
 * Bad inputs to the text formatters (Progbar, epochHeader, formatSummary): refused with a typed error, and a
 * bar width or step count can never make a line gigabytes long.
 */
import { describe, expect, it } from 'vitest';
import { DataError, epochHeader, formatSummary, Progbar } from '../../src/index.js';
import { refuses } from './refusals.js';

const sink = { write: () => true };
const layer = { name: 'dense', className: 'Dense', outputShape: [null, 2], params: 6 };
const summary = { modelName: 'm', layers: [layer], trainableParams: 6, nonTrainableParams: 0 };

describe('Progbar', () => {
  refuses([
    ...(
      [
        ['0', 0],
        ['-1', -1],
        ['1.5', 1.5],
        ['NaN', Number.NaN],
        ['the string "10"', '10'],
      ] as [string, unknown][]
    ).map(([what, target]) => ({
      name: `target ${what}`,
      run: () => new Progbar(target as number, { sink }),
      error: DataError,
      message: /^Progbar target: expected a positive integer, got .+\.$/,
    })),
    {
      name: 'width 1e9 (a line of a gigabyte)',
      run: () => new Progbar(10, { sink, width: 1e9 }),
      error: DataError,
      message: /^Progbar width: expected an integer from 1 to 1000, got 1000000000\.$/,
    },
    {
      name: 'width 0',
      run: () => new Progbar(10, { sink, width: 0 }),
      error: DataError,
      message: /^Progbar width: expected an integer from 1 to 1000, got 0\.$/,
    },
    {
      name: 'verbose 3',
      run: () => new Progbar(10, { sink, verbose: 3 as never }),
      error: DataError,
      message: /^Progbar verbose: expected 0, 1 or 2, got 3\.$/,
    },
    {
      name: 'a negative interval',
      run: () => new Progbar(10, { sink, interval: -1 }),
      error: DataError,
      message: /^Progbar interval: expected a number of seconds >= 0, got -1\.$/,
    },
    {
      name: 'a sink without write()',
      run: () => new Progbar(10, { sink: {} as never }),
      error: DataError,
      message:
        /^Progbar sink: expected a stream or an object with a write\(text\) method, got an object \(Object\)\.$/,
    },
    {
      name: 'a clock that is not a function',
      run: () => new Progbar(10, { sink, now: 5 as never }),
      error: DataError,
      message: /^Progbar now: expected a function, got 5\.$/,
    },
    {
      name: 'the Keras name stateful_metrics',
      run: () => new Progbar(10, { sink, stateful_metrics: [] } as never),
      error: DataError,
      message:
        /^Progbar options: expected only width, verbose, interval, sink, now, got the unknown option "stateful_metrics"\.$/,
    },
    {
      name: 'update with NaN',
      run: () => new Progbar(10, { sink }).update(Number.NaN),
      error: DataError,
      message: /^Progbar\.update current: expected a finite step number >= 0, got NaN\.$/,
    },
    {
      name: 'update with Infinity',
      run: () => new Progbar(10, { sink }).update(Number.POSITIVE_INFINITY),
      error: DataError,
      message: /got Infinity/,
    },
    {
      name: 'update with values that are not a list',
      run: () => new Progbar(10, { sink }).update(1, { loss: 0.5 } as never),
      error: DataError,
      message:
        /^Progbar\.update values: expected a list of \[name, value\] pairs like \[\['loss', 0\.5\]\], got an object \(Object\)\.$/,
    },
    {
      name: 'update with a value that is a string',
      run: () => new Progbar(10, { sink }).update(1, [['loss', '0.5' as never]]),
      error: DataError,
      message:
        /^Progbar\.update values: expected \[name, value\] pairs like \['loss', 0\.5\], got an array of length 2 \(at index 0\)\.$/,
    },
  ]);

  it('draws a full bar, not a longer one, for a step past the target (1e12 of 10)', () => {
    const lines: string[] = [];
    const bar = new Progbar(10, { sink: { write: (s: string) => lines.push(s) }, now: () => 0 });
    bar.update(1e12);
    expect(lines.join('')).toMatch(/^1000000000000\/10 \[={30}\]/);
    expect(lines.join('').length).toBeLessThan(200);
  });
});

describe('epochHeader and formatSummary', () => {
  refuses([
    {
      name: 'epochHeader with a negative epoch',
      run: () => epochHeader(-1, 3),
      error: DataError,
      message: /^epochHeader: expected integers epoch >= 0 and epochs >= 0, got epoch=-1, epochs=3\.$/,
    },
    {
      name: 'epochHeader with NaN epochs',
      run: () => epochHeader(0, Number.NaN),
      error: DataError,
      message: /got epoch=0, epochs=NaN/,
    },
    {
      name: 'formatSummary(null)',
      run: () => formatSummary(null as never),
      error: DataError,
      message:
        /^formatSummary: expected \{ modelName, layers: \[\.\.\.\], trainableParams, nonTrainableParams \}, got null\.$/,
    },
    {
      name: 'formatSummary with layers that are not a list',
      run: () => formatSummary({ ...summary, layers: 'dense' as never }),
      error: DataError,
      message: /got layers the string "dense"/,
    },
    {
      name: 'formatSummary with a layer name that is a number',
      run: () => formatSummary({ ...summary, layers: [{ ...layer, name: 3 as never }] }),
      error: DataError,
      message: /^formatSummary layers\[0\]\.name: expected a string, got 3\.$/,
    },
    {
      name: 'formatSummary with an output shape that is a string',
      run: () =>
        formatSummary({ ...summary, layers: [layer, { ...layer, outputShape: '(None, 2)' as never }] }),
      error: DataError,
      message:
        /^formatSummary layers\[1\]\.outputShape: expected null or a list of sizes .*, got the string "\(None, 2\)"\.$/,
    },
    {
      name: 'formatSummary with a negative parameter count',
      run: () => formatSummary({ ...summary, layers: [{ ...layer, params: -6 }] }),
      error: DataError,
      message: /^formatSummary layers\[0\]\.params: expected a non-negative integer, got -6\.$/,
    },
    {
      name: 'formatSummary with NaN trainable parameters',
      run: () => formatSummary({ ...summary, trainableParams: Number.NaN }),
      error: DataError,
      message: /^formatSummary trainableParams: expected a non-negative integer, got NaN\.$/,
    },
    {
      name: 'formatSummary without a model name',
      run: () => formatSummary({ ...summary, modelName: undefined as never }),
      error: DataError,
      message: /^formatSummary modelName: expected a string, got undefined\.$/,
    },
  ]);
});
