import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built once and served either by Electron (custom protocol) or by the browser host.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
});
