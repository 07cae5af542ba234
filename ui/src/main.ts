// Entry point: fonts and styles, then the backend (the real one inside Tauri, the in-memory
// mock in a plain browser), then the app.

import './lib/common/fonts.css';
import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { startBoot } from './lib/ipc/boot';

declare global {
  interface Window {
    __TAURI_INTERNALS__?: unknown;
  }
}

async function start(): Promise<void> {
  // Marks of the start-up, for diagnostics (performance.getEntriesByType('mark')).
  performance.mark('mahdar:script');
  if (!window.__TAURI_INTERNALS__) {
    // Not inside Tauri: answer the backend's commands from memory (its own chunk, never loaded
    // by the desktop app).
    const { installMockBackend } = await import('./lib/ipc/mock');
    installMockBackend();
  }
  startBoot();
  const target = document.getElementById('app');
  if (!target) throw new Error('index.html has no #app element');
  mount(App, { target });
  performance.mark('mahdar:mounted');
}

void start();
