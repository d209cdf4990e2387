/**
 * Child process of the interrupted-save test: saves model A, then B, then A, ... into the directory given as
 * the first argument, forever, until it is killed. Prints `ready` once the models are built (the parent
 * starts its random kill delay from there).
 *
 *   node --import tsx test/helpers/save-loop-child.ts DIR
 */
import '../../src/io/register-file-handlers.js';
import { saveLoopModel } from './save-loop-models.js';

const directory = process.argv[2];
if (directory === undefined) throw new Error('usage: save-loop-child.ts DIR');
const models = [saveLoopModel('A'), saveLoopModel('B')];
process.stdout.write('ready\n');
for (let i = 0; ; i++) await models[i % 2]!.save(directory);
