import base from '../vite.config';

/**
 * The test harness built as the app is, for the list's benchmark: React's
 * production build and the bundle the window runs, with the mocked backend
 * in front (`test/harness.html`), served by `vite preview` under the app's
 * Content-Security-Policy. Never part of the app's build (`dist/`).
 */
export default {
  ...base,
  build: {
    ...base.build,
    outDir: '.bench-dist',
    // The harness awaits at its top level, which the app's targets leave out.
    target: 'esnext',
    rolldownOptions: { input: 'test/harness.html' },
  },
};
