import { describe, expect, it } from 'vitest';
import { parseMarkup } from './markup';
import { TEMPLATE_FIELD_LABELS, TEMPLATE_PLACEHOLDERS, defaultLetterTemplate, fillTemplate, placeholdersIn, validateTemplate } from './template';

describe('fillTemplate', () => {
  it('fills known placeholders, spaces inside braces allowed', () => {
    expect(fillTemplate('{{appel}}, {{ nom }} ({{enfants}})', { appel: 'Madame', nom: 'Nguyễn', enfants: 'Minh (5C)' })).toBe(
      'Madame, Nguyễn (Minh (5C))',
    );
  });

  it('leaves unknown or missing placeholders visible so staff see the mistake', () => {
    expect(fillTemplate('Bonjour {{nmo}} {{prenom}}', { nom: 'X' })).toBe('Bonjour {{nmo}} {{prenom}}');
  });

  it('never re-reads an inserted value', () => {
    expect(fillTemplate('{{nom}}', { nom: '{{identifiant}}', identifiant: 'secret' })).toBe('{{identifiant}}');
  });

  it('is pure: same input, same output, values untouched', () => {
    const values = { nom: 'O’Brien' };
    expect(fillTemplate('{{nom}}', values)).toBe(fillTemplate('{{nom}}', values));
    expect(values).toEqual({ nom: 'O’Brien' });
  });
});

describe('validateTemplate', () => {
  it('accepts the default template, whose placeholders are all known', () => {
    expect(validateTemplate(defaultLetterTemplate)).toEqual([]);
    for (const text of Object.values(defaultLetterTemplate)) {
      for (const name of placeholdersIn(text)) expect(Object.keys(TEMPLATE_PLACEHOLDERS)).toContain(name);
    }
  });

  it('reports an unknown placeholder in French, naming the field', () => {
    const problems = validateTemplate({ ...defaultLetterTemplate, greeting: '{{apel}},' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`« ${TEMPLATE_FIELD_LABELS.greeting} »`);
    expect(problems[0]).toContain('espace réservé inconnu {{apel}}');
  });

  it('explains that the password is not a placeholder', () => {
    const problems = validateTemplate({ ...defaultLetterTemplate, closing: 'Votre mot de passe : {{motDePasse}}' });
    expect(problems.join(' ')).toMatch(/mot de passe provisoire est imprimé uniquement dans le cadre/);
  });

  it('reports unbalanced braces, an unclosed bold and a missing field', () => {
    const broken = { ...defaultLetterTemplate, help: 'Voir {{secretariat}', closing: '**Merci' } as Record<string, string>;
    delete broken.reissued;
    const problems = validateTemplate(broken as unknown as typeof defaultLetterTemplate);
    expect(problems.some((p) => p.includes('accolades non appariées'))).toBe(true);
    expect(problems.some((p) => p.includes('** non refermé'))).toBe(true);
    expect(problems.some((p) => p.includes('texte manquant'))).toBe(true);
  });
});

describe('parseMarkup', () => {
  it('reads headings, bullets, steps, the children line and bold runs', () => {
    const blocks = parseMarkup('## Titre\n- **Gras** : texte\n2. Étape\n{{enfants}}\nParagraphe {{nom}}');
    expect(blocks).toEqual([
      { kind: 'heading', runs: [{ text: 'Titre', bold: false }] },
      { kind: 'bullet', runs: [{ text: 'Gras', bold: true }, { text: ' : texte', bold: false }] },
      { kind: 'step', label: '2.', runs: [{ text: 'Étape', bold: false }] },
      { kind: 'children' },
      { kind: 'paragraph', runs: [{ text: 'Paragraphe {{nom}}', bold: false }] },
    ]);
  });

  it('shows an unclosed ** as typed', () => {
    expect(parseMarkup('a **b')).toEqual([{ kind: 'paragraph', runs: [{ text: 'a ', bold: false }, { text: '**b', bold: false }] }]);
  });
});
