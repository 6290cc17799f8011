import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { SesameBridge } from '../../../shared/contract/bridge';
import type { LettersPrintOutput } from '../../../shared/contract/letters';
import { PrintResult } from './PrintResult';

// Electron's preload provides `window.sesame` with `pdf`; this stands in for it (no DOM here, and
// the bridge is chosen once per renderer, as in the app).
const electronPreload: SesameBridge = {
  invoke: async () => ({ ok: false, error: { code: 'internal', message: 'not used' } }),
  subscribe: () => () => undefined,
  pdf: {
    print: async () => ({ ok: true, value: { outcome: 'printed' } }),
    save: async () => ({ ok: true, value: { saved: true } }),
  },
};
(globalThis as { window?: unknown }).window = { sesame: electronPreload };

const result: LettersPrintOutput = {
  batchId: 'b1',
  title: 'Sélection de 2 responsables',
  fileName: 'courriers-Selection-de-2-responsables-2026-11-25.pdf',
  pdfBase64: 'JVBERi0=',
  letters: 2,
  credentials: 2,
  reminders: 0,
  pages: 5,
  excluded: [{ guardianId: 'g3', name: 'M. DUPONT Paul', reason: 'Pas d’adresse postale : complétez l’adresse du responsable.' }],
};

describe('PrintResult in Electron', () => {
  it('offers the print dialog and save as, instead of saying the file was downloaded', () => {
    const html = renderToStaticMarkup(<PrintResult result={result} />);
    expect(html).toContain('2 courriers (2 avec identifiants, 0 rappel), 5 pages : « courriers-Selection-de-2-responsables-2026-11-25.pdf » est prêt.');
    expect(html).not.toContain('téléchargé');
    expect(html).toMatch(/<button type="button" class="primary"[^>]*>Imprimer<\/button>/);
    expect(html).toMatch(/<button type="button"[^>]*>Enregistrer en PDF<\/button>/);
    expect(html).toContain('M. DUPONT Paul');
    // The bytes stay in memory: never written into the page.
    expect(html).not.toContain(result.pdfBase64);
  });
});
