import { describe, expect, it } from 'vitest';
import { DataError } from '../../../src/core/errors.js';
import {
  CategoricalCrossentropy,
  getLoss,
  LOSS_NAMES,
  SparseCategoricalCrossentropy,
} from '../../../src/core/losses/index.js';

describe('getLoss', () => {
  it('resolves the Keras names and the TF.js camelCase aliases', () => {
    expect(getLoss('sparse_categorical_crossentropy')).toBeInstanceOf(SparseCategoricalCrossentropy);
    expect(getLoss('sparseCategoricalCrossentropy')).toBeInstanceOf(SparseCategoricalCrossentropy);
    expect(getLoss('categorical_crossentropy')).toBeInstanceOf(CategoricalCrossentropy);
    expect(getLoss('categoricalCrossentropy')).toBeInstanceOf(CategoricalCrossentropy);
    expect(getLoss('categoricalCrossentropy').name).toBe('categorical_crossentropy');
  });

  it('passes options to a named loss, so a name can carry fromLogits', () => {
    expect(getLoss('sparse_categorical_crossentropy', { fromLogits: true }).fromLogits).toBe(true);
    expect(getLoss('sparse_categorical_crossentropy').fromLogits).toBe(false);
  });

  it('returns a loss object as it is', () => {
    const loss = new CategoricalCrossentropy({ fromLogits: true });
    expect(getLoss(loss)).toBe(loss);
  });

  it('lists the known names when a name is unknown', () => {
    expect(() => getLoss('mse')).toThrow(DataError);
    expect(() => getLoss('mse')).toThrow(
      "loss: expected one of 'sparse_categorical_crossentropy', 'categorical_crossentropy', 'sparseCategoricalCrossentropy', 'categoricalCrossentropy', or a loss object, got the string \"mse\".",
    );
    expect(() => getLoss('toString')).toThrow(DataError);
    expect(() => getLoss(42 as unknown as string)).toThrow(DataError);
    expect(LOSS_NAMES).toHaveLength(4);
  });
});
