/** The package version, read from package.json next to the compiled code or the sources. */
import { readFileSync } from 'node:fs';

const pkgUrl = new URL('../../package.json', import.meta.url);

/** `softmax-lab --version` prints this. */
export const version: string = (JSON.parse(readFileSync(pkgUrl, 'utf8')) as { version: string }).version;
