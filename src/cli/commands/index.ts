/** The list of subcommands, in the order `softmax-lab --help` shows them. One file per command. */
import type { Command } from '../io.js';
import { blobsCommand } from './blobs.js';
import { labCommand } from './lab.js';

export const commands: Command[] = [labCommand, blobsCommand];
