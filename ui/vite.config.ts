import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The app runs under `script-src 'self'; style-src 'self'; font-src 'self'`: every asset must be
// a file of its own (no data: URIs), and component styles go to a stylesheet, never a <style>.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    cssCodeSplit: false,
  },
  server: { port: 5173, strictPort: true },
  // The preview serves the build under the desktop app's CSP, so the browser tests fail on any
  // inline script or style.
  preview: {
    port: 4173,
    strictPort: true,
    host: '127.0.0.1',
    headers: {
      'Content-Security-Policy':
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    },
  },
});
