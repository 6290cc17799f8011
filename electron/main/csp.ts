// The Content-Security-Policy of the renderer, the same in Electron and in browser mode.
// No inline script, no eval, no remote origin: the renderer only talks to its own origin
// (browser mode) or to nothing at all (Electron, where window.sesame goes over IPC).
// `blob:` for images and frames lets the letters page preview a PDF built in memory.

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
