/**
 * Hover linking across panels: pointing at class i anywhere (a slider row, a bar, a term of the formula)
 * highlights class i everywhere, as CNN Explainer links the terms of its softmax formula.
 *
 * @module
 */

/** The class under the pointer, shared by the panels that show per-class values. */
export class HoverLink {
  private index: number | null = null;
  private readonly listeners: ((index: number | null) => void)[] = [];

  /** The hovered class, or null. */
  get(): number | null {
    return this.index;
  }

  /** Sets the hovered class (null: none) and tells every panel. */
  set(index: number | null): void {
    if (index === this.index) return;
    this.index = index;
    for (const fn of this.listeners) fn(index);
  }

  subscribe(fn: (index: number | null) => void): void {
    this.listeners.push(fn);
  }
}
