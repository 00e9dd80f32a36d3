import { defineConfig } from 'vitest/config';

// Vitest sets process.env.BASE_URL to Vite's base ('/') inside tests; hand the caller's value
// (the app's address) over under a name of our own.
const appUrl = process.env.BASE_URL && process.env.BASE_URL !== '/' ? process.env.BASE_URL : 'http://localhost:3000';

/** Browser flows against a running app (BASE_URL, default http://localhost:3000); not part of `test`. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/browser/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // pages load a few requests after a navigation; on a busy 2-core machine that takes more than the default second
    expect: { poll: { timeout: 10_000 } },
    env: { JIXIAO_BASE_URL: appUrl },
  },
});
