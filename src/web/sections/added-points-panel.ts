/**
 * The learner's own points, in the data section: a class picker (one swatch per class), clicking the scatter
 * to add a point of the picked class, shift-click to remove the nearest added point, a typed
 * "x0, x1, class → add" form for the keyboard, undo and clear buttons, and the count. The points live in the
 * page state (and so in the URL); the worker appends them after the blob rows.
 *
 * @module
 */

import { CLASS_COLORS_DARK } from '../../render/palette.js';
import { uid } from '../controls.js';
import { h } from '../render/dom.js';
import type { PlaneCanvas } from '../render/plane.js';
import { addedPoint, MAX_ADDED_POINTS, nearestAddedPoint, pointsOfClasses } from '../state/added-points.js';
import { type AddedPoint, LIMITS } from '../state/lab-state.js';
import type { Store } from '../state/store.js';

/** How close (CSS pixels) a shift-click must be to an added point to remove it. */
const REMOVE_RADIUS = 20;

/** "(−3.50, 1.25)" for the notes. */
function at(p: AddedPoint): string {
  return `(${p.x0.toFixed(2)}, ${p.x1.toFixed(2)})`;
}

/** The added-point controls of the data section, wired to `plane` (the scatter) and the store. */
export class AddedPointsPanel {
  /** The picker, the form, the count and the buttons. */
  readonly element: HTMLElement;
  private readonly store: Store;
  private readonly plane: PlaneCanvas;
  private readonly picker: HTMLElement;
  private readonly classSelect: HTMLSelectElement;
  private readonly x0: HTMLInputElement;
  private readonly x1: HTMLInputElement;
  private readonly count: HTMLElement;
  private readonly undoB: HTMLButtonElement;
  private readonly clearB: HTMLButtonElement;
  private readonly note: HTMLElement;
  /** The class new points get. */
  private picked = 0;
  /** Clicks are ignored until the scatter shows data (its box is meaningless before). */
  private ready = false;

  constructor(store: Store, plane: PlaneCanvas) {
    this.store = store;
    this.plane = plane;
    this.picker = h('div', { class: 'segmented class-picker', role: 'radiogroup' });
    const pickerLabel = h('span', { class: 'field-label', id: uid('picker-label') }, 'class of new points');
    this.picker.setAttribute('aria-labelledby', pickerLabel.id);
    this.picker.addEventListener('keydown', (e) => this.pickerKey(e));

    const numberInput = (testId: string) =>
      h('input', {
        id: uid('pt'),
        type: 'number',
        step: 'any',
        min: LIMITS.coordinate.min,
        max: LIMITS.coordinate.max,
        required: true,
        'data-testid': testId,
      });
    this.x0 = numberInput('add-point-x0');
    this.x1 = numberInput('add-point-x1');
    this.classSelect = h('select', { id: uid('pt-class'), 'data-testid': 'add-point-class' });
    this.classSelect.addEventListener('change', () => this.pick(Number(this.classSelect.value)));
    const form = h(
      'form',
      {
        class: 'add-point-form',
        'data-testid': 'add-point-form',
        'aria-label': 'add a point by typing it',
        // Out-of-range numbers are clamped (as every number box of the page does), not refused by the browser.
        novalidate: true,
      },
      h('label', { class: 'field-label', for: this.x0.id }, 'x0'),
      this.x0,
      h('label', { class: 'field-label', for: this.x1.id }, 'x1'),
      this.x1,
      h('label', { class: 'field-label', for: this.classSelect.id }, 'class'),
      this.classSelect,
      h('button', { type: 'submit', 'data-testid': 'add-point-submit' }, 'Add point'),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.addTyped();
    });

    this.count = h('strong', { 'data-testid': 'added-points-count' }, '0');
    this.undoB = h(
      'button',
      { type: 'button', 'data-testid': 'remove-last-point', disabled: true },
      'Remove last',
    );
    this.undoB.addEventListener('click', () => this.removeAt(this.points().length - 1));
    this.clearB = h(
      'button',
      { type: 'button', 'data-testid': 'clear-added-points', disabled: true },
      'Clear added points',
    );
    this.clearB.addEventListener('click', () => {
      const n = this.points().length;
      this.store.set({ addedPoints: [] });
      this.say(`Removed all ${n} of your points.`);
    });
    this.note = h('span', { class: 'hint added-note', role: 'status', 'data-testid': 'added-points-note' });

    this.element = h(
      'div',
      { class: 'added-points' },
      h(
        'div',
        { class: 'toolbar' },
        h('div', { class: 'picker-group' }, pickerLabel, this.picker),
        h('span', { class: 'field-label' }, 'your points: ', this.count, ` / ${MAX_ADDED_POINTS}`),
        this.undoB,
        this.clearB,
      ),
      h('div', { class: 'toolbar' }, form, this.note),
      h(
        'p',
        { class: 'hint' },
        'Click the scatter to add a point of the picked class; shift-click removes the nearest of your points. ',
        'They are trained on with the blobs (after them) and kept in the link.',
      ),
    );

    plane.canvas.classList.add('point-adder');
    plane.canvas.addEventListener('click', (e) => this.click(e));
    this.setClasses(store.get().centers.length);
    this.showCount(this.points().length);
  }

  /** The scatter now shows data: clicks map to plane coordinates. */
  setReady(): void {
    this.ready = true;
  }

  /** Call on every state change: keeps the picker, the count and the points in step with the centres. */
  update(changedCenters: boolean): void {
    const s = this.store.get();
    const k = s.centers.length;
    this.showCount(s.addedPoints.length);
    if (!changedCenters) return;
    this.setClasses(k);
    const kept = pointsOfClasses(s.addedPoints, k);
    const dropped = s.addedPoints.length - kept.length;
    if (dropped > 0) {
      this.say(
        `Removed ${dropped} of your points whose class no longer exists (there are now ${k} classes).`,
      );
      this.store.set({ addedPoints: kept });
    }
  }

  private points(): readonly AddedPoint[] {
    return this.store.get().addedPoints;
  }

  private say(text: string): void {
    this.note.textContent = text;
  }

  private showCount(n: number): void {
    this.count.textContent = String(n);
    this.undoB.disabled = n === 0;
    this.clearB.disabled = n === 0;
  }

  /** Rebuilds the swatches and the form's class list for k classes (keeping the pick if it still exists). */
  private setClasses(k: number): void {
    if (this.picker.childElementCount !== k) {
      this.picker.replaceChildren(
        ...Array.from({ length: k }, (_, i) => {
          const b = h(
            'button',
            {
              type: 'button',
              role: 'radio',
              class: 'class-swatch',
              'data-testid': `class-picker-${i}`,
              'aria-label': `class c${i}`,
            },
            h('span', { class: 'dot', style: `--c:${CLASS_COLORS_DARK[i % CLASS_COLORS_DARK.length]}` }),
            `c${i}`,
          );
          b.addEventListener('click', () => this.pick(i));
          return b;
        }),
      );
      this.classSelect.replaceChildren(
        ...Array.from({ length: k }, (_, i) => h('option', { value: i }, `c${i}`)),
      );
    }
    this.pick(Math.min(this.picked, k - 1));
  }

  private pick(i: number): void {
    this.picked = i;
    this.picker.querySelectorAll('button').forEach((b, j) => {
      b.setAttribute('aria-checked', String(j === i));
      b.tabIndex = j === i ? 0 : -1;
    });
    this.classSelect.value = String(i);
  }

  /** Arrow keys move the pick round the swatches (a radio group's keyboard behaviour). */
  private pickerKey(e: KeyboardEvent): void {
    const k = this.picker.childElementCount;
    const delta =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? 1
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? -1
          : 0;
    if (delta === 0 || k === 0) return;
    e.preventDefault();
    const next = (this.picked + delta + k) % k;
    this.pick(next);
    (this.picker.children[next] as HTMLElement | undefined)?.focus();
  }

  private click(e: MouseEvent): void {
    if (!this.ready) return;
    const [px, py] = this.plane.eventPx(e);
    if (!this.plane.inPlot(px, py)) return;
    if (e.shiftKey) {
      const i = nearestAddedPoint(this.points(), (a, b) => this.plane.toPx(a, b), px, py, REMOVE_RADIUS);
      if (i < 0) this.say(`None of your points is within ${REMOVE_RADIUS} px of that spot.`);
      else this.removeAt(i);
      return;
    }
    const [x0, x1] = this.plane.toPlane(px, py);
    this.add(addedPoint(x0, x1, this.picked));
  }

  private addTyped(): void {
    const read = (input: HTMLInputElement) => {
      const t = input.value.trim();
      const v = Number(t);
      const ok = t !== '' && Number.isFinite(v);
      input.setAttribute('aria-invalid', String(!ok));
      return ok ? v : undefined;
    };
    const a = read(this.x0);
    const b = read(this.x1);
    if (a === undefined || b === undefined) {
      this.say('Type two numbers, x0 and x1 (each −20…20).');
      return;
    }
    this.add(addedPoint(a, b, this.picked));
  }

  private add(p: AddedPoint): void {
    const points = this.points();
    if (points.length >= MAX_ADDED_POINTS) {
      this.say(`At most ${MAX_ADDED_POINTS} points; remove some first.`);
      return;
    }
    this.store.set({ addedPoints: [...points, p] });
    this.say(`Added a point of class c${p.label} at ${at(p)}.`);
  }

  private removeAt(i: number): void {
    const points = this.points();
    const p = points[i];
    if (!p) return;
    this.store.set({ addedPoints: points.filter((_, j) => j !== i) });
    this.say(`Removed your point of class c${p.label} at ${at(p)}.`);
  }
}
