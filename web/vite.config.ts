// Vite build of the investigator web application; `npm run build:web` writes web/dist, served by src/webapp.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  logLevel: 'warn',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1024 },
  // `npx vite --config web/vite.config.ts` for live editing against a server on :8080.
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
