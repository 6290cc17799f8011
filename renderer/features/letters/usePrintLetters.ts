// Printing a batch, the same from every page: the core issues the credentials and renders the
// PDF; in browser mode the PDF is downloaded at once, in Electron the result offers « Imprimer »
// and « Enregistrer en PDF » (see PrintResult).
import { useCallback, useState } from 'react';
import type { DesktopPdf } from '../../../shared/contract/bridge';
import type { LetterSelection, LettersPrintOutput } from '../../../shared/contract/letters';
import { getBridge } from '../../transport/bridge';
import { call, errorMessage } from '../../transport/call';
import { downloadPdf } from './download';

/** Electron's print and save-as, or null in browser mode (only the preload provides them). */
export function desktopPdf(): DesktopPdf | null {
  return getBridge().pdf ?? null;
}

export function usePrintLetters(onPrinted?: (result: LettersPrintOutput) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<LettersPrintOutput | null>(null);

  const print = useCallback(
    async (selection: LetterSelection, reissue = false) => {
      setBusy(true);
      setError(null);
      setResult(null);
      try {
        const r = await call('letters.print', { selection, reissue });
        if (!desktopPdf()) downloadPdf(r.pdfBase64, r.fileName);
        setResult(r);
        onPrinted?.(r);
      } catch (err) {
        setError(errorMessage(err));
      } finally {
        setBusy(false);
      }
    },
    [onPrinted],
  );

  return { busy, error, result, print };
}
