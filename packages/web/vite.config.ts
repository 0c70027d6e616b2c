import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server serves dist/ at `/`; routes are hash routes (#/apps/…), so relative asset paths work anywhere.
export default defineConfig({
  base: './',
  plugins: [react()],
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // MapLibre GL is one big lazy chunk (the map viewer only); the initial bundle stays small.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      treeshake: {
        // @tweeling/core is pure (schemas, no I/O): the web app uses only its vocabulary, so its zod schemas,
        // which it never calls, are left out of the bundle.
        moduleSideEffects: [{ test: /packages[\\/]core[\\/]|node_modules[\\/]zod[\\/]/, sideEffects: false }],
        manualPureFunctions: ['z'],
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
