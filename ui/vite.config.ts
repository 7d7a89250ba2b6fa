import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import react from '@vitejs/plugin-react';
import { build, type Plugin } from 'vite';
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

/** WebKitGTK, WebView2 and WKWebView all handle this. */
const TARGET = ['es2021', 'safari15'];

/**
 * This build of the window: a digest of everything it is made from (its
 * sources, the page, the locked dependencies). A screen kept by one build is
 * never shown by another (`src/keptScreen.ts`).
 */
function buildId(): string {
  const hash = createHash('sha256');
  const add = (path: string) => {
    hash.update(path);
    hash.update(readFileSync(join(import.meta.dirname, path)));
  };
  const walk = (dir: string) => {
    const entries = readdirSync(join(import.meta.dirname, dir), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else add(path);
    }
  };
  walk('src');
  add('index.html');
  add('package-lock.json');
  return hash.digest('hex').slice(0, 20);
}

const define = { __DOJANG_BUILD__: JSON.stringify(buildId()) };

/**
 * The window's first script (`src/firstScreen.ts`), built on its own as a
 * classic script and put first in the page's head, so it runs before the
 * app's modules are even fetched: it asks for the list at once and shows the
 * screen kept from the last start.
 */
function firstScreenScript(): Plugin {
  const fileName = 'first-screen.js';
  return {
    name: 'dojang-first-screen',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (_html, context) =>
        // The app's page only: the test harness installs its backend first, then runs it.
        context.path === '/index.html'
          ? [{ tag: 'script', attrs: { src: `./${fileName}` }, injectTo: 'head-prepend' }]
          : [],
    },
    async generateBundle() {
      const built = await build({
        configFile: false,
        root: import.meta.dirname,
        logLevel: 'warn',
        define,
        build: {
          write: false,
          target: TARGET,
          minify: true,
          lib: { entry: 'src/firstScreen.ts', formats: ['iife'], name: 'dojangFirstScreen' },
        },
      });
      const output = (Array.isArray(built) ? built : [built]).flatMap((b) => ('output' in b ? b.output : []));
      const script = output.find((file) => file.type === 'chunk');
      if (script === undefined) throw new Error('the first script was not built');
      this.emitFile({ type: 'asset', fileName, source: script.code });
    },
  };
}

export default defineConfig({
  plugins: [react(), firstScreenScript()],
  define,
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
    target: TARGET,
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
