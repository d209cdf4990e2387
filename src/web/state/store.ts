/**
 * The page's state holder: sections read the one {@link LabState}, propose changes with `set`, and are told
 * which fields changed. Values are clamped to the same {@link LIMITS} as the URL parser uses, by the controls.
 *
 * @module
 */

import type { LabState } from './lab-state.js';

/** Called after every change with the new state and the names of the fields that changed. */
export type StateListener = (state: Readonly<LabState>, changed: ReadonlySet<keyof LabState>) => void;

/** Holds the state and notifies listeners of changes. */
export class Store {
  private state: LabState;
  private readonly listeners: StateListener[] = [];

  constructor(initial: LabState) {
    this.state = initial;
  }

  /** The current state (do not mutate; use {@link set}). */
  get(): Readonly<LabState> {
    return this.state;
  }

  /** Applies a patch; listeners hear about the fields whose value really changed (compared as JSON). */
  set(patch: Partial<LabState>): void {
    const changed = new Set<keyof LabState>();
    const next = { ...this.state };
    for (const key of Object.keys(patch) as (keyof LabState)[]) {
      const v = patch[key];
      if (v === undefined || JSON.stringify(v) === JSON.stringify(this.state[key])) continue;
      (next as Record<string, unknown>)[key] = v;
      changed.add(key);
    }
    if (changed.size === 0) return;
    this.state = next;
    for (const fn of this.listeners) fn(this.state, changed);
  }

  /** Registers a listener. */
  subscribe(fn: StateListener): void {
    this.listeners.push(fn);
  }
}
