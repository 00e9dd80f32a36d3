import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Shared with vitest.config.ts. The libs are imported from their TypeScript sources (their dist is CommonJS). */
export const alias = {
  '@/': here('./src/'),
  '@jixiao/contracts': here('../../libs/contracts/src/index.ts'),
  '@jixiao/domain': here('../../libs/domain/src/index.ts'),
  '@jixiao/api-client': here('../../libs/api-client/src/index.ts'),
};

/** Where `vite` (dev and preview) sends `/api`; the API listens on 3000 by default. */
const apiTarget = process.env.API_PROXY_TARGET ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: Object.entries(alias).map(([find, replacement]) =>
      find.endsWith('/') ? { find, replacement } : { find: new RegExp(`^${find}$`), replacement },
    ),
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  preview: {
    port: 4173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Element Plus is bundled whole (no CDN on government intranets); it is one cacheable chunk.
    chunkSizeWarningLimit: 1100,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'element-plus', test: /node_modules[\\/](\.pnpm[\\/])?(element-plus|@element-plus)/ },
            { name: 'vendor', test: /node_modules/ },
          ],
        },
      },
    },
  },
});
