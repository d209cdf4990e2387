/**
 * Inside the preferred model: every first-layer unit and every output logit drawn over the input plane, so
 * one can watch the hidden units carve the plane and each logit light up where "its" class lies (the lab
 * shows these once, after training; here they follow every epoch).
 *
 * @module
 */

import { CLASS_COLORS_DARK, LAB_COLORS } from '../../render/palette.js';
import { h } from '../render/dom.js';
import { unitMapCanvas } from '../render/unit-maps.js';
import type { UnitMaps } from '../worker/protocol.js';

function tiles(
  values: Float32Array,
  units: number,
  nx: number,
  ny: number,
  color: (u: number) => string,
  label: (u: number) => string,
) {
  return Array.from({ length: units }, (_, u) => {
    const { canvas, min, max } = unitMapCanvas(values, u * nx * ny, nx, ny, color(u));
    canvas.className = 'unit-map';
    return h(
      'figure',
      {
        class: 'unit-tile',
        title: `${label(u)}: from ${min.toPrecision(3)} (white) to ${max.toPrecision(3)}`,
      },
      canvas,
      h('figcaption', {}, label(u)),
    );
  });
}

/** The per-unit panel. */
export class UnitView {
  readonly element: HTMLElement;
  private readonly hidden: HTMLElement;
  private readonly hiddenTitle: HTMLElement;
  private readonly logits: HTMLElement;

  constructor() {
    this.hiddenTitle = h('h4', {}, 'First hidden layer');
    this.hidden = h('div', { class: 'unit-grid', 'data-testid': 'unit-maps-hidden' });
    this.logits = h('div', { class: 'unit-grid logits', 'data-testid': 'unit-maps-logits' });
    this.element = h(
      'details',
      { class: 'unit-view', open: true },
      h('summary', {}, 'Inside the preferred model: each unit over the input plane (x0 across, x1 up)'),
      this.hiddenTitle,
      this.hidden,
      h('h4', {}, 'Output logits (linear layer; the loss applies softmax across them)'),
      this.logits,
    );
  }

  /** Redraws from the worker's maps. */
  update(m: UnitMaps): void {
    if (m.hidden) {
      this.hiddenTitle.hidden = false;
      this.hiddenTitle.textContent = `First hidden layer: ${m.hidden.units} ${m.hidden.activation} units, each scaled to its own range`;
      this.hidden.replaceChildren(
        ...tiles(
          m.hidden.values,
          m.hidden.units,
          m.nx,
          m.ny,
          () => LAB_COLORS.dldarkblue,
          (u) => `unit ${u}`,
        ),
      );
    } else {
      this.hiddenTitle.hidden = true;
      this.hidden.replaceChildren();
    }
    this.logits.replaceChildren(
      ...tiles(
        m.logits.values,
        m.logits.units,
        m.nx,
        m.ny,
        (u) => CLASS_COLORS_DARK[u % CLASS_COLORS_DARK.length]!,
        (u) => `z${u} (class c${u})`,
      ),
    );
  }
}
