// The installed package, as a delegate first opens it: Mahdar installed from its .deb
// (scripts/ci.sh package installs it with apt), started from /usr/bin on its default data
// folder, in a network namespace with nothing but loopback.
//
//   MAHDAR_APP=/usr/bin/mahdar-app  unshare --net … xvfb-run -a node --test package.e2e.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { APP, SHOTS, STEP, startDriver, launch, find, all, waitCount, shot } from './driver.mjs';

// A home of its own: the default data folder is then $XDG_DATA_HOME/mahdar, as on a new
// laptop. Set before tauri-driver starts, which passes its environment to the app.
const home = mkdtempSync(path.join(tmpdir(), 'mahdar-package-home-'));
process.env.HOME = home;
process.env.XDG_DATA_HOME = path.join(home, '.local', 'share');
process.env.XDG_CONFIG_HOME = path.join(home, '.config');
process.env.XDG_CACHE_HOME = path.join(home, '.cache');
delete process.env.MAHDAR_DATA_DIR;
const dataDir = path.join(process.env.XDG_DATA_HOME, 'mahdar');

// Which package: the screenshots are named after it.
const kind = APP.endsWith('.AppImage') ? 'appimage' : 'deb';
let driverProcess;

// The AppImage's runtime extracts it under /tmp and removes that copy when the app it started
// ends by itself; ended from outside (below), it leaves it: removed after the test.
const extracted = () =>
  readdirSync('/tmp').filter((name) => name.startsWith('appimage_extracted_')).map((name) => path.join('/tmp', name));
const extractedBefore = new Set(extracted());

/**
 * The AppImage's runtime starts the app as its child and waits for it; WebDriver's quit ends
 * the runtime only, so the app it started is ended here (a person closing the window ends both).
 */
async function endAppImage() {
  if (kind !== 'appimage') return;
  const running = () => {
    try {
      return execFileSync('pgrep', ['-f', 'appimage_extracted_[0-9a-f]*/AppRun'], { encoding: 'utf8' }).trim() !== '';
    } catch {
      return false; // pgrep: none
    }
  };
  if (running()) execFileSync('pkill', ['-TERM', '-f', 'appimage_extracted_[0-9a-f]*/AppRun']);
  const deadline = Date.now() + STEP;
  while (running() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  assert.ok(!running(), 'the AppImage app has ended');
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  driverProcess = await startDriver();
});

after(() => {
  driverProcess?.kill();
  for (const dir of extracted()) {
    if (!extractedBefore.has(dir)) rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 500 });
  }
  // The web process may still be writing its shader cache for a moment after the app quit:
  // a temporary folder left behind is no failure of the app.
  try {
    rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 500 });
  } catch (e) {
    console.error(`# ${home} left behind: ${e.message}`);
  }
});

test(`the ${kind === 'deb' ? 'installed app' : 'AppImage'} opens on the first-run screens in Arabic, right to left, and loads the example meeting with no network`, async () => {
  assert.ok(
    APP.startsWith('/usr/bin/') || APP.endsWith('.AppImage'),
    `the installed app or the AppImage (MAHDAR_APP=${APP})`,
  );
  // No network: this runs in a namespace of its own, where loopback is the only interface
  // (/proc/net/dev lists the namespace's own; /sys/class/net would list the host's).
  const interfaces = readFileSync('/proc/net/dev', 'utf8')
    .split('\n')
    .slice(2)
    .map((line) => line.split(':')[0].trim())
    .filter(Boolean);
  assert.deepEqual(interfaces, ['lo'], `no network interface but loopback (${interfaces})`);

  let driver = await launch(undefined, { firstRun: 'keep' });
  try {
    const wizard = await find(driver, 'first-run');
    await find(driver, 'first-run-step-language');
    const [dir, lang] = await driver.executeScript(
      'return [document.documentElement.dir, document.documentElement.lang]',
    );
    assert.equal(dir, 'rtl', 'right to left');
    assert.equal(lang, 'ar', 'in Arabic');
    assert.match(await wizard.getText(), /محضر/, 'the welcome names Mahdar in Arabic');
    const arabic = await find(driver, 'first-run-lang-ar');
    assert.ok(
      (await arabic.isSelected()) || (await arabic.getAttribute('aria-pressed')) === 'true' ||
        (await arabic.getAttribute('aria-checked')) === 'true',
      'Arabic is preselected',
    );
    await shot(driver, `${kind}-01-first-run`);

    // Language: kept as is. Name and role: given. Passphrase and sync server: skipped.
    await (await find(driver, 'first-run-next')).click();
    await find(driver, 'first-run-step-profile');
    await (await find(driver, 'first-run-name')).sendKeys('نادية العلوي');
    await driver.executeScript(
      "arguments[0].value = 'secretary'; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
      await find(driver, 'first-run-role'),
    );
    await (await find(driver, 'first-run-next')).click();
    await find(driver, 'first-run-step-passphrase');
    await (await find(driver, 'first-run-skip')).click();
    await find(driver, 'first-run-step-sync');
    await (await find(driver, 'first-run-skip')).click();
    await find(driver, 'first-run-step-example');
    await shot(driver, `${kind}-02-first-run-example`);
    await (await find(driver, 'first-run-load-example')).click();
    await (await find(driver, 'first-run-finish')).click();

    // The example meeting is there, loaded on this laptop alone.
    await driver.wait(
      async () => (await all(driver, 'first-run')).length === 0,
      STEP,
      'the first-run screens close',
    );
    await driver.wait(
      async () =>
        (await all(driver, 'meeting-page')).length === 1 || (await all(driver, 'meeting-item')).length === 1,
      STEP,
      'the example meeting is shown',
    );
    if ((await all(driver, 'meeting-page')).length === 0) {
      await (await waitCount(driver, 'meeting-item', 1))[0].click();
    }
    await find(driver, 'meeting-page');
    await waitCount(driver, 'statement-item', 8);
    await shot(driver, `${kind}-03-example-meeting`);
  } catch (e) {
    await shot(driver, `${kind}-failure`).catch(() => {});
    throw e;
  } finally {
    await driver.quit();
    await endAppImage();
  }
  assert.ok(existsSync(path.join(dataDir, 'store')), `the default data folder ${dataDir}`);

  // Started again: straight to the work, the first run is over.
  driver = await launch(undefined, { firstRun: 'keep' });
  try {
    await waitCount(driver, 'meeting-item', 1);
    assert.equal((await all(driver, 'first-run')).length, 0, 'the first run is not shown again');
  } catch (e) {
    await shot(driver, `${kind}-failure-restart`).catch(() => {});
    throw e;
  } finally {
    await driver.quit();
    await endAppImage();
  }
});
