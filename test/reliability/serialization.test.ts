/**
 * Bad inputs to saving, loading and exporting models: bad targets, broken artifacts, and model files that are
 * missing, empty, truncated, oversized or of the wrong kind. Each is refused with a typed error whose message
 * names the file (or argument), what was expected and what came.
 */
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import {
  DataError,
  Dense,
  encodeOnnx,
  fileSystemOnnxHandler,
  loadModel,
  type ModelArtifacts,
  ModelFormatError,
  modelFromArtifacts,
  modelToArtifacts,
  registerLoadRouter,
  registerSaveRouter,
  Sequential,
  ShapeError,
  toInferenceGraph,
} from '../../src/index.js';
import { refuses } from './refusals.js';

const dir = mkdtempSync(join(tmpdir(), 'softmax-lab-reliability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function builtModel(): Sequential {
  const model = new Sequential([new Dense({ units: 2, name: 'out' })], { seed: 1 });
  model.build(2);
  return model;
}

/** A folder holding `model.json` with these bytes. */
function modelDir(name: string, json: string | Uint8Array): string {
  const path = join(dir, name);
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, 'model.json'), json);
  return path;
}

let saved: string;
beforeAll(async () => {
  saved = join(dir, 'saved');
  await builtModel().save(saved);
});

describe('save, loadModel and exportOnnx targets', () => {
  const model = builtModel();
  refuses([
    {
      name: 'save("") (it would write ./model.json)',
      run: () => model.save(''),
      error: DataError,
      message: /^save: expected a path, a URL or a handler object, got an empty path\.$/,
    },
    {
      name: 'save(null)',
      run: () => model.save(null as never),
      error: DataError,
      message: /^save: expected a path, a URL or a handler object with a save\(\) method, got null\.$/,
    },
    {
      name: 'save({}) (no save method)',
      run: () => model.save({} as never),
      error: DataError,
      message: /with a save\(\) method, got an object \(Object\)\.$/,
    },
    {
      name: 'save to a URL no handler understands',
      run: () => model.save('ftp://example.com/model'),
      error: DataError,
      message:
        /^save: expected a path or URL that a registered handler understands, got "ftp:\/\/example\.com\/model"\./,
    },
    {
      name: 'save of a model that is not built',
      run: () => new Sequential([new Dense({ units: 2 })]).save(join(dir, 'never')),
      error: ShapeError,
      message:
        /^save \w+: expected a built model \(with weights\), got a model that is not built\. Call fit, predict or build/,
    },
    {
      name: 'loadModel("")',
      run: () => loadModel(''),
      error: DataError,
      message: /^loadModel: expected a path, a URL or a handler object, got an empty path\.$/,
    },
    {
      name: 'loadModel(5)',
      run: () => loadModel(5 as never),
      error: DataError,
      message: /^loadModel: expected a path, a URL or a handler object with a load\(\) method, got 5\.$/,
    },
    {
      name: 'exportOnnx("")',
      run: () => model.exportOnnx(''),
      error: DataError,
      message: /^exportOnnx: expected a path, a URL or a handler object, got an empty path\.$/,
    },
    {
      name: 'exportOnnx(null)',
      run: () => model.exportOnnx(null as never),
      error: DataError,
      message: /with an exportOnnx\(\) method, got null\.$/,
    },
    {
      name: 'exportOnnx with appendSoftmax: 1',
      run: () => model.exportOnnx(join(dir, 'm.onnx'), { appendSoftmax: 1 as never }),
      error: DataError,
      message: /^exportOnnx appendSoftmax: expected true or false, got 1\.$/,
    },
    {
      name: 'exportOnnx with an unknown option',
      run: () => model.exportOnnx(join(dir, 'm.onnx'), { opset: 17 } as never),
      error: DataError,
      message: /^exportOnnx options: expected only appendSoftmax, got the unknown option "opset"\.$/,
    },
    {
      name: 'registerSaveRouter(a string)',
      run: () => registerSaveRouter('file://' as never),
      error: DataError,
      message:
        /^registerSaveRouter: expected a function \(url\) => handler \| null, got the string "file:\/\/"\.$/,
    },
    {
      name: 'registerLoadRouter(null)',
      run: () => registerLoadRouter(null as never),
      error: DataError,
      message: /^registerLoadRouter: .*, got null\.$/,
    },
    {
      name: 'fileSystemOnnxHandler(5)',
      run: () => fileSystemOnnxHandler(5 as never),
      error: DataError,
      message: /^fileSystemOnnxHandler: expected a file path, got 5\.$/,
    },
  ]);
});

describe('model files that are missing, empty, truncated, oversized or of the wrong kind', () => {
  refuses([
    {
      name: 'a folder that does not exist',
      run: () => loadModel(join(dir, 'nowhere')),
      error: ModelFormatError,
      message:
        /nowhere: expected a model directory with a model\.json, or the path of a model\.json, got no file .*nowhere\/model\.json\.$/,
    },
    {
      name: 'an empty model.json',
      run: () => loadModel(modelDir('empty', '')),
      error: ModelFormatError,
      message: /empty\/model\.json: expected valid JSON, got a parse error \(.*\)\. The file is empty\.$/,
    },
    {
      name: 'a PNG named model.json',
      run: () => loadModel(modelDir('png', Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))),
      error: ModelFormatError,
      message: /png\/model\.json: expected valid JSON, got a parse error/,
    },
    {
      name: 'a model.json cut in the middle',
      run: () => loadModel(modelDir('cut', '{"modelTopology": {"class_name": "Sequ')),
      error: ModelFormatError,
      message: /cut\/model\.json: expected valid JSON, got a parse error/,
    },
    {
      name: 'a model.json larger than 256 MiB (a sparse file: refused from its size, before reading)',
      run: () => {
        const path = modelDir('huge', '');
        truncateSync(join(path, 'model.json'), 300 * 2 ** 20);
        return loadModel(path);
      },
      error: ModelFormatError,
      message: /huge\/model\.json: expected a model\.json of at most 268435456 bytes, got 314572800 bytes\.$/,
    },
    {
      name: 'a truncated weights file',
      run: async () => {
        const { readdirSync } = await import('node:fs');
        const bin = readdirSync(saved).find((f) => f.endsWith('.bin'))!;
        const copy = modelDir('truncated', (await import('node:fs')).readFileSync(join(saved, 'model.json')));
        writeFileSync(join(copy, bin), new Uint8Array(5));
        return loadModel(copy);
      },
      error: ModelFormatError,
      message:
        /truncated\/model\.json: weights: expected 24 bytes for the 2 weights in weightsManifest, got 5 bytes in .*\.bin\. A weights file is truncated\.$/,
    },
    {
      name: 'a missing weights file',
      run: async () => {
        const copy = modelDir(
          'no-weights',
          (await import('node:fs')).readFileSync(join(saved, 'model.json')),
        );
        return loadModel(copy);
      },
      error: ModelFormatError,
      message:
        /no-weights\/model\.json: weights file ".*\.bin": expected a file next to model\.json, got no such file\.$/,
    },
  ]);
});

describe('modelFromArtifacts, modelToArtifacts, toInferenceGraph and encodeOnnx', () => {
  const artifacts = modelToArtifacts(builtModel());
  const topology = artifacts.modelTopology as { config: { layers: { class_name: string }[] } };
  const withLayerClass = (className: string): ModelArtifacts => {
    const copy = structuredClone(topology);
    copy.config.layers[0]!.class_name = className;
    return { ...artifacts, modelTopology: copy };
  };
  refuses([
    {
      name: 'modelFromArtifacts(null)',
      run: () => modelFromArtifacts(null as never),
      error: ModelFormatError,
      message: /^model: expected model artifacts \(an object\), got null\.$/,
    },
    {
      name: 'no modelTopology',
      run: () => modelFromArtifacts({} as never),
      error: ModelFormatError,
      message: /^model: modelTopology: expected a JSON object, got nothing\.$/,
    },
    {
      name: 'a modelTopology that is a string',
      run: () => modelFromArtifacts({ modelTopology: 'sequential' } as never),
      error: ModelFormatError,
      message: /^model: modelTopology: expected a JSON object, got "sequential"\.$/,
    },
    {
      name: 'a layer we cannot run (Conv2D)',
      run: () => modelFromArtifacts(withLayerClass('Conv2D')),
      error: ModelFormatError,
      message:
        /^model: layer "out" \(Conv2D\) is not supported: softmax-lab reads Sequential models of Dense and Normalization layers\.$/,
    },
    {
      name: 'weightSpecs that are not a list',
      run: () => modelFromArtifacts({ ...artifacts, weightSpecs: null as never }),
      error: ModelFormatError,
      message: /^model: weightSpecs: expected a list, got null\.$/,
    },
    {
      name: 'weight data shorter than the manifest',
      run: () => modelFromArtifacts({ ...artifacts, weightData: new ArrayBuffer(4) }),
      error: ModelFormatError,
      message:
        /^model: weight data: expected 24 bytes \(what the 2 weights of the manifest take\), got 4 bytes\. A weights file is truncated or missing\.$/,
    },
    {
      name: 'a NaN in the weight data (every prediction would be NaN)',
      run: () => {
        const data = new Float32Array((artifacts.weightData as ArrayBuffer).slice(0));
        data[4] = Number.NaN;
        return modelFromArtifacts({ ...artifacts, weightData: data.buffer });
      },
      error: ModelFormatError,
      message: /^model: weight "out\/bias": expected finite values, got NaN \(at index 0\)\.$/,
    },
    {
      name: 'a Keras Normalization layer with a negative variance (every output would be NaN)',
      run: () => {
        type LayerJson = { class_name: string; config: Record<string, unknown> };
        const copy = structuredClone(artifacts.modelTopology) as { config: { layers: LayerJson[] } };
        const dense = copy.config.layers[0]!;
        const shape = dense.config.batch_input_shape;
        delete dense.config.batch_input_shape;
        copy.config.layers.unshift({
          class_name: 'Normalization',
          config: { name: 'norm', axis: -1, mean: [0, 0], variance: [1, -1], batch_input_shape: shape },
        });
        return modelFromArtifacts({ ...artifacts, modelTopology: copy });
      },
      error: ModelFormatError,
      message: /^model: weight "norm\/variance": expected finite numbers >= 0, got -1 \(at index 1\)\.$/,
    },
    {
      name: 'modelToArtifacts(null)',
      run: () => modelToArtifacts(null as never),
      error: DataError,
      message: /^modelToArtifacts: expected a Sequential model, got null\.$/,
    },
    {
      name: 'toInferenceGraph of a plain object',
      run: () => toInferenceGraph({ layers: 'dense' } as never),
      error: DataError,
      message: /^toInferenceGraph: expected a Sequential model, got an object \(Object\)\.$/,
    },
    {
      name: 'toInferenceGraph of a model that is not built',
      run: () => toInferenceGraph(new Sequential([new Dense({ units: 2 })])),
      error: ShapeError,
      message: /^model \w+: expected a built model \(with weights\), got a model that is not built\./,
    },
    {
      name: 'encodeOnnx(null)',
      run: () => encodeOnnx(null as never),
      error: DataError,
      message: /^encodeOnnx: expected an inference graph \(from toInferenceGraph\(model\)\), got null\.$/,
    },
    {
      name: 'encodeOnnx with an unknown option',
      run: () => encodeOnnx(toInferenceGraph(builtModel()), { opset: 17 } as never),
      error: DataError,
      message:
        /^encodeOnnx options: expected only producerName, producerVersion, got the unknown option "opset"\.$/,
    },
  ]);
});
