import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'jsdom',
      include: ['tests/unit/**/*.spec.ts'],
      setupFiles: ['tests/unit/setup.ts'],
      restoreMocks: true,
      // Mounting a whole page with Element Plus can take seconds on a loaded 2-core machine (seen: 4.3 s
      // with CI running; 40–60 s with six helpers testing at once); a limit, not a speed check — speed is
      // measured by `pnpm bench`.
      testTimeout: 60_000,
    },
  }),
);
