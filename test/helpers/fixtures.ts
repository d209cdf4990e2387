/** Reads JSON fixtures copied into test/fixtures (never from the shared reference folder outside the repo). */
import { readFileSync } from 'node:fs';

export function readFixture<T>(relativePath: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${relativePath}`, import.meta.url), 'utf8')) as T;
}
