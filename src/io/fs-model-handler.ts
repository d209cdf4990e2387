/**
 * The file-system IO handler for TF.js Layers models (what `model.save(dir)` and `loadModel(dir)` use in
 * Node): `model.json` plus one weights file, in the layout tfjs-node writes and reads.
 *
 * Saving is atomic for the pair of files. The weights go to a new, uniquely named file first; then
 * `model.json`, pointing at it, is written to a temporary file and renamed over the old one (the commit
 * point); only then are the weight files the previous `model.json` listed removed. A save interrupted at any
 * step, the process killed included, leaves a directory whose `model.json` loads (the old model, or the new
 * one), at worst with an unreferenced weights or temporary file, which a later save removes once it is
 * stale (see `save-files.ts`). `test/io/fs-model-handler.crash.test.ts` kills a saving process at random
 * moments to check this.
 *
 * Loading reads `model.json`, checks its manifest against the sizes of the weight files before reading them,
 * and hands TF.js-style artifacts to the model code. A load that races a save in another process (the
 * weights it was told about removed under it) reads the new `model.json` and tries again. Every problem is a
 * `ModelFormatError` that names the file and what is wrong.
 *
 * @module
 */

import { readFile, rm, stat } from 'node:fs/promises';
import { isAbsolute, join, normalize, relative } from 'node:path';
import { DataError, describeValue, ModelFormatError } from '../core/errors.js';
import { preview, printable, quoted, singleLine } from '../core/printable.js';
import {
  artifactsInfo,
  type IOHandler,
  LAYERS_MODEL_FORMAT,
  type ModelArtifacts,
  type SaveResult,
  type WeightsManifestEntry,
  type WeightsManifestGroup,
} from '../model/serialization/artifacts.js';
import { manifestByteLength } from '../model/serialization/weight-data.js';
import { writeFileAtomic } from './atomic-write.js';
import { modelJsonLocation } from './model-paths.js';
import { newWeightsFileName, removeStaleSaveFiles } from './save-files.js';

/** Largest `model.json` we read (it holds the topology and metadata, not the weights). */
const MAX_JSON_BYTES = 256 * 1024 * 1024;

/** Reads of model.json a load makes when saves keep replacing it under the load. */
const MAX_LOAD_ATTEMPTS = 5;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function errorCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

/** Why a file could not be read, short: the error code (the message repeats the path, which may be huge). */
function ioReason(e: unknown): string {
  return errorCode(e) ?? singleLine((e as Error).message, 100);
}

/** File names for a message: at most five, printable. */
function fileList(names: string[]): string {
  if (names.length === 0) return 'no files';
  const shown = names.slice(0, 5).map((n) => printable(n, 60));
  return names.length > 5 ? `${shown.join(', ')} and ${names.length - 5} more` : shown.join(', ');
}

/** A weights path from a manifest, resolved inside `directory`; paths that leave it are refused. */
function weightsFilePath(directory: string, path: unknown, jsonPath: string): string {
  if (typeof path !== 'string' || path === '') {
    throw new ModelFormatError({
      subject: `${jsonPath}: weightsManifest paths`,
      expected: 'file names',
      got: preview(path),
    });
  }
  const inside = normalize(path);
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || isAbsolute(inside) || inside.split(/[\\/]/).includes('..')) {
    throw new ModelFormatError({
      subject: `${jsonPath}: weightsManifest path ${quoted(path)}`,
      expected: 'a file name relative to the model.json directory',
      got: 'a path outside it',
    });
  }
  return join(directory, inside);
}

/** The manifest groups of a parsed model.json, checked. */
function manifestOf(json: Json, jsonPath: string): WeightsManifestGroup[] {
  const manifest = json.weightsManifest ?? [];
  if (
    !Array.isArray(manifest) ||
    manifest.some((g) => !isObject(g) || !Array.isArray(g.paths) || !Array.isArray(g.weights))
  ) {
    throw new ModelFormatError({
      subject: `${jsonPath}: weightsManifest`,
      expected: 'a list of {"paths": [...], "weights": [...]} groups',
      got: preview(manifest, 80),
    });
  }
  for (const group of manifest as WeightsManifestGroup[]) {
    for (const w of group.weights) {
      if (
        !isObject(w) ||
        typeof w.name !== 'string' ||
        !Array.isArray(w.shape) ||
        typeof w.dtype !== 'string'
      ) {
        throw new ModelFormatError({
          subject: `${jsonPath}: weightsManifest entry`,
          expected: '{"name", "shape", "dtype"}',
          got: preview(w, 80),
        });
      }
    }
  }
  return manifest as WeightsManifestGroup[];
}

/** Reads and parses a model.json; `text` is what was read, to notice a later replacement. */
async function readModelJson(jsonPath: string, given: string): Promise<{ json: Json; text: string }> {
  let size: number;
  try {
    const info = await stat(jsonPath);
    if (info.isDirectory()) {
      throw new ModelFormatError({ subject: jsonPath, expected: 'a model.json file', got: 'a directory' });
    }
    // A pipe or a device would block the read (or never end).
    if (!info.isFile()) {
      throw new ModelFormatError({
        subject: jsonPath,
        expected: 'a model.json file',
        got: 'not a regular file',
      });
    }
    size = info.size;
  } catch (e) {
    if (e instanceof ModelFormatError) throw e;
    const missing = errorCode(e) === 'ENOENT';
    throw new ModelFormatError({
      subject: given,
      expected: 'a model directory with a model.json, or the path of a model.json',
      got: missing ? `no file ${jsonPath}` : `an unreadable file (${ioReason(e)})`,
    });
  }
  if (size > MAX_JSON_BYTES) {
    throw new ModelFormatError({
      subject: jsonPath,
      expected: `a model.json of at most ${MAX_JSON_BYTES} bytes`,
      got: `${size} bytes`,
    });
  }
  let parsed: unknown;
  let text = '';
  try {
    text = await readFile(jsonPath, 'utf8');
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ModelFormatError({
      subject: jsonPath,
      expected: 'valid JSON',
      got: `a parse error (${singleLine((e as Error).message)})`,
      hint: size === 0 ? 'The file is empty.' : undefined,
    });
  }
  if (!isObject(parsed) || parsed.modelTopology === undefined) {
    throw new ModelFormatError({
      subject: jsonPath,
      expected: 'a TF.js model.json (an object with modelTopology and weightsManifest)',
      got: isObject(parsed)
        ? `an object with keys ${Object.keys(parsed)
            .slice(0, 6)
            .map((k) => printable(k, 30))
            .join(', ')}`
        : typeof parsed,
    });
  }
  return { json: parsed, text };
}

/** Reads the weight files of a manifest after checking their total size against it. */
async function readWeights(
  groups: WeightsManifestGroup[],
  directory: string,
  jsonPath: string,
): Promise<ArrayBuffer[]> {
  // The path is checked (a string inside the folder) before it is used as a name: String() of a
  // 100,000-deep array from the file overflowed the stack.
  const files = groups.flatMap((g) =>
    g.paths.map((p) => {
      const path = weightsFilePath(directory, p, jsonPath);
      return { name: p as string, path };
    }),
  );
  const entries = groups.flatMap((g) => g.weights);
  const expected = manifestByteLength(entries, jsonPath);
  let total = 0;
  for (const file of files) {
    let got: string | undefined;
    try {
      const info = await stat(file.path);
      // A directory ('.') or a pipe is no weights file, whatever its size says (a pipe would block the read).
      if (info.isFile()) total += info.size;
      else got = info.isDirectory() ? 'a directory' : 'not a regular file';
    } catch (e) {
      got = errorCode(e) === 'ENOENT' ? 'no such file' : `an unreadable file (${ioReason(e)})`;
    }
    if (got !== undefined) {
      throw new ModelFormatError({
        subject: `${jsonPath}: weights file ${quoted(file.name)}`,
        expected: 'a file next to model.json',
        got,
      });
    }
  }
  if (total !== expected) {
    throw new ModelFormatError({
      subject: `${jsonPath}: weights`,
      expected: `${expected} bytes for the ${entries.length} weights in weightsManifest`,
      got: `${total} bytes in ${fileList(files.map((f) => f.name))}`,
      hint:
        total < expected
          ? 'A weights file is truncated.'
          : 'A weights file does not belong to this model.json.',
    });
  }
  const buffers: ArrayBuffer[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file.path);
    } catch (e) {
      throw new ModelFormatError({
        subject: `${jsonPath}: weights file ${quoted(file.name)}`,
        expected: 'a readable file next to model.json',
        got: errorCode(e) === 'ENOENT' ? 'no such file' : `an unreadable file (${ioReason(e)})`,
      });
    }
    buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  }
  return buffers;
}

/** File names a previous model.json listed, if there is one we can read. */
async function previousWeightFiles(jsonPath: string, directory: string): Promise<string[]> {
  try {
    const json = JSON.parse(await readFile(jsonPath, 'utf8')) as Json;
    return manifestOf(json, jsonPath).flatMap((g) =>
      g.paths.map((p) => weightsFilePath(directory, p, jsonPath)),
    );
  } catch {
    return [];
  }
}

function concatenated(data: ArrayBuffer | ArrayBuffer[] | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  if (!Array.isArray(data)) return new Uint8Array(data);
  const out = new Uint8Array(data.reduce((n, b) => n + b.byteLength, 0));
  let offset = 0;
  for (const b of data) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out;
}

/**
 * A TF.js-style handler for the model at `path` (a directory, or a `.json` file path).
 *
 * @example
 * const model = await loadModel(fileSystemModelHandler('models/digits'));
 */
export function fileSystemModelHandler(path: string): IOHandler & {
  save(artifacts: ModelArtifacts): Promise<SaveResult>;
  load(): Promise<ModelArtifacts>;
} {
  if (typeof path !== 'string' || path === '') {
    throw new DataError({
      subject: 'fileSystemModelHandler',
      expected: 'a non-empty path to a model folder or model.json',
      got: describeValue(path),
    });
  }
  const { jsonPath, directory } = modelJsonLocation(path);
  return {
    async save(artifacts: ModelArtifacts): Promise<SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw new ModelFormatError({
          subject: `save ${jsonPath}`,
          expected: 'a layers model topology (JSON)',
          got: 'a binary GraphDef',
        });
      }
      const previous = await previousWeightFiles(jsonPath, directory);
      const weightsName = newWeightsFileName(jsonPath);
      const current = join(directory, weightsName);
      const weightSpecs: WeightsManifestEntry[] = artifacts.weightSpecs ?? [];
      await writeFileAtomic(current, concatenated(artifacts.weightData));
      const json: Json = {
        format: artifacts.format ?? LAYERS_MODEL_FORMAT,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [weightsName], weights: weightSpecs }],
        ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
        ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
      };
      try {
        await writeFileAtomic(jsonPath, `${JSON.stringify(json)}\n`);
      } catch (error) {
        // The rename is the commit point: when writing model.json fails, it still lists the old weights.
        await rm(current, { force: true }).catch(() => undefined);
        throw error;
      }
      for (const stale of previous) {
        if (relative(stale, current) !== '' && relative(stale, jsonPath) !== '') {
          await rm(stale, { force: true }).catch(() => undefined);
        }
      }
      await removeStaleSaveFiles(directory, jsonPath);
      return { modelArtifactsInfo: artifactsInfo(artifacts) };
    },

    async load(): Promise<ModelArtifacts> {
      let { json, text } = await readModelJson(jsonPath, path);
      let groups: WeightsManifestGroup[];
      let weightData: ArrayBuffer[];
      for (let attempt = 1; ; attempt++) {
        try {
          groups = manifestOf(json, jsonPath);
          weightData = await readWeights(groups, directory, jsonPath);
          break;
        } catch (error) {
          // A save in another process may have replaced model.json and removed the weights it listed
          // between our two reads: then the new model.json is complete, and we read that one.
          const again =
            attempt < MAX_LOAD_ATTEMPTS
              ? await readModelJson(jsonPath, path).catch(() => undefined)
              : undefined;
          if (again === undefined || again.text === text) throw error;
          ({ json, text } = again);
        }
      }
      const artifacts: ModelArtifacts = {
        modelTopology: json.modelTopology,
        weightSpecs: groups.flatMap((g) => g.weights),
        weightData,
      };
      for (const key of [
        'format',
        'generatedBy',
        'convertedBy',
        'trainingConfig',
        'userDefinedMetadata',
      ] as const) {
        if (json[key] !== undefined) (artifacts as Json)[key] = json[key];
      }
      return artifacts;
    },
  };
}
