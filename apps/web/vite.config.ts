import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The web client is built on its own; the API serves apps/web/dist with an SPA fallback.
const root = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = 'http://127.0.0.1:3000';
const proxy = {
  '/api': { target: apiTarget, changeOrigin: false },
  '/media': { target: apiTarget, changeOrigin: false },
};

export default defineConfig({
  root,
  base: '/',
  // Vite 8 transforms TS/JSX with oxc; React 19 uses the automatic runtime (no React import needed).
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Read by scripts/check-bundle-size.mjs to enforce the map page's JS budget.
    manifest: true,
    chunkSizeWarningLimit: 400,
  },
  server: { port: 5173, strictPort: true, proxy },
  preview: { port: 5174, proxy },
});
