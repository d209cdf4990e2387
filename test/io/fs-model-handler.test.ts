/**
 * The file-system model handler: the atomic save protocol (weights under a new name, then model.json renamed
 * into place, then the old weights removed), interrupted saves, and a ModelFormatError naming the file for
 * every kind of broken model directory.
 */
import { cp, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ModelFormatError } from '../../src/core/errors.js';
import { fileSystemModelHandler } from '../../src/io/fs-model-handler.js';
import { loadModel } from '../../src/io/load-model.js';
import { labX, sameBits, trainedLabModel } from '../helpers/lab-model.js';

const failure = vi.hoisted(() => ({ onCall: 0, calls: 0 }));

vi.mock('../../src/io/atomic-write.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/io/atomic-write.js')>();
  return {
    ...original,
    writeFileAtomic: async (path: string, data: string | Uint8Array) => {
      failure.calls++;
      if (failure.calls === failure.onCall) throw new Error(`simulated crash while writing ${path}`);
      return original.writeFileAtomic(path, data);
    },
  };
});

const fixtures = new URL('../fixtures/models/', import.meta.url).pathname;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'softmax-lab-model-'));
  failure.onCall = 0;
  failure.calls = 0;
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function copyFixture(name: string): Promise<string> {
  const target = join(dir, name);
  await cp(join(fixtures, name), target, { recursive: true });
  return target;
}

async function refusal(path: string): Promise<string> {
  try {
    await loadModel(path);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelFormatError);
    return (e as Error).message;
  }
  return expect.fail('the model loaded');
}

describe('fileSystemModelHandler save', () => {
  it('writes model.json and one uniquely named weights file, and a second save removes the old one', async () => {
    const model = await trainedLabModel();
    const target = join(dir, 'lab');
    await model.save(target);
    const weightsFiles = async () => (await readdir(target)).filter((f) => f !== 'model.json');
    expect(await readdir(target)).toContain('model.json');
    const first = await weightsFiles();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatch(/^model\.[0-9a-z]+-\d+-[0-9a-f]{8}\.weights\.bin$/);
    const json = JSON.parse(await readFile(join(target, 'model.json'), 'utf8'));
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest[0].paths).toEqual(first);
    await model.save(target);
    const second = await weightsFiles();
    expect(second).toHaveLength(1);
    expect(second[0]).not.toBe(first[0]);
    const loaded = await loadModel(target);
    expect(sameBits(loaded.predict(labX).data, model.predict(labX).data)).toBe(true);
  });

  it('leaves the previous model loadable when the save dies before model.json is replaced', async () => {
    const before = await trainedLabModel();
    const target = join(dir, 'lab');
    await before.save(target);
    const after = await trainedLabModel({ normalize: true });
    failure.calls = 0;
    failure.onCall = 2; // the weights are written, the model.json write crashes
    await expect(after.save(target)).rejects.toThrow(/simulated crash while writing .*model\.json/);
    // The weights file of the failed save is removed again: only the old pair is left.
    const json = JSON.parse(await readFile(join(target, 'model.json'), 'utf8'));
    expect((await readdir(target)).sort()).toEqual(['model.json', ...json.weightsManifest[0].paths].sort());
    const loaded = await loadModel(target);
    expect(sameBits(loaded.predict(labX).data, before.predict(labX).data)).toBe(true);
    failure.onCall = 0;
    await after.save(target);
    const reloaded = await loadModel(target);
    expect(sameBits(reloaded.predict(labX).data, after.predict(labX).data)).toBe(true);
  });

  it('saves into a model.json path of any name and creates missing directories', async () => {
    const model = await trainedLabModel();
    const path = join(dir, 'a', 'b', 'digits.json');
    await fileSystemModelHandler(path).save(
      (await import('../../src/model/serialization/to-artifacts.js')).modelToArtifacts(model),
    );
    expect((await readdir(join(dir, 'a', 'b'))).some((f) => f.startsWith('digits.'))).toBe(true);
    expect((await loadModel(path)).layers).toHaveLength(3);
  });
});

describe('fileSystemModelHandler load errors', () => {
  it('names a missing weights file', async () => {
    const m = await copyFixture('keras2-converter');
    await rm(join(m, 'group2-shard3of3.bin'));
    expect(await refusal(m)).toMatch(
      /model\.json: weights file "group2-shard3of3\.bin": expected a file next to model\.json, got no such file/,
    );
  });

  it('names a truncated weights file with the byte counts', async () => {
    const m = await copyFixture('keras2-converter');
    await truncate(join(m, 'group1-shard2of2.bin'), 4);
    expect(await refusal(m)).toMatch(
      /expected 176 bytes for the 4 weights in weightsManifest, got 140 bytes in group1-shard1of2\.bin, .*truncated/,
    );
  });

  it('names extra bytes and a manifest that does not match the topology', async () => {
    const m = await copyFixture('keras2-converter');
    await writeFile(join(m, 'group1-shard2of2.bin'), new Uint8Array(44));
    expect(await refusal(m)).toMatch(/does not belong/);
    const n = await copyFixture('keras3-converter');
    const json = JSON.parse(await readFile(join(n, 'model.json'), 'utf8'));
    json.weightsManifest[0].weights[1].shape = [4];
    json.weightsManifest[0].weights[3].shape = [5];
    await writeFile(join(n, 'model.json'), JSON.stringify(json));
    expect(await refusal(n)).toMatch(
      /"sequential\/dense\/bias:0": expected shape \[5\] for dense\/bias, got shape \[4\]/,
    );
  });

  it('names invalid JSON, an empty file, a JSON that is not a model and a directory without model.json', async () => {
    const m = await copyFixture('quantized');
    await writeFile(join(m, 'model.json'), '{"modelTopology": ');
    expect(await refusal(m)).toMatch(/model\.json: expected valid JSON, got a parse error/);
    await writeFile(join(m, 'model.json'), '');
    expect(await refusal(m)).toMatch(/The file is empty/);
    await writeFile(join(m, 'model.json'), '{"hello": 1}');
    expect(await refusal(m)).toMatch(/expected a TF\.js model\.json.*got an object with keys hello/);
    expect(await refusal(dir)).toMatch(/got no file .*model\.json/);
  });

  it('refuses weight paths that leave the model directory', async () => {
    const m = await copyFixture('quantized');
    const json = JSON.parse(await readFile(join(m, 'model.json'), 'utf8'));
    json.weightsManifest[0].paths[0] = '../../etc/passwd';
    await writeFile(join(m, 'model.json'), JSON.stringify(json));
    expect(await refusal(m)).toMatch(
      /"\.\.\/\.\.\/etc\/passwd": expected a file name relative to the model\.json directory/,
    );
  });
});
