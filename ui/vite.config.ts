import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/** Asks for the fonts of the first screen as soon as the page is parsed, beside the script,
 *  instead of when the first layout discovers them. */
function preloadFonts(): Plugin {
  const wanted = [/arabic-arabic-400-normal/, /arabic-arabic-700-normal/, /arabic-latin-400-normal/];
  return {
    name: 'mahdar-preload-fonts',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const files = Object.keys(ctx.bundle ?? {}).filter((f) => f.endsWith('.woff2') && wanted.some((w) => w.test(f)));
        return files.map((f) => ({
          tag: 'link',
          attrs: { rel: 'preload', as: 'font', type: 'font/woff2', href: `/${f}`, crossorigin: '' },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

// The app runs under `script-src 'self'; style-src 'self'; font-src 'self'`: every asset must be
// a file of its own (no data: URIs), and component styles go to a stylesheet, never a <style>.
export default defineConfig({
  plugins: [svelte(), preloadFonts()],
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
