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

const rendererRoot = here('./renderer');

/**
 * The renderer's root wins even over a caller's inline `root` (scripts/build.mjs passes the repo
 * root to `vite.build`, which would otherwise replace this file's value).
 */
const rendererRootWins = (): Plugin => ({
  name: 'sesame-renderer-root',
  config: () => ({ root: rendererRoot }),
});

export default defineConfig({
  root: rendererRoot,
  // Electron loads the renderer from file://, so every asset URL must be relative.
  base: './',
  plugins: [rendererRootWins(), react(), devWithoutCsp()],
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 1000,
  },
  server: { host: '127.0.0.1' },
});
