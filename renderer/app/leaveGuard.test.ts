import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { confirmLeave, guardedLink, hasUnsavedChanges, holdUnsaved, installLeaveGuard, LEAVE_MESSAGE, resetLeaveGuard } from './leaveGuard';

const HERE = 'http://127.0.0.1:5000/#/eleves/s1/modifier';

/** A link element as `closest('a[href]')` finds it. */
function linkTo(href: string, attrs: Record<string, string> = {}) {
  const a = { href: new URL(href, HERE).href, target: attrs.target ?? '', hasAttribute: (n: string) => n in attrs };
  return { closest: (s: string) => (s === 'a[href]' ? a : null) };
}
const click = (target: unknown, extra: Partial<MouseEvent> = {}) => ({ defaultPrevented: false, button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false, target, ...extra }) as unknown as MouseEvent;
const here = { href: HERE, hash: '#/eleves/s1/modifier' };

beforeEach(() => resetLeaveGuard());

describe('leave guard', () => {
  it('lets go without asking when nothing is unsaved', () => {
    const ask = vi.fn(() => false);
    expect(confirmLeave(ask)).toBe(true);
    expect(ask).not.toHaveBeenCalled();
  });

  it('asks with the French message when a form holds changes, and keeps them on « Annuler »', () => {
    const release = holdUnsaved();
    const ask = vi.fn(() => false);
    expect(confirmLeave(ask)).toBe(false);
    expect(ask).toHaveBeenCalledWith(LEAVE_MESSAGE);
    expect(LEAVE_MESSAGE).toBe('Quitter sans enregistrer ? Vos modifications seront perdues.');
    expect(hasUnsavedChanges()).toBe(true);
    // Accepted: the forms are going, the hashchange that follows does not ask again.
    expect(confirmLeave(() => true)).toBe(true);
    expect(hasUnsavedChanges()).toBe(false);
    release();
  });

  it('stops asking once the form is saved (released)', () => {
    const release = holdUnsaved();
    release();
    expect(hasUnsavedChanges()).toBe(false);
  });

  it('guards plain clicks on in-app links to another page only', () => {
    expect(guardedLink(click(linkTo('#/responsables')), here)?.hash).toBe('#/responsables');
    // Same page, new tab, modified click, a handler that took it, another document: not a leave here.
    expect(guardedLink(click(linkTo('#/eleves/s1/modifier')), here)).toBeNull();
    expect(guardedLink(click(linkTo('#/responsables', { target: '_blank' })), here)).toBeNull();
    expect(guardedLink(click(linkTo('#/responsables'), { ctrlKey: true }), here)).toBeNull();
    expect(guardedLink(click(linkTo('#/responsables'), { defaultPrevented: true }), here)).toBeNull();
    expect(guardedLink(click(linkTo('https://example.org/#/x')), here)).toBeNull();
    expect(guardedLink(click({ closest: () => null }), here)).toBeNull();
  });
});

describe('leave guard listeners', () => {
  const handlers = new Map<string, (e: unknown) => void>();
  const pushState = vi.fn();
  const confirm = vi.fn(() => false);
  beforeEach(() => {
    vi.stubGlobal('window', {
      addEventListener: (type: string, h: (e: unknown) => void) => handlers.set(type, h),
      location: here,
      history: { state: null, pushState },
      confirm,
    });
    installLeaveGuard();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('cancels a menu click, undoes a back button, and holds the tab open, only while changes are unsaved', () => {
    const prevent = vi.fn();
    const menu = { ...click(linkTo('#/responsables')), preventDefault: prevent };
    handlers.get('click')!(menu);
    expect(confirm).not.toHaveBeenCalled();
    const unload = { preventDefault: vi.fn(), returnValue: undefined as unknown };
    handlers.get('beforeunload')!(unload);
    expect(unload.preventDefault).not.toHaveBeenCalled();

    const release = holdUnsaved();
    handlers.get('click')!(menu);
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(prevent).toHaveBeenCalledTimes(1);
    handlers.get('hashchange')!({ oldURL: HERE, newURL: 'http://127.0.0.1:5000/#/responsables' });
    expect(pushState).toHaveBeenCalledWith(null, '', HERE);
    handlers.get('beforeunload')!(unload);
    expect(unload.preventDefault).toHaveBeenCalled();
    release();
  });
});
