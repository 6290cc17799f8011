// Printing a batch, the same from every page: the core issues the credentials and renders the
// PDF; in browser mode the PDF is downloaded at once, in Electron the main process keeps it and
// the result offers « Imprimer » and « Enregistrer en PDF » by batch id (see PrintResult, ADR 011).
import { useCallback, useRef, useState } from 'react';
import { create } from 'zustand';
import type { DesktopPdf, PrintOutcome } from '../../../shared/contract/bridge';
import { ReplacingDetails, type LetterSelection, type LettersPrintOutput } from '../../../shared/contract/letters';
import { getBridge } from '../../transport/bridge';
import { call, CallError, errorMessage } from '../../transport/call';
import { downloadPdf } from './download';

/** Electron's print and save-as, or null in browser mode (only the preload provides them). */
export function desktopPdf(): DesktopPdf | null {
  return getBridge().pdf ?? null;
}

/**
 * The last result of each place that prints (« letters », a list, a guardian's page), so that
 * leaving the page and coming back still shows it and its « Imprimer » (the bytes themselves
 * stay in the main process). Never holds the PDF: browser mode has downloaded it already.
 */
export const useLastPrint = create<{ byPlace: Readonly<Record<string, LettersPrintOutput>>; set: (place: string, r: LettersPrintOutput) => void }>((set) => ({
  byPlace: {},
  set: (place, r) => set((s) => ({ byPlace: { ...s.byPlace, [place]: r } })),
}));

/** After letters.print: browser mode downloads the PDF; Electron does not (its main process kept
 * it). What is kept in the renderer never carries the bytes. */
export function deliverPrint(
  r: LettersPrintOutput,
  pdf: DesktopPdf | null,
  download: (pdfBase64: string, fileName: string) => void = downloadPdf,
): LettersPrintOutput {
  if (!pdf) download(r.pdfBase64, r.fileName);
  return { ...r, pdfBase64: '' };
}

/** Runs one async action at a time; `busy` and the French error always settle, whatever happens. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const run = useCallback(async (action: () => Promise<void>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}

/** The core refused a batch voiding letters nobody confirmed: what it would void, else null. */
export function replacingRefused(err: unknown): ReplacingDetails | null {
  if (!(err instanceof CallError) || err.code !== 'conflict') return null;
  const parsed = ReplacingDetails.safeParse(err.details);
  return parsed.success && parsed.data.letters > 0 ? parsed.data : null;
}

/** A print waiting for « Imprimer et remplacer ». */
export interface PendingReplace {
  selection: LetterSelection;
  reissue: boolean;
  replacing: ReplacingDetails;
}

/**
 * Printing issues new passwords and voids the previous ones: a batch that would replace letters
 * (known from the preview, or refused by the core when the preview was stale or there was none)
 * waits in `pending` until confirmed; the core checks again that no more than that is voided.
 */
export function usePrintLetters(place: string, onPrinted?: (result: LettersPrintOutput) => void) {
  const { busy, error, run } = useAction();
  const result = useLastPrint((s) => s.byPlace[place] ?? null);
  const keep = useLastPrint((s) => s.set);
  const [pending, setPending] = useState<PendingReplace | null>(null);

  const send = useCallback(
    (selection: LetterSelection, reissue: boolean, confirmed: number) =>
      run(async () => {
        try {
          const r = deliverPrint(await call('letters.print', { selection, reissue, confirmedReplacements: confirmed }), desktopPdf());
          keep(place, r);
          onPrinted?.(r);
        } catch (err) {
          const replacing = replacingRefused(err);
          if (!replacing) throw err;
          // Nothing was issued: ask, with the core's current count.
          setPending({ selection, reissue, replacing });
        }
      }),
    [run, keep, place, onPrinted],
  );

  /** `known`: what the preview says the batch would void; a print voiding nothing goes straight through. */
  const print = useCallback(
    async (selection: LetterSelection, reissue = false, known?: ReplacingDetails) => {
      if (known && known.letters > 0) {
        setPending({ selection, reissue, replacing: known });
        return;
      }
      await send(selection, reissue, 0);
    },
    [send],
  );

  const confirm = useCallback(async () => {
    if (!pending) return;
    setPending(null);
    await send(pending.selection, pending.reissue, pending.replacing.letters);
  }, [pending, send]);

  const cancel = useCallback(() => setPending(null), []);

  return { busy, error, result, print, pending, confirm, cancel };
}

const OUTCOME: Record<PrintOutcome, string> = {
  printed: 'Courriers envoyés à l’imprimante.',
  cancelled: 'Impression annulée.',
  manual: 'Le document est ouvert dans la fenêtre d’impression : utilisez son bouton d’impression.',
};

/** « Imprimer » / « Enregistrer en PDF » in Electron: asks the main process for the kept batch by
 * its id (nothing else is sent) and says how it went; failures throw the French message. */
export async function desktopAction(pdf: DesktopPdf, action: 'print' | 'save', batchId: string): Promise<string> {
  if (action === 'print') {
    const r = await pdf.print({ batchId });
    if (!r.ok) throw new CallError(r.error);
    return OUTCOME[r.value.outcome];
  }
  const r = await pdf.save({ batchId });
  if (!r.ok) throw new CallError(r.error);
  return r.value.saved ? 'Fichier enregistré.' : 'Enregistrement annulé.';
}
