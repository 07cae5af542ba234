import { defineConfig } from '@playwright/test';

// MAHDAR_PREVIEW_PORT moves the preview server when 4173 is taken (two checkouts at once).
const PORT = Number(process.env.MAHDAR_PREVIEW_PORT ?? 4173);
// MAHDAR_DIST serves a build made elsewhere (`vite build --outDir …`), leaving ui/dist, which the
// desktop app embeds, alone while it is being built.
const DIST = process.env.MAHDAR_DIST;

// The built UI (vite preview, under the app's CSP) with the in-memory mock backend, in Debian's
// Chromium (never a downloaded browser). One worker: the machine is shared.
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/artifacts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 800 },
    locale: 'ar-MA',
    timezoneId: 'Africa/Casablanca',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'off',
    screenshot: 'off',
  },
  webServer: {
    command: `npx vite preview --port ${PORT}${DIST ? ` --outDir ${JSON.stringify(DIST)}` : ''}`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
