import { defineConfig } from 'vite';

/** The editor is served by the runtime from `dist/`; `npm run dev` proxies the API to it. */
export default defineConfig({
  server: { proxy: { '/api': 'http://localhost:8080', '/hooks': 'http://localhost:8080' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // React Server Components' "use client" markers mean nothing in this client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
