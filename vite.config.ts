import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { guidePlugin } from './scripts/docs/guide-html';

// The renderer is built once and served either by Electron (custom protocol) or by the browser host.
// The technician's guide (docs/guide) goes with it as HTML, for the in-app help (offline).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), guidePlugin(new URL('./docs/guide', import.meta.url).pathname)],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
});
