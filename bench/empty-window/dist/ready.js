// Report the first frame, as Mahdar's UI does once its first screen is drawn.
requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke('ui_ready'));
