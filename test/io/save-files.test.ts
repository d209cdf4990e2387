/**
 * Clean-up of what interrupted saves leave: only our own file names, only when the writer is gone and the
 * file is stale, never a file model.json lists, never someone else's file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newWeightsFileName, removeStaleSaveFiles, STALE_AFTER_MS } from '../../src/io/save-files.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'softmax-lab-save-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited. */
function deadPid(): number {
  const done = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(done.stdout);
}

async function put(name: string, ageMs: number): Promise<void> {
  await writeFile(join(dir, name), 'x');
  const when = new Date(Date.now() - ageMs);
  await utimes(join(dir, name), when, when);
}

describe('newWeightsFileName', () => {
  it('names the stem, the time, this process and 8 random hex digits, differently each call', () => {
    const a = newWeightsFileName('/m/digits.json');
    expect(a).toMatch(new RegExp(`^digits\\.[0-9a-z]+-${process.pid}-[0-9a-f]{8}\\.weights\\.bin$`));
    expect(newWeightsFileName('/m/digits.json')).not.toBe(a);
  });
});

describe('removeStaleSaveFiles', () => {
  it('removes stale weights and temporaries of a dead writer, and keeps what model.json lists', async () => {
    const pid = deadPid();
    const old = STALE_AFTER_MS + 1000;
    const listed = `model.abc-${pid}-0123abcd.weights.bin`;
    await writeFile(
      join(dir, 'model.json'),
      JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: [listed], weights: [] }] }),
    );
    const orphans = [
      `model.abd-${pid}-89abcdef.weights.bin`,
      `.model.json.${pid}.0123456789ab.tmp`,
      `.model.abe-${pid}-00000000.weights.bin.${pid}.0123456789ab.tmp`,
    ];
    for (const name of [listed, ...orphans]) await put(name, old);
    const removed = await removeStaleSaveFiles(dir, join(dir, 'model.json'));
    expect(removed.sort()).toEqual([...orphans].sort());
    expect((await readdir(dir)).sort()).toEqual([listed, 'model.json'].sort());
  });

  it('keeps fresh files, files of a running writer, and files that are not its own', async () => {
    const pid = deadPid();
    const old = STALE_AFTER_MS + 1000;
    await put(`model.abd-${pid}-89abcdef.weights.bin`, 1000); // fresh
    await put(`model.abd-${process.pid}-89abcdef.weights.bin`, old); // this process is running
    await put('group1-shard1of1.bin', old); // TF.js's name
    await put(`other.abd-${pid}-89abcdef.weights.bin`, old); // another model's stem
    await put(`model.abd-89abcdef.weights.bin`, old); // no pid: we cannot know the writer
    await put(`.notes.txt.${pid}.0123456789ab.tmp`, old); // someone else's temporary
    const before = (await readdir(dir)).sort();
    expect(await removeStaleSaveFiles(dir, join(dir, 'model.json'))).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual(before);
  });

  it('does nothing, and does not throw, for a directory that is gone', async () => {
    expect(await removeStaleSaveFiles(join(dir, 'missing'), join(dir, 'missing', 'model.json'))).toEqual([]);
  });
});
