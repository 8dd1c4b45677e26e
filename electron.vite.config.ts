import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build for everything: the Electron main process, the CLI and the chunk worker share the
// "main" (Node) target; the preload and the React renderer get their own targets.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // Flat output: the engine finds its worker entries next to whichever entry loaded it.
        // Lazy imports become lazy require()s: they resolve the way the static ones do (also in app.asar).
        output: { chunkFileNames: '[name]-[hash].js', dynamicImportInCjs: false },
        input: {
          index: resolve('src-main/app/main.ts'),
          cli: resolve('src-main/cli/cli.ts'),
          'chunk-worker': resolve('src-main/engine/fetch/chunk-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve('src-main/preload/preload.ts') } },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      rollupOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
  },
});
