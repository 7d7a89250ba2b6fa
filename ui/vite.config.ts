import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import tauriConfig from '../src-tauri/tauri.conf.json' with { type: 'json' };

/**
 * The Content-Security-Policy the desktop app runs under, read from the Tauri
 * configuration (the one place it is written). `vite preview` serves the
 * production build with it so the browser tests prove the bundle needs no
 * inline script and no eval. Outside Tauri there is no IPC, so connect-src is
 * narrowed to the page's own origin.
 */
export const PRODUCTION_CSP = Object.entries(tauriConfig.app.security.csp)
  .map(([directive, sources]) =>
    directive === 'connect-src' ? `${directive} 'self'` : `${directive} ${sources}`,
  )
  .join('; ');

export default defineConfig({
  plugins: [react()],
  // Relative asset URLs: the bundle works whatever path it is served from.
  base: './',
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
  },
  preview: {
    port: 5180,
    strictPort: true,
    headers: { 'Content-Security-Policy': PRODUCTION_CSP },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // WebKitGTK, WebView2 and WKWebView all handle this.
    target: ['es2021', 'safari15'],
    sourcemap: false,
    // Only the app itself: the test harness under test/ never ships.
    rolldownOptions: {
      input: 'index.html',
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
