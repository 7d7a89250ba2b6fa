import { defineConfig, devices } from '@playwright/test';

/**
 * Ports from the environment, so two checkouts can run their browser tests
 * side by side: DOJANG_HARNESS_PORT, DOJANG_PREVIEW_PORT.
 */
function port(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0 || value > 65535) {
    throw new Error(`${name} must be a port number, not ${process.env[name] ?? ''}`);
  }
  return value;
}

/** The vite dev server that serves the test harness. */
const HARNESS_PORT = port('DOJANG_HARNESS_PORT', 5179);
/** `vite preview` of the production build, served under the app's CSP. */
const PREVIEW_PORT = port('DOJANG_PREVIEW_PORT', 5180);

export default defineConfig({
  testDir: './tests/browser',
  reporter: 'list',
  // Two cores: one browser at a time keeps the machine responsive.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://127.0.0.1:${HARNESS_PORT}`,
    viewport: { width: 1040, height: 720 },
    locale: 'ko-KR',
    timezoneId: 'Asia/Seoul',
    colorScheme: 'light',
    // Debian's Chromium: Playwright never downloads a browser of its own.
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: `npx vite --host 127.0.0.1 --port ${HARNESS_PORT} --strictPort`,
      url: `http://127.0.0.1:${HARNESS_PORT}/test/harness.html`,
      // Never another checkout's server: a busy port fails loudly instead.
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `npx vite build --logLevel warn --outDir .preview-dist && npx vite preview --outDir .preview-dist --host 127.0.0.1 --port ${PREVIEW_PORT} --strictPort`,
      url: `http://127.0.0.1:${PREVIEW_PORT}/`,
      // Never another checkout's server: a busy port fails loudly instead.
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
