import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fileSystemPath, modelJsonLocation } from '../../src/io/model-paths.js';

describe('model paths', () => {
  it('takes plain paths and file:// URLs, and leaves other schemes to other handlers', () => {
    expect(fileSystemPath('models/digits')).toBe('models/digits');
    expect(fileSystemPath(pathToFileURL('/tmp/m').href)).toBe('/tmp/m');
    expect(fileSystemPath('http://host/model.json')).toBeUndefined();
    expect(fileSystemPath('indexeddb://m')).toBeUndefined();
  });

  it('maps a directory to its model.json, and a .json path to itself', () => {
    expect(modelJsonLocation('models/digits')).toEqual({
      jsonPath: resolve('models/digits/model.json'),
      directory: resolve('models/digits'),
    });
    expect(modelJsonLocation(join('out', 'Digits.JSON'))).toEqual({
      jsonPath: resolve('out/Digits.JSON'),
      directory: resolve('out'),
    });
  });
});
