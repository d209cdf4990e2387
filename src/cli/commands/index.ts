/** The list of subcommands, in the order `softmax-lab --help` shows them. One file per command. */
import type { Command } from '../io.js';
import { blobsCommand } from './blobs.js';
import { evaluateCommand } from './evaluate.js';
import { exportOnnxCommand } from './export-onnx.js';
import { labCommand } from './lab.js';
import { predictCommand } from './predict.js';
import { trainCommand } from './train.js';

export const commands: Command[] = [
  labCommand,
  blobsCommand,
  trainCommand,
  predictCommand,
  evaluateCommand,
  exportOnnxCommand,
];
