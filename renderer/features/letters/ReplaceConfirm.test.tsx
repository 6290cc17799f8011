import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CallError } from '../../transport/call';
import { ReplaceConfirm, replaceQuestion } from './ReplaceConfirm';
import { replacingOf } from '../../../shared/letters/replacing';
import { replacingRefused } from './usePrintLetters';

describe('printing again asks first', () => {
  it('counts, from the preview, the letters marked « remplace le précédent »', () => {
    const letter = { reissued: false, activeAccount: false };
    expect(replacingOf([letter, { ...letter, reissued: true }, { reissued: true, activeAccount: true }])).toEqual({ letters: 2, activeAccounts: 1 });
    // Nothing replaced: the print goes straight through.
    expect(replacingOf([letter, { ...letter, activeAccount: true }])).toEqual({ letters: 0, activeAccounts: 0 });
  });

  it('says what stops working, in correct French', () => {
    expect(replaceQuestion({ letters: 13, activeAccounts: 0 })).toBe(
      '13 courriers remplaceront des courriers déjà imprimés : les identifiants de ces courriers-là ne fonctionneront plus. Imprimer quand même ?',
    );
    expect(replaceQuestion({ letters: 1, activeAccounts: 0 })).toBe(
      '1 courrier remplacera un courrier déjà imprimé : les identifiants de ce courrier-là ne fonctionneront plus. Imprimer quand même ?',
    );
    expect(replaceQuestion({ letters: 3, activeAccounts: 1 })).toBe(
      '2 courriers remplaceront des courriers déjà imprimés : les identifiants de ces courriers-là ne fonctionneront plus. ' +
        '1 compte déjà actif recevra un nouveau mot de passe : son mot de passe actuel ne fonctionnera plus. Imprimer quand même ?',
    );
    expect(replaceQuestion({ letters: 1200, activeAccounts: 1200 })).toBe(
      `${(1200).toLocaleString('fr-FR')} comptes déjà actifs recevront un nouveau mot de passe : leur mot de passe actuel ne fonctionnera plus. Imprimer quand même ?`,
    );
  });

  it('is a labelled alert dialog with « Imprimer et remplacer » and « Annuler » buttons', () => {
    const html = renderToStaticMarkup(<ReplaceConfirm replacing={{ letters: 13, activeAccounts: 0 }} onConfirm={() => undefined} onCancel={() => undefined} returnFocus={{ current: null }} />);
    const labelled = html.match(/role="alertdialog" aria-labelledby="([^"]+)" aria-describedby="([^"]+)"/);
    expect(labelled).not.toBeNull();
    expect(html).toContain(`id="${labelled![1]}"><strong>Remplacer des courriers déjà imprimés ?</strong>`);
    expect(html).toContain(`id="${labelled![2]}">13 courriers remplaceront des courriers déjà imprimés`);
    expect(html).toMatch(/<button type="button" class="primary">Imprimer et remplacer<\/button>/);
    expect(html).toMatch(/<button type="button">Annuler<\/button>/);
  });

  it('recognises the core refusing an unconfirmed replacement, and only that', () => {
    const details = { letters: 2, activeAccounts: 0 };
    expect(replacingRefused(new CallError({ code: 'conflict', message: 'x', details }))).toEqual(details);
    expect(replacingRefused(new CallError({ code: 'conflict', message: 'x' }))).toBeNull();
    expect(replacingRefused(new CallError({ code: 'service_unavailable', message: 'x', details }))).toBeNull();
    expect(replacingRefused(new Error('x'))).toBeNull();
  });
});
