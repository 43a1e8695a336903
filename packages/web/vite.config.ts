import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The clinician's web client. The server serves `dist/` at `/`; in development Vite proxies `/api` to it. */
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': 'http://localhost:8080' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
