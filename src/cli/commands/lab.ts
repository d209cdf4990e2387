/** `softmax-lab lab`: runs the whole softmax lab in the terminal (what `npm start` runs). */
import { resolve } from 'node:path';
import { intFlag, parseFlags } from '../args.js';
import { type Command, UsageError } from '../io.js';
import { runLab } from '../lab/run-lab.js';
import { checkOutputPath } from '../output-paths.js';

const usage = `Usage: softmax-lab lab [--seed S] [--epochs N] [--out DIR] [--no-plots]

Runs the classic softmax lab end to end: softmax (stable and naive), the cross-entropy loss and cost,
the make_blobs data set, the "obvious" model (softmax output) and the "preferred" one (logits), sparse vs
one-hot targets, and a measured reason to prefer logits. Writes pictures and an HTML report.

Options:
  --seed S      seed of the models' random stream: initial weights and shuffles (default 1234)
  --epochs N    training epochs for each model (default 10)
  --out DIR     folder for softmax.svg, data.svg, decision-regions.svg, loss.svg, report.html (default out)
  --no-plots    do not write any file
  -h, --help    show this help`;

export const labCommand: Command = {
  name: 'lab',
  summary: 'run the softmax lab end to end (what `npm start` does)',
  usage,
  async run(args, io) {
    const { values } = parseFlags(args, {
      seed: { type: 'string' },
      epochs: { type: 'string' },
      out: { type: 'string' },
      plots: { type: 'boolean' },
    });
    const seed = intFlag(values.seed, '--seed', 0, 4294967295) ?? 1234;
    const epochs = intFlag(values.epochs, '--epochs', 1, 10000) ?? 10;
    if (values.plots === true)
      throw new UsageError('--plots is the default; use --no-plots to skip the pictures');
    const outDir = values.plots === false ? undefined : ((values.out as string | undefined) ?? 'out');
    if (outDir === '') throw new UsageError('--out expects a folder name');
    if (outDir !== undefined) await checkOutputPath(resolve(io.cwd, outDir), '--out', 'folder');
    await runLab({ seed, epochs, outDir }, io);
    return 0;
  },
};
