import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileAtomicSync } from '../../src/io/atomic-write.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atomic-write-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const leftovers = (d: string) => readdirSync(d).filter((name) => name.endsWith('.tmp'));

const variants = [
  { name: 'writeFileAtomic', write: (p: string, d: string | Uint8Array) => writeFileAtomic(p, d) },
  {
    name: 'writeFileAtomicSync',
    write: async (p: string, d: string | Uint8Array) => writeFileAtomicSync(p, d),
  },
];

describe.each(variants)('$name', ({ write }) => {
  it('creates the file and any missing parent directories', async () => {
    const target = join(dir, 'out', 'nested', 'report.html');
    await write(target, '<p>hello</p>');
    expect(readFileSync(target, 'utf8')).toBe('<p>hello</p>');
    expect(leftovers(join(dir, 'out', 'nested'))).toEqual([]);
  });

  it('replaces the content of an existing file, bytes included', async () => {
    const target = join(dir, 'picture.png');
    writeFileSync(target, 'old content that is longer than the new one');
    await write(target, Uint8Array.of(0x89, 0x50, 0x4e, 0x47));
    expect(Array.from(readFileSync(target))).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(readdirSync(dir)).toEqual(['picture.png']);
  });

  it('leaves the old file intact and no temporary file when writing fails midway', async () => {
    const target = join(dir, 'history.json');
    writeFileSync(target, '{"loss":[0.7794]}');
    // Data of the wrong type fails after the temporary file was opened, before the rename.
    const bad = { not: 'writable' } as unknown as string;
    await expect(write(target, bad)).rejects.toThrow();
    expect(readFileSync(target, 'utf8')).toBe('{"loss":[0.7794]}');
    expect(readdirSync(dir)).toEqual(['history.json']);
  });

  it('fails on a directory path without touching it or leaving a temporary file', async () => {
    const target = join(dir, 'already-a-directory');
    fs.mkdirSync(target);
    writeFileSync(join(target, 'inside.txt'), 'keep me');
    await expect(write(target, 'data')).rejects.toThrow();
    expect(readFileSync(join(target, 'inside.txt'), 'utf8')).toBe('keep me');
    expect(leftovers(dir)).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('keeps the permission bits of the file it replaces', async () => {
    const target = join(dir, 'run.sh');
    writeFileSync(target, 'old');
    fs.chmodSync(target, 0o750);
    await write(target, 'new');
    expect(fs.statSync(target).mode & 0o777).toBe(0o750);
  });
});

describe('writeFileAtomic under concurrency', () => {
  it('lets simultaneous writers to one path each finish, leaving one complete version', async () => {
    const target = join(dir, 'shared.txt');
    const contents = Array.from({ length: 8 }, (_, i) => `version ${i} `.repeat(1000));
    await Promise.all(contents.map((c) => writeFileAtomic(target, c)));
    expect(contents).toContain(readFileSync(target, 'utf8'));
    expect(leftovers(dir)).toEqual([]);
  });
});
