/** Saving where no folder can be made fails at once (Node 20's recursive mkdir would spin forever under /proc). */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/core/errors.js';
import { fileSystemModelHandler } from '../../src/io/fs-model-handler.js';
import '../../src/io/index.js';
import { Dense } from '../../src/model/dense.js';
import { Sequential } from '../../src/model/sequential.js';

describe('save targets', () => {
  it.runIf(existsSync('/proc/self'))(
    'model.save and exportOnnx under /proc reject instead of hanging',
    async () => {
      const model = new Sequential([new Dense({ units: 2 })], { seed: 1 });
      model.build(2);
      await expect(model.save('/proc/softmax-lab-nowhere/model')).rejects.toThrow(/ENOENT/);
      await expect(model.exportOnnx('/proc/softmax-lab-nowhere/model.onnx')).rejects.toThrow(/ENOENT/);
    },
    5000,
  );

  it('fileSystemModelHandler refuses a path that is not a string', () => {
    expect(() => fileSystemModelHandler(5 as never)).toThrow(DataError);
    expect(() => fileSystemModelHandler(5 as never)).toThrow(
      'fileSystemModelHandler: expected a non-empty path to a model folder or model.json, got 5.',
    );
  });
});
