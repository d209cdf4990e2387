import { describe, expect, it } from 'vitest';
import { defaultState, type LabState } from '../../../src/web/state/lab-state.js';
import { Store } from '../../../src/web/state/store.js';

describe('Store', () => {
  it('applies a patch and tells listeners which fields really changed', () => {
    const store = new Store(defaultState());
    const calls: [LabState, string[]][] = [];
    store.subscribe((s, changed) => calls.push([s, [...changed].sort()]));
    store.set({ temperature: 2, z: [1, 2, 3, 4], naive: false });
    expect(calls).toHaveLength(1);
    expect(calls[0]![1]).toEqual(['temperature']);
    expect(store.get().temperature).toBe(2);
  });

  it('stays silent when nothing changes and never mutates the previous state object', () => {
    const first = defaultState();
    const store = new Store(first);
    let n = 0;
    store.subscribe(() => n++);
    store.set({ z: [1, 2, 3, 4] });
    expect(n).toBe(0);
    store.set({ z: [0, 0] });
    expect(first.z).toEqual([1, 2, 3, 4]);
    expect(store.get().z).toEqual([0, 0]);
  });
});
