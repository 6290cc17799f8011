import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The dev server injects an inline script (React refresh preamble) that our strict CSP forbids;
 * the CSP matters for the built files Electron and browser mode load, so drop it only when serving.
 */
const devWithoutCsp = (): Plugin => ({
  name: 'sesame-dev-without-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/, ''),
});

export default defineConfig({
  root: here('./renderer'),
  // Electron loads the renderer from file://, so every asset URL must be relative.
  base: './',
  plugins: [react(), devWithoutCsp()],
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 1000,
  },
  server: { host: '127.0.0.1' },
});
