/**
 * The streamed atomic writer: the target changes only at commit (whatever was written before), abort and
 * failures leave it and its directory as they were, and a replaced file keeps its permission bits.
 */
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAtomicFile } from '../../src/io/atomic-stream.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atomic-stream-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('openAtomicFile', () => {
  it('keeps the old content until commit, then has exactly the new content and no temporary file', async () => {
    const target = join(dir, 'predictions.csv');
    writeFileSync(target, 'old\n');
    const out = await openAtomicFile(target);
    const lines = Array.from({ length: 50_000 }, (_, i) => `${i % 4},0.25\n`);
    for (const line of lines) await out.write(line);
    // Well past the writer's internal buffer: the temporary file has grown, the target has not.
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toHaveLength(2);
    await out.commit();
    expect(readFileSync(target, 'utf8')).toBe(lines.join(''));
    expect(readdirSync(dir)).toEqual(['predictions.csv']);
  });

  it('abort leaves the old file and removes the temporary one; writing afterwards is refused', async () => {
    const target = join(dir, 'out', 'nested', 'report.csv');
    const out = await openAtomicFile(target);
    await out.write('partial');
    await out.abort();
    await out.abort();
    expect(readdirSync(join(dir, 'out', 'nested'))).toEqual([]);
    await expect(out.write('more')).rejects.toThrow(/already aborted/);
    await expect(out.commit()).rejects.toThrow(/already aborted/);
  });

  it('fails on a directory path without touching it, leaving no temporary file', async () => {
    const target = join(dir, 'a-directory');
    fs.mkdirSync(target);
    writeFileSync(join(target, 'inside.txt'), 'keep me');
    const out = await openAtomicFile(target);
    await out.write('data');
    await expect(out.commit()).rejects.toThrow();
    expect(readFileSync(join(target, 'inside.txt'), 'utf8')).toBe('keep me');
    expect(readdirSync(dir)).toEqual(['a-directory']);
  });

  it.skipIf(process.platform === 'win32')('keeps the permission bits of the file it replaces', async () => {
    const target = join(dir, 'shared.csv');
    writeFileSync(target, 'old');
    fs.chmodSync(target, 0o640);
    const out = await openAtomicFile(target);
    await out.write('new');
    await out.commit();
    expect(fs.statSync(target).mode & 0o777).toBe(0o640);
    expect(readFileSync(target, 'utf8')).toBe('new');
  });
});
