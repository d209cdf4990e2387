/**
 * Per-unit pictures for the training section: the first hidden layer's units and the output logits over the
 * input plane, computed with the library (a one-layer probe model carrying the first layer's weights, and
 * the model's own `predict`), transposed to one map per unit.
 *
 * @module
 */

import type { Matrix } from '../../core/matrix.js';
import { Dense, Sequential } from '../../model/index.js';
import { gridFor, gridInputs } from './decision-grid.js';
import type { GridSpec, UnitMaps } from './protocol.js';

/** Cells along the longer side of the per-unit maps (the lab's maps are 40 × 40). */
export const UNIT_GRID_CELLS = 40;

/** Rows × units (row-major) → units × rows, so each unit's map is contiguous. */
function unitMajor(out: Float32Array, rows: number, units: number): Float32Array {
  const t = new Float32Array(rows * units);
  for (let r = 0; r < rows; r++) for (let u = 0; u < units; u++) t[u * rows + r] = out[r * units + u]!;
  return t;
}

/** Computes {@link UnitMaps} of one model on a fixed coarse grid. */
export class UnitMapper {
  readonly grid: GridSpec;
  private readonly inputs: Matrix<Float32Array>;
  private probe: Sequential | undefined;

  /** `x`: the training rows (2 per point), whose range the grid covers. */
  constructor(x: Float64Array) {
    this.grid = gridFor(x, UNIT_GRID_CELLS);
    this.inputs = gridInputs(this.grid);
  }

  /** The maps of `model` now. */
  maps(model: Sequential): UnitMaps {
    const rows = this.inputs.rows;
    const logits = model.predict(this.inputs);
    const result: UnitMaps = {
      nx: this.grid.nx,
      ny: this.grid.ny,
      logits: { units: logits.cols, values: unitMajor(logits.data, rows, logits.cols) },
    };
    if (model.layers.length > 1) {
      const first = model.layers[0]!;
      const activation = String(first.getConfig().activation);
      if (!this.probe) {
        // Named, so the probe does not advance Keras-style layer numbering (dense_1, dense_2, …).
        this.probe = new Sequential(
          [
            new Dense({
              units: first.outputDim,
              activation: activation as 'relu',
              inputDim: 2,
              name: 'probe',
            }),
          ],
          {
            name: 'probe',
          },
        );
      }
      const [kernel, bias] = model.getWeights();
      this.probe.setWeights([kernel!, bias!]);
      const out = this.probe.predict(this.inputs);
      result.hidden = { units: out.cols, activation, values: unitMajor(out.data, rows, out.cols) };
    }
    return result;
  }
}
