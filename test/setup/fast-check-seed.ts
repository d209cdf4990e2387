/**
 * One fixed fast-check seed for the whole suite, so that `npm test` (and CI) runs the same generated cases
 * every time: a property that fails does so on every run, with the case to reproduce it, never by luck
 * of the draw. To explore other cases, set `FC_SEED` to a number, or to `random` for a fresh seed each
 * run (fast-check prints the seed of any failure). `npm run fuzz` is where the long random runs live.
 */
import fc from 'fast-check';

const FIXED_SEED = 20261128;

const fromEnv = process.env.FC_SEED;
if (fromEnv !== 'random') {
  const seed = fromEnv === undefined || fromEnv === '' ? FIXED_SEED : Number(fromEnv);
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED: expected an integer or "random", got "${fromEnv}"`);
  fc.configureGlobal({ seed });
}
