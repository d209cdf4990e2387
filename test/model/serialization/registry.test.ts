import { describe, expect, it } from 'vitest';
import { DataError } from '../../../src/core/errors.js';
import type { IOHandler } from '../../../src/model/serialization/artifacts.js';
import {
  registerLoadRouter,
  resolveLoadHandler,
  resolveOnnxExportHandler,
  resolveSaveHandler,
} from '../../../src/model/serialization/registry.js';

describe('handler registry', () => {
  it('passes handler objects through without any registration', () => {
    const handler: IOHandler = {
      save: async () => ({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }),
    };
    expect(resolveSaveHandler(handler)).toBe(handler);
  });

  it('explains that nothing is registered when a path comes without the io module', () => {
    expect(() => resolveSaveHandler('models/x')).toThrow(DataError);
    expect(() => resolveSaveHandler('models/x')).toThrow(/import 'softmax-lab'/);
    expect(() => resolveOnnxExportHandler('m.onnx')).toThrow(/No handler is registered/);
  });

  it('asks registered routers in order and refuses objects without the needed method', () => {
    const handler: IOHandler = { load: async () => ({}) };
    registerLoadRouter((url) => (url.startsWith('mem://') ? handler : null));
    expect(resolveLoadHandler('mem://a')).toBe(handler);
    expect(() => resolveLoadHandler('disk://a')).toThrow(/"disk:\/\/a"/);
    expect(() => resolveLoadHandler({} as IOHandler)).toThrow(/handler object with a load\(\) method/);
  });
});
