#!/usr/bin/env node
// The published entry point: runs the compiled command line (built to dist/ by `npm run build`, which `npm ci` runs).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
