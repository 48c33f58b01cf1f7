import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web app: Vite 8 with its built-in Oxc transform for JSX (automatic runtime; no React plugin,
 * so no Fast Refresh in `vite dev`). Built into web/dist, which the API serves at `/`.
 * In development, `npx vite web` proxies the API running on :3000.
 * vite-plugin-pwa builds our own service worker (src/sw.ts → dist/sw.js, `injectManifest`: Workbox
 * fills in the precache list) and writes dist/manifest.webmanifest; the page registers the worker
 * itself (api/service-worker.ts): the plugin's inline registration script would break the CSP.
 */
export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  plugins: [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      injectRegister: false,
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png}'] },
      manifest: {
        id: '/',
        name: 'Habit tracker',
        short_name: 'Habits',
        description: 'Check habits off in ten seconds, see streaks and scores.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f6f7f9',
        theme_color: '#1b6b3a',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      // TanStack Query's "use client" directives mean nothing without server components.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
