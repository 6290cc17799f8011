import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Plan, PrepareOutput } from '../../../shared/contract/import';
import { ImportPage } from './ImportPage';
import { importStore } from './store';

// Server rendering of the real components (no DOM in this environment): checks what each step
// shows and the accessible names end-to-end tests rely on. zustand serves its initial state to
// server rendering, so the test points that at the live state.

const plan: Plan = {
  students: { created: 1200, updated: 3, unchanged: 40, left: 0 },
  guardians: { created: 2100, updated: 5, unchanged: 70 },
  rows: 1250,
  rejectedRows: 2,
  absent: [{ id: 's1', label: 'DURAND Zoé (3A)' }],
  conflicts: [
    {
      id: 'c1',
      entity: 'guardian',
      entityId: 'g1',
      label: 'MARTIN Sophie',
      field: 'phone',
      fieldLabel: 'Portable',
      current: '+33612345678',
      incoming: '+33698765432',
      currentText: '06 12 34 56 78',
      incomingText: '06 98 76 54 32',
      changedBy: 'secrétariat',
      changedAt: '2025-03-01T10:00:00.000Z',
    },
  ],
  updates: [
    {
      entity: 'student',
      entityId: 's2',
      label: 'PETIT Léo (6A)',
      changes: [
        { field: 'division', fieldLabel: 'Classe', before: '6A', after: '5B' },
        { field: 'guardianship', fieldLabel: 'Nouveau responsable', before: null, after: 'Mme PETIT Anne (Mère, responsable légal 1)' },
      ],
    },
  ],
  updatesTotal: 8,
  lookAlikes: [],
  problems: [
    {
      file: 'export.csv',
      row: 5,
      field: 'student.birthDate',
      code: 'date_impossible',
      severity: 'error',
      message: 'Date impossible',
      raw: '31/02/2014',
    },
  ],
  fullExport: true,
};

const prepared: PrepareOutput = {
  token: 't1',
  needsMapping: false,
  plan,
  files: [
    {
      name: 'export.csv',
      encoding: 'utf-8',
      delimiter: ';',
      layout: 'student-row',
      headers: ['NOM', 'PRENOM'],
      dataRows: 1250,
      columns: [
        { column: 0, header: 'NOM', field: 'student.lastName', auto: true },
        { column: 1, header: 'PRENOM', field: null, auto: false },
      ],
      missingRequired: ['student.firstName'],
    },
  ],
};

beforeEach(() => {
  vi.spyOn(importStore, 'getInitialState').mockImplementation(() => importStore.getState());
});
afterEach(() => {
  importStore.getState().restart();
  vi.restoreAllMocks();
});

describe('import wizard rendering', () => {
  it('starts with a labelled file input and the « Analyser le fichier » button', () => {
    const html = renderToStaticMarkup(<ImportPage />);
    expect(html).toMatch(/<label for="import-file">Fichier de l’export<\/label>/);
    expect(html).toMatch(/<input id="import-file" type="file" multiple=""/);
    expect(html).toMatch(/>Analyser le fichier<\/button>/);
  });

  it('shows an error as an alert', () => {
    importStore.setState({ error: { code: 'unusable_file', message: 'Le fichier « vide.csv » est vide.' } });
    const html = renderToStaticMarkup(<ImportPage />);
    expect(html).toContain('<div role="alert" class="alert alert-error"><p>Le fichier « vide.csv » est vide.</p></div>');
  });

  it('previews counts in French number format, with choices for conflicts and absent students', () => {
    importStore.setState({ step: 'preview', prepared });
    const html = renderToStaticMarkup(<ImportPage />);
    expect(html).toContain('data-testid="count-students-created">1\u202f200<');
    expect(html).toContain('data-testid="count-guardians-created">2\u202f100<');
    expect(html).toContain('data-testid="count-students-left">0<');
    expect(html).toContain('data-testid="count-rejected">2<');
    expect(html).toContain('>Importer</button>');
    expect(html).toContain('>Annuler</button>');
    expect(html).toContain('Garder la correction');
    expect(html).toContain('Prendre la valeur du fichier');
    expect(html).toContain('Marquer cet élève comme sorti');
    // Conflicts read as a person reads them, and updates say what would change.
    expect(html).toContain('MARTIN Sophie — Portable');
    expect(html).toContain('<dd>06 12 34 56 78</dd>');
    expect(html).toContain('Fiches modifiées (8)');
    expect(html).toContain('Classe : 6A → 5B');
    expect(html).toContain('Nouveau responsable : Mme PETIT Anne (Mère, responsable légal 1)');
    expect(html).toContain('Et 7 autres fiches.');
    expect(html).toContain('Problèmes détectés (1 : 1 erreur, 0 avertissement)');
  });

  it('counts absent students as left only once the box is ticked', () => {
    importStore.setState({ step: 'preview', prepared, markAbsentAsLeft: true });
    expect(renderToStaticMarkup(<ImportPage />)).toContain('data-testid="count-students-left">1<');
    importStore.setState({ markAbsentAsLeft: false });
  });

  it('asks for the missing column in the mapping step, flagging required fields', () => {
    importStore.setState({ step: 'mapping', prepared: { ...prepared, needsMapping: true, plan: null } });
    const html = renderToStaticMarkup(<ImportPage />);
    expect(html).toContain('Champs obligatoires sans colonne : Élève – Prénom.');
    expect(html).toContain('Élève – Prénom (obligatoire)');
    expect(html).toMatch(/<label for="[^"]+">PRENOM<\/label>/);
  });

  it('shows a progress bar with its value while importing', () => {
    importStore.setState({
      step: 'importing',
      progress: { type: 'import.progress', token: 't1', phase: 'write', done: 50, total: 200 },
    });
    const html = renderToStaticMarkup(<ImportPage />);
    expect(html).toMatch(/role="progressbar"[^>]*aria-valuenow="25"/);
    expect(html).toContain('Enregistrement — 50 sur 200');
  });
});
