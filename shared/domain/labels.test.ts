import { describe, expect, it } from 'vitest';
import { normaliseCivility } from './civility';
import { RELATION_LABELS, normaliseRelation } from './relation';

describe('normaliseCivility', () => {
  it.each([
    ['M', 'M.'], ['M.', 'M.'], ['m.', 'M.'], ['Mr', 'M.'], ['MR.', 'M.'], ['Monsieur', 'M.'], ['MONSIEUR', 'M.'],
    ['Mme', 'Mme'], ['MME', 'Mme'], ['Mme.', 'Mme'], ['Madame', 'Mme'], ['MADAME', 'Mme'], ['Mlle', 'Mme'],
    ['Melle', 'Mme'], ['Mademoiselle', 'Mme'], [' mme ', 'Mme'],
  ])('%j → %s', (raw, expected) => {
    expect(normaliseCivility(raw)).toEqual({ ok: true, value: expected });
  });

  it('gives null for an empty value', () => {
    expect(normaliseCivility('')).toEqual({ ok: true, value: null });
    expect(normaliseCivility('  ')).toEqual({ ok: true, value: null });
  });

  it('refuses what it does not know', () => {
    expect(normaliseCivility('Dr')).toMatchObject({ ok: false, code: 'unknown_civility' });
    expect(normaliseCivility('Me')).toMatchObject({ ok: false, code: 'unknown_civility' });
  });
});

describe('normaliseRelation', () => {
  it.each([
    ['MERE', 'Mère'], ['Mère', 'Mère'], ['mère', 'Mère'], ['Mere', 'Mère'],
    ['PERE', 'Père'], ['Père', 'Père'], ['père ', 'Père'],
    ['TUTEUR', 'Tuteur'], ['Tutrice', 'Tuteur'], ['Tuteur légal', 'Tuteur'],
    ['ASE', 'Aide sociale à l’enfance'], ['A.S.E.', 'Aide sociale à l’enfance'],
    ["Aide sociale à l'enfance", 'Aide sociale à l’enfance'], ['AIDE SOCIALE A L ENFANCE', 'Aide sociale à l’enfance'],
    ["Famille d'accueil", 'Famille d’accueil'], ['FAMILLE D ACCUEIL', 'Famille d’accueil'], ['Famille d’accueil', 'Famille d’accueil'],
    ['Autre lien', 'Autre lien'], ['AUTRE LIEN', 'Autre lien'], ['Tiers digne de confiance', 'Autre lien'],
    ['Autre membre de la famille', 'Autre membre de la famille'], ['AUTRE MEMBRE DE LA FAMILLE', 'Autre membre de la famille'],
    ['Grand-mère', 'Autre membre de la famille'], ['GRAND PERE', 'Autre membre de la famille'], ['Oncle', 'Autre membre de la famille'],
    ['Tante', 'Autre membre de la famille'], ['Sœur', 'Autre membre de la famille'],
  ])('%j → %s', (raw, expected) => {
    expect(normaliseRelation(raw)).toEqual({ ok: true, value: expected });
    expect(RELATION_LABELS).toContain(expected);
  });

  it('gives null for an empty value', () => {
    expect(normaliseRelation('')).toEqual({ ok: true, value: null });
  });

  it('is idempotent on every canonical label', () => {
    for (const label of RELATION_LABELS) expect(normaliseRelation(label)).toEqual({ ok: true, value: label });
  });

  it('refuses an unknown relation so that a person chooses', () => {
    const r = normaliseRelation('voisin');
    expect(r).toMatchObject({ ok: false, code: 'unknown_relation' });
    if (!r.ok) expect(r.message).toContain('« Mère »');
  });
});
