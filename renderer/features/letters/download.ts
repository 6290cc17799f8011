/** Saves the PDF bytes with the browser's download (browser mode; Electron prints or saves
 * through the main process instead, see usePrintLetters). */
export function downloadPdf(base64: string, fileName: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Let the download start before the bytes go: they hold temporary passwords.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
