/** Entry point for running the command line from the sources: `npx tsx src/cli/run.ts <command> ...`. */
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
