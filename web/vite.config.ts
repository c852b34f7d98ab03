// Builds the staff app into dist/ (index.html + hashed files under
// dist/assets/), which `anagen serve --web-root` serves at `/`.
// `npm run dev` serves it with hot reload and forwards /api to a local
// server (ANAGEN_API, default http://127.0.0.1:8080).
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [preact({ devToolsEnabled: false })],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: { '/api': process.env.ANAGEN_API || 'http://127.0.0.1:8080' },
  },
});
