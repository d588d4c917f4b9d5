import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// The dev server forwards the API to a running `parley serve`. The Host header is
// left as the browser sent it so that the server's same-origin check on the
// cookie-authenticated websocket sees matching Origin and Host.
const api = process.env.PARLEY_API ?? 'http://127.0.0.1:8090';

export default defineConfig({
  base: '/',
  plugins: [preact({ prerender: { enabled: false } })],
  server: {
    proxy: {
      '/api': { target: api, ws: true, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    assetsDir: 'assets',
  },
});
