// What every end-to-end script shares: where the app and the command line are, the
// tauri-driver it talks to, and the steps a person takes (find, type, wait for "saved").
// Every wait has a timeout: a hung app fails the test instead of hanging CI.

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Builder, By, Key, until } from 'selenium-webdriver';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '..', '..');
export const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(repo, 'target');
export const APP = process.env.MAHDAR_APP ?? path.join(targetDir, 'debug', 'mahdar-app');
export const SHOTS = process.env.MAHDAR_E2E_SHOTS ?? path.join(repo, 'target', 'e2e-screenshots');
// A port of our own (not WebDriver's usual 4444, which another server may hold).
export const PORT = Number(process.env.MAHDAR_E2E_PORT ?? 14444 + (process.pid % 1000) * 2);
export const STEP = 20_000; // ms, the longest any single step may take

async function waitForDriver() {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`http://127.0.0.1:${PORT}/status`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`tauri-driver did not answer on 127.0.0.1:${PORT} within 30 s`);
}

/**
 * Starts the app on a data folder (`dir`; none: its default one) and returns a WebDriver
 * session. A data folder opens on the first-run screens until they are done once: with
 * `firstRun: 'skip'` (the default) they are skipped as a person would (“skip setup”), for
 * tests about what comes after; `'keep'` leaves them to the test.
 */
export async function launch(dir, { firstRun = 'skip' } = {}) {
  const session = new Builder()
    .usingServer(`http://127.0.0.1:${PORT}/`)
    .withCapabilities({
      browserName: 'wry',
      'tauri:options': { application: APP, args: dir === undefined ? [] : ['--data-dir', dir] },
    })
    .build();
  const timeout = new Promise((_, reject) =>
    setTimeout(() => reject(new Error('the app did not open a WebDriver session within 60 s')), 60_000).unref(),
  );
  const driver = await Promise.race([session, timeout]);
  await driver.manage().setTimeouts({ implicit: 0, pageLoad: STEP, script: STEP });
  if (firstRun === 'skip') await skipFirstRun(driver);
  return driver;
}

/** Once the app has started: leaves the first-run screens by “skip setup”, if they are shown. */
export async function skipFirstRun(driver) {
  await driver.wait(
    async () => (await driver.executeScript('return document.documentElement.dataset.started')) === 'true',
    STEP,
    'the app has started',
  );
  if ((await driver.executeScript('return document.documentElement.dataset.firstRun')) !== 'true') return;
  await (await find(driver, 'first-run-skip-all')).click();
  await driver.wait(async () => (await all(driver, 'first-run')).length === 0, STEP, 'the first run is skipped');
}

export const byId = (id) => By.css(`[data-testid="${id}"]`);

export async function find(driver, id) {
  const el = await driver.wait(until.elementLocated(byId(id)), STEP, `${id} appears`);
  await driver.wait(until.elementIsVisible(el), STEP, `${id} is visible`);
  return el;
}

export async function all(driver, id) {
  return driver.findElements(byId(id));
}

export async function waitCount(driver, id, n) {
  await driver.wait(async () => (await all(driver, id)).length === n, STEP, `${n} × ${id}`);
  return all(driver, id);
}

export async function shot(driver, name) {
  writeFileSync(path.join(SHOTS, `${name}.png`), await driver.takeScreenshot(), 'base64');
}

export async function savedState(driver) {
  await driver.wait(
    async () => (await (await find(driver, 'save-state')).getAttribute('data-state')) === 'saved',
    STEP,
    'the save indicator says saved (after the store flushed)',
  );
}

export async function addNewPerson(driver, name, title) {
  // The search stays open after an attendee is added, ready for the next one.
  if ((await all(driver, 'person-search')).length === 0) {
    await (await find(driver, 'attendance-add')).click();
  }
  const search = await find(driver, 'person-search');
  await search.clear();
  await search.sendKeys(name);
  await (await find(driver, 'person-new')).click();
  const nameField = await find(driver, 'person-new-name-ar');
  await nameField.clear();
  await nameField.sendKeys(name);
  await (await find(driver, 'person-new-title')).sendKeys(title);
  await (await find(driver, 'person-new-save')).click();
}

export async function say(driver, speakerQuery, text) {
  const speaker = await find(driver, 'speaker-input');
  await driver.wait(async () => (await driver.switchTo().activeElement().getAttribute('data-testid')) === 'speaker-input', STEP, 'the speaker box has focus');
  await speaker.sendKeys(speakerQuery);
  await find(driver, 'speaker-option');
  await speaker.sendKeys(Key.ENTER);
  const box = await find(driver, 'statement-input');
  await driver.wait(async () => (await driver.switchTo().activeElement().getAttribute('data-testid')) === 'statement-input', STEP, 'Enter moves to the statement box');
  await box.sendKeys(text, Key.ENTER);
  await savedState(driver);
}

/** The command line, built beside the app. */
export const CLI = path.join(targetDir, 'debug', 'mahdar');
// Room for what a long run prints (a meeting's whole history after thousands of edits).
export const mahdarCli = (...args) =>
  execFileSync(CLI, ['--lang', 'en', ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 512 * 1024 * 1024 });

/**
 * Starts tauri-driver on PORT (and its native port, PORT + 1); resolves once it answers.
 * Returns the process, to kill at the end.
 */
export async function startDriver() {
  assert.ok(existsSync(APP), `the app is built at ${APP} (cargo build -p mahdar-app)`);
  assert.ok(process.env.DISPLAY, 'run under Xvfb (xvfb-run -a …): without a display WebDriver hangs');
  if (await fetch(`http://127.0.0.1:${PORT}/status`).then(() => true, () => false)) {
    throw new Error(`something already answers on 127.0.0.1:${PORT}; set MAHDAR_E2E_PORT to a free port`);
  }
  const child = spawn('tauri-driver', ['--port', String(PORT), '--native-port', String(PORT + 1)], {
    stdio: ['ignore', 'inherit', 'inherit'],
    // No session bus under a bare Xvfb: GTK's file chooser keeps its settings in memory
    // instead of warning on every change that dconf cannot be reached.
    env: { ...process.env, GSETTINGS_BACKEND: 'memory' },
  });
  const failed = new Promise((_, reject) => {
    child.on('error', (e) => reject(new Error(`tauri-driver could not start (cargo install tauri-driver --locked): ${e.message}`)));
    child.on('exit', (code) => reject(new Error(`tauri-driver exited with ${code}`)));
  });
  failed.catch(() => {});
  await Promise.race([waitForDriver(), failed]);
  return child;
}

/**
 * The seed meeting written into `dir` by the `mahdar` command, with a secretary's profile; the
 * app started on it and the meeting open (its 8 statements shown). Returns the WebDriver session.
 */
export async function launchOnSeedMeeting(dir) {
  mahdarCli('--data-dir', dir, 'demo');
  mahdarCli('--data-dir', dir, 'user', 'set', 'أمينة الكاتبة', '--role', 'secretary');
  const driver = await launch(dir);
  try {
    await (await find(driver, 'nav-meetings')).click();
    await (await waitCount(driver, 'meeting-item', 1))[0].click();
    await waitCount(driver, 'statement-item', 8);
    return driver;
  } catch (e) {
    await driver.quit().catch(() => {});
    throw e;
  }
}
