// The registry's web console, built with Vite (independent of WXT) into server/console/dist and
// served by the registry under /console/ (server/console/serve.ts).
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Always React's production build, whoever runs the build: vitest's global setup runs it with
// NODE_ENV=test, which would otherwise ship React's development runtime and jsxDEV calls.
process.env.NODE_ENV = 'production';

export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [react()],
  mode: 'production',
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    // No inline scripts or styles: the registry serves the console with a strict CSP.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  logLevel: 'warn',
});
