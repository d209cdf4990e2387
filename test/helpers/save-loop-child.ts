/**
 * Child process of the interrupted-save test: saves model FIRST (A or B) into the directory given as the
 * first argument, prints `ready` (the parent starts its random kill delay from there), then saves the other
 * model, then FIRST again, ... forever, until it is killed.
 *
 *   node --import tsx test/helpers/save-loop-child.ts DIR [A|B]
 */
import '../../src/io/register-file-handlers.js';
import { saveLoopModel } from './save-loop-models.js';

const [directory, first = 'A'] = process.argv.slice(2);
if (directory === undefined || (first !== 'A' && first !== 'B')) {
  throw new Error('usage: save-loop-child.ts DIR [A|B]');
}
const models =
  first === 'A' ? [saveLoopModel('A'), saveLoopModel('B')] : [saveLoopModel('B'), saveLoopModel('A')];
await models[0]!.save(directory);
process.stdout.write('ready\n');
for (let i = 1; ; i++) await models[i % 2]!.save(directory);
