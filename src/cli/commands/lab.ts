/** `softmax-lab lab`: runs the whole softmax lab in the terminal (what `npm start` runs). */
import type { Command } from '../io.js';

export const labCommand: Command = {
  name: 'lab',
  summary: 'run the softmax lab end to end (what `npm start` does)',
  usage: 'Usage: softmax-lab lab [--seed S] [--epochs N] [--out DIR] [--no-plots]',
  async run(_args, io) {
    io.stdout.write('The softmax lab is being built.\n');
    return 0;
  },
};
