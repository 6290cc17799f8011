import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { DesktopPdf, SesameBridge } from '../../../shared/contract/bridge';
import type { LettersPrintOutput } from '../../../shared/contract/letters';
import { selectAllLabel } from './ListSelection';
import { printCounts, PrintResult } from './PrintResult';
import { printedIds } from './selection';
import { deliverPrint, desktopAction } from './usePrintLetters';

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
  // Electron: the main process kept the bytes.
  pdfBase64: '',
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
    expect(html).toMatch(/<button[^>]*class="primary"[^>]*>Imprimer<\/button>/);
    expect(html).toMatch(/<button[^>]*>Enregistrer en PDF<\/button>/);
    // Focusable while a print runs: never the native `disabled`.
    expect(html).not.toMatch(/<button[^>]*disabled=""/);
    expect(html).toContain('M. DUPONT Paul');
  });
});

describe('after letters.print', () => {
  const withBytes = { ...result, pdfBase64: 'JVBERi0=' };

  it('downloads in browser mode, and keeps no bytes in the renderer', () => {
    const downloads: Array<[string, string]> = [];
    const kept = deliverPrint(withBytes, null, (b, name) => downloads.push([b, name]));
    expect(downloads).toEqual([['JVBERi0=', result.fileName]]);
    expect(kept.pdfBase64).toBe('');
  });

  it('does not download in Electron (the main process has the PDF)', () => {
    const downloads: unknown[] = [];
    const kept = deliverPrint({ ...result }, electronPreload.pdf!, (...a) => downloads.push(a));
    expect(downloads).toEqual([]);
    expect(kept.batchId).toBe('b1');
  });

  it('sends only the batch id with « Imprimer » and « Enregistrer en PDF »', async () => {
    const sent: Array<[string, unknown]> = [];
    const pdf: DesktopPdf = {
      print: async (input) => {
        sent.push(['print', input]);
        return { ok: true, value: { outcome: 'cancelled' } };
      },
      save: async (input) => {
        sent.push(['save', input]);
        return { ok: true, value: { saved: true } };
      },
    };
    expect(await desktopAction(pdf, 'print', 'b1')).toBe('Impression annulée.');
    expect(await desktopAction(pdf, 'save', 'b1')).toBe('Fichier enregistré.');
    expect(sent).toEqual([
      ['print', { batchId: 'b1' }],
      ['save', { batchId: 'b1' }],
    ]);
    const gone: DesktopPdf = { ...pdf, print: async () => ({ ok: false, error: { code: 'not_found', message: 'Ce lot n’est plus en mémoire.' } }) };
    await expect(desktopAction(gone, 'print', 'b1')).rejects.toThrow('Ce lot n’est plus en mémoire.');
  });

  it('takes out of the selection only the ids printed', () => {
    const excluded = [
      { guardianId: 'g3', name: 'x', reason: 'r' },
      { guardianId: '', studentId: 's9', name: 'y (élève)', reason: 'r' },
    ];
    expect(printedIds(['g1', 'g3', 'g2'], excluded)).toEqual(['g1', 'g2']);
    expect(printedIds(['s1', 's9'], excluded)).toEqual(['s1']);
  });
});

describe('French counts', () => {
  it('agrees in number', () => {
    expect(printCounts({ letters: 1, credentials: 1, reminders: 0, pages: 1 })).toBe('1 courrier (1 avec identifiants, 0 rappel), 1 page');
    expect(printCounts({ letters: 2, credentials: 1, reminders: 1, pages: 3 })).toBe('2 courriers (1 avec identifiants, 1 rappel), 3 pages');
    expect(selectAllLabel(null)).toBe('Tout sélectionner');
    expect(selectAllLabel(1)).toBe('Tout sélectionner (1 affiché)');
    expect(selectAllLabel(1200)).toMatch(/^Tout sélectionner \(1\s200 affichés\)$/);
  });
});
