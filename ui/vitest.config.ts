import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Unit tests are plain TypeScript (no components): catalogues, matching, formatting, the mock's
// rules and a scan of the sources. The Svelte plugin compiles the `.svelte.ts` rune modules.
// One worker: the machine is shared with a Rust build.
export default defineConfig({
  plugins: [svelte()],
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    pool: 'threads',
    maxWorkers: 1,
    watch: false,
  },
});
