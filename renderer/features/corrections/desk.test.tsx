import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AnomalyEntry } from '../../../shared/contract/corrections';
import { BulkApply, Entry } from './AnomaliesPage';
import { valueClass } from './HistorySection';
import { missingChoice } from './ReportsPage';

const text = (html: string) => html.replace(/<[^>]+>/g, '');
const noop = () => undefined;

const entry = (over: Partial<AnomalyEntry> = {}): AnomalyEntry => ({
  key: 'guardian.invalid_mobile:g1',
  kind: 'guardian.invalid_mobile',
  message: 'Portable refusé.',
  students: ['s1'],
  guardians: ['g1'],
  suggestion: null,
  subjects: [{ entity: 'guardian', id: 'g1', label: 'Mme MARTIN Sophie' }],
  fix: { action: 'editGuardian', entity: 'guardian', id: 'g1', otherId: null, field: 'phone' },
  dismissible: false,
  ...over,
});

describe('« À corriger » desk', () => {
  it('offers the bulk apply only when safe corrections exist, with their number', () => {
    expect(renderToStaticMarkup(<BulkApply kind="guardian.invalid_mobile" bulk safe={0} onApply={noop} />)).toBe('');
    expect(text(renderToStaticMarkup(<BulkApply kind="guardian.invalid_email" bulk safe={12} onApply={noop} />))).toContain('Appliquer les 12 corrections sûres');
    expect(text(renderToStaticMarkup(<BulkApply kind="guardian.invalid_mobile" bulk safe={1} onApply={noop} />))).toContain('Appliquer la correction sûre');
    // Never in bulk for a domain typo, whatever the count says.
    expect(renderToStaticMarkup(<BulkApply kind="guardian.email_typo" bulk={false} safe={3} onApply={noop} />)).toBe('');
  });

  it('names each entry’s buttons after the person, so a screen reader tells them apart', () => {
    const html = renderToStaticMarkup(
      <Entry
        e={entry({ kind: 'guardian.email_typo', key: 'guardian.email_typo:g1', dismissible: true, suggestion: { field: 'email', value: 'a@gmail.com', display: 'a@gmail.com', safe: false } })}
        run={noop}
      />,
    );
    expect(html).toContain('aria-label="Ce n’est pas une erreur : Mme MARTIN Sophie"');
    expect(html).toContain('aria-label="Utiliser a@gmail.com pour Mme MARTIN Sophie"');
    expect(text(html)).toContain('Corriger Mme MARTIN Sophie');
  });

  it('tells apart a shared phone from a shared email between the same people', () => {
    const shared = (field: string) =>
      renderToStaticMarkup(<Entry e={entry({ kind: 'guardian.shared_contact', key: `guardian.shared_contact:${field[0]}:g1`, dismissible: true, fix: { action: 'editGuardian', entity: 'guardian', id: 'g1', otherId: null, field } })} run={noop} />);
    expect(shared('phone')).toContain('aria-label="Ce n’est pas une erreur : Mme MARTIN Sophie (portable)"');
    expect(shared('email')).toContain('aria-label="Ce n’est pas une erreur : Mme MARTIN Sophie (courriel)"');
  });
});

describe('history values', () => {
  it('keeps dates and phone numbers on one line, lets long values wrap', () => {
    expect(valueClass('01/03/2014')).toContain('short-value');
    expect(valueClass('+33 6 12 34 56 78')).toContain('short-value');
    expect(valueClass(null)).toContain('short-value');
    expect(valueClass('12 rue des Écoles, 75005 Paris, France')).toBe('samples');
  });
});

describe('« Ce n’est pas mon enfant » form', () => {
  it('asks only for the child once the parent is chosen', () => {
    expect(missingChoice(false, '')?.message).toBe('Choisissez le parent puis l’enfant concerné.');
    expect(missingChoice(true, '')?.message).toBe('Choisissez l’enfant concerné.');
    expect(missingChoice(true, 's1')).toBeNull();
  });
});
