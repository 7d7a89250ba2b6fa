import { defineConfig } from '@playwright/test';

import base from '../playwright.config';

/**
 * The list's benchmark (`scripts/bench-list.sh`), apart from the tests: it
 * times, and asserts nothing about time. Chromium against the production
 * build of the harness (`bench/vite.config.ts`), a thousand certificates
 * from the mocked backend. Port from DOJANG_BENCH_PORT (5190 unless set).
 */
const PORT = Number(process.env.DOJANG_BENCH_PORT ?? 5190);

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.bench.ts',
  timeout: 300_000,
  use: { ...base.use, baseURL: `http://127.0.0.1:${PORT}` },
  webServer: {
    command: `npx vite build --config bench/vite.config.ts --logLevel warn && npx vite preview --config bench/vite.config.ts --host 127.0.0.1 --port ${PORT} --strictPort`,
    cwd: '..',
    url: `http://127.0.0.1:${PORT}/test/harness.html`,
    reuseExistingServer: false,
    timeout: 180_000,
  },
});
