import { describe, expect, it } from 'vitest';
import { added, createSelectionStore, toggled } from './selection';

describe('list selection', () => {
  it('toggles one id without touching the others', () => {
    const a = new Set(['g1', 'g2']);
    expect([...toggled(a, 'g3')]).toEqual(['g1', 'g2', 'g3']);
    expect([...toggled(a, 'g1')]).toEqual(['g2']);
    expect([...a]).toEqual(['g1', 'g2']);
  });

  it('adds the shown rows to what is already picked, keeping the same set when nothing is new', () => {
    const a = new Set(['g1']);
    expect([...added(a, ['g2', 'g1', 'g3'])]).toEqual(['g1', 'g2', 'g3']);
    expect(added(a, ['g1'])).toBe(a);
  });

  it('keeps the selection in a store until cleared', () => {
    const store = createSelectionStore();
    store.getState().toggle('g1');
    store.getState().add(['g2', 'g3']);
    store.getState().toggle('g2');
    expect([...store.getState().ids].sort()).toEqual(['g1', 'g3']);
    store.getState().clear();
    expect(store.getState().ids.size).toBe(0);
  });
});
