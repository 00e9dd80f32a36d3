import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
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

/** The libraries every page needs; Element Plus is split with the pages that use its components. */
const VENDOR = /node_modules[\\/](vue|@vue|vue-router|vue-i18n|@intlify|pinia|openapi-fetch)[\\/]/;

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus on demand: each <el-*> tag (and v-loading) imports its component and its CSS
    // where it is used, instead of the whole library and its 350 kB stylesheet on the first load.
    // Types of the tags come from `element-plus/global` (tsconfig), so no components.d.ts is written.
    // Unit tests (vitest, Node) load no stylesheets.
    Components({
      resolvers: [ElementPlusResolver({ importStyle: process.env.VITEST ? false : 'css', directives: true })],
      dts: false,
      dirs: [],
    }),
  ],
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
    // Element Plus is bundled (no CDN on government intranets), imported on demand and split with
    // the pages that use it; the framework libraries are one cacheable chunk.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'vendor', test: VENDOR }],
        },
      },
    },
  },
});
