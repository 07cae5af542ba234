// The real Mahdar app, driven like a secretary would drive it: through WebDriver
// (tauri-driver → WebKitWebDriver → the app's WebKitGTK view), under Xvfb.
//
//   MAHDAR_APP=path/to/mahdar-app  xvfb-run -a node --test app.e2e.mjs
//
// Screenshots go to $MAHDAR_E2E_SHOTS (default: <repo>/target/e2e-screenshots) for a person
// to look at. Every wait has a timeout: a hung app fails the test instead of hanging CI.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { By, Key, until } from 'selenium-webdriver';
import {
  CLI, PORT, SHOTS, STEP, repo, startDriver, launch as launchOn, find, all, waitCount, shot, savedState,
  addNewPerson, say, mahdarCli,
} from './driver.mjs';
import { photo } from './images.mjs';

let driverProcess;
const dataDir = mkdtempSync(path.join(tmpdir(), 'mahdar-e2e-'));
const exportDir = mkdtempSync(path.join(tmpdir(), 'mahdar-e2e-export-'));

before(async () => {
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  driverProcess = await startDriver();
});

after(() => {
  driverProcess?.kill();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(exportDir, { recursive: true, force: true });
});

const launch = (dir = dataDir, options = undefined) => launchOn(dir, options);

const statements = [
  ['زنيبر', 'السعيد الزنيبر', 'أبرز المكانة المركزية التي يحتلها القطاع الاجتماعي في المخططات الجهوية والمحلية.'],
  ['حيار', 'عواطف حيار', 'قالت إن هذه اللقاءات تأتي في سياق وطني مطبوع بتفعيل النموذج التنموي الجديد.'],
  ['حيار', 'عواطف حيار', 'تقترح الوزارة شراكة تعبئ غلافا ماليا من 26 مليون درهم لتعزيز الاندماج الاقتصادي للنساء.'],
];

test('a meeting recorded in Arabic survives a restart', async () => {
  // A new data folder: the first-run screens come first, and are gone through.
  let driver = await launch(dataDir, { firstRun: 'keep' });
  try {
    await recordMeeting(driver);
  } catch (e) {
    await shot(driver, 'failure-first-session').catch(() => {});
    throw e;
  } finally {
    await driver.quit();
  }

  // Quit, start again: everything is there.
  driver = await launch();
  try {
    await findEverythingAgain(driver);
  } catch (e) {
    await shot(driver, 'failure-second-session').catch(() => {});
    throw e;
  } finally {
    await driver.quit();
  }
});

async function recordMeeting(driver) {
  {
    const html = await driver.wait(until.elementLocated(By.css('html[dir]')), STEP);
    assert.equal(await html.getAttribute('dir'), 'rtl', 'Arabic first, right to left');
    assert.equal(await html.getAttribute('lang'), 'ar');
    // The first run, in Arabic: the language as it is, the secretary's name and role, no
    // passphrase, no server, no example meeting.
    await find(driver, 'first-run-step-language');
    await shot(driver, '01-first-run');
    await (await find(driver, 'first-run-next')).click();
    await (await find(driver, 'first-run-name')).sendKeys('نادية العلوي');
    await driver.executeScript(
      "arguments[0].value = 'secretary'; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
      await find(driver, 'first-run-role'),
    );
    await (await find(driver, 'first-run-next')).click();
    await (await find(driver, 'first-run-skip')).click();
    await find(driver, 'first-run-step-sync');
    await (await find(driver, 'first-run-skip')).click();
    await find(driver, 'first-run-step-example');
    await (await find(driver, 'first-run-finish')).click();
    await find(driver, 'empty-state');
    await shot(driver, '01-empty');

    await (await find(driver, 'new-meeting')).click();
    await find(driver, 'meeting-form');
    const region = await find(driver, 'field-region');
    await driver.executeScript(
      "arguments[0].value = 'fes-meknes'; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
      region,
    );
    await (await find(driver, 'field-venue')).sendKeys('مقر ولاية جهة فاس مكناس');
    const date = await find(driver, 'field-date');
    await driver.executeScript(
      "arguments[0].value = '2026-11-28'; arguments[0].dispatchEvent(new Event('input', {bubbles: true})); arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
      date,
    );
    const format = await find(driver, 'field-format');
    await driver.executeScript(
      "arguments[0].value = 'hybrid'; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
      format,
    );
    await (await find(driver, 'meeting-save')).click();
    await find(driver, 'meeting-page');

    await addNewPerson(driver, 'عواطف حيار', 'وزيرة التضامن والادماج الاجتماعي والأسرة');
    await waitCount(driver, 'attendance-item', 1);
    await addNewPerson(driver, 'السعيد الزنيبر', 'والي جهة فاس مكناس عامل عمالة فاس');
    await waitCount(driver, 'attendance-item', 2);
    await shot(driver, '02-attendance');

    await (await find(driver, 'minutes-mode')).click();
    await find(driver, 'minutes-panel');
    for (const [query, , text] of statements) {
      await say(driver, query, text);
    }
    const items = await waitCount(driver, 'statement-item', 3);
    for (const [i, [, speaker, text]] of statements.entries()) {
      const shown = await items[i].getText();
      assert.ok(shown.includes(speaker), `statement ${i + 1} is ${speaker}'s: ${shown}`);
      assert.ok(shown.includes(text.slice(0, 20)), `statement ${i + 1} in order: ${shown}`);
    }
    await shot(driver, '03-minute-taking');
    await (await find(driver, 'minutes-exit')).click();

    await (await find(driver, 'action-add')).click();
    await find(driver, 'action-form');
    await (await find(driver, 'action-title')).sendKeys('شراكة لتعزيز الاندماج الاقتصادي للنساء');
    await (await find(driver, 'action-amount')).sendKeys('26 000 000', Key.TAB);
    // Leaving the field reads the amount; wait for it, as a person sees it, before saving.
    await driver.wait(
      async () => (await (await find(driver, 'action-form')).getText()).replace(/\D/g, '').includes('2600000000'),
      STEP,
      'the amount is read as 26 000 000',
    );
    await (await find(driver, 'action-save')).click();
    await waitCount(driver, 'action-item', 1);
    const total = await (await find(driver, 'actions-total')).getText();
    assert.match(total.replace(/[\s\u00a0\u202f.,٬٫]/g, ''), /26000000/, `the total shows 26 000 000: ${total}`);
    await shot(driver, '04-action');
  }
}

async function findEverythingAgain(driver) {
  {
    const meetings = await waitCount(driver, 'meeting-item', 1);
    await meetings[0].click();
    await find(driver, 'meeting-page');
    const attendees = await waitCount(driver, 'attendance-item', 2);
    assert.ok((await attendees[0].getText()).includes('عواطف حيار') || (await attendees[1].getText()).includes('عواطف حيار'));
    const items = await waitCount(driver, 'statement-item', 3);
    for (const [i, [, , text]] of statements.entries()) {
      assert.ok((await items[i].getText()).includes(text.slice(0, 20)), `statement ${i + 1} survived the restart`);
    }
    const action = await waitCount(driver, 'action-item', 1);
    assert.ok((await action[0].getText()).includes('شراكة لتعزيز الاندماج الاقتصادي للنساء'));
    await shot(driver, '05-after-restart');

    await (await find(driver, 'nav-settings')).click();
    const language = await find(driver, 'settings-language');
    await driver.executeScript(
      "arguments[0].value = 'fr'; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
      language,
    );
    await driver.wait(
      async () => (await driver.findElement(By.css('html')).getAttribute('dir')) === 'ltr',
      STEP,
      'French reads left to right',
    );
    assert.equal(await driver.findElement(By.css('html')).getAttribute('lang'), 'fr');
    await savedState(driver);
    await (await find(driver, 'nav-meetings')).click();
    await waitCount(driver, 'meeting-item', 1);
    await shot(driver, '06-french');
  }
}

// The system's save dialog is a GTK window of its own, out of WebDriver's reach: xdotool finds
// the window that appeared, focuses it and types, as a person would (XTEST key events).
function xdotool(...args) {
  return execFileSync('xdotool', args, { encoding: 'utf8', timeout: STEP });
}

function visibleWindows() {
  try {
    return new Set(xdotool('search', '--onlyvisible', '--name', '').split('\n').filter(Boolean));
  } catch {
    return new Set(); // xdotool exits 1 when nothing matches
  }
}

async function newWindow(before, what) {
  const deadline = Date.now() + STEP;
  while (Date.now() < deadline) {
    const fresh = [...visibleWindows()].filter((w) => !before.has(w));
    if (fresh.length > 0) return fresh[fresh.length - 1];
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not appear within ${STEP / 1000} s`);
}

async function gone(window, what) {
  const deadline = Date.now() + STEP;
  while (visibleWindows().has(window)) {
    if (Date.now() > deadline) throw new Error(`${what} did not close`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Opens the Export menu, picks a format, and answers the save dialog with `file` (or Escape). */
async function exportThroughDialog(driver, format, file) {
  await (await find(driver, 'export-button')).click();
  await find(driver, 'export-menu');
  const before = visibleWindows();
  await (await find(driver, `export-${format}`)).click();
  const dialog = await newWindow(before, 'the save dialog');
  // The window manager's job, done by hand under a bare Xvfb.
  xdotool('windowraise', dialog);
  xdotool('windowfocus', '--sync', dialog);
  await new Promise((r) => setTimeout(r, 500)); // GTK maps the file list after the window
  if (file === null) {
    xdotool('key', '--clearmodifiers', 'Escape');
  } else {
    // The name box has the focus, the suggested name selected; a full path replaces it.
    xdotool('key', '--clearmodifiers', 'ctrl+a');
    xdotool('type', '--delay', '15', file);
    xdotool('key', '--clearmodifiers', 'Return');
  }
  await gone(dialog, 'the save dialog');
}

async function notice(driver, text) {
  await driver.wait(
    async () => {
      for (const n of await driver.findElements(By.css('.notice[role="status"]'))) {
        if ((await n.getText()).includes(text)) return true;
      }
      return false;
    },
    STEP,
    `a notice says ${text}`,
  );
}

test('the seed minutes leave as a PDF through the save dialog, a cancelled dialog writes nothing, and search finds as you type', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mahdar-e2e-docs-'));
  const driver = await launch(dir);
  try {
    await (await find(driver, 'load-demo')).click();
    const meetings = await waitCount(driver, 'meeting-item', 1);
    await meetings[0].click();
    await find(driver, 'meeting-page');
    await waitCount(driver, 'statement-item', 8);

    // The Arabic minutes, as a PDF.
    const pdf = path.join(exportDir, 'minutes-ar.pdf');
    await exportThroughDialog(driver, 'pdf', pdf);
    await notice(driver, 'minutes-ar.pdf');
    const bytes = readFileSync(pdf);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'a PDF was written');
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8', timeout: STEP });
    for (const words of ['محضر', 'عواطف حيار', 'السعيد الزنيبر']) {
      assert.ok(text.includes(words), `the PDF reads «${words}»`);
    }
    assert.ok(!existsSync(`${pdf}.partial`), 'no partial file is left behind');
    await shot(driver, '07-exported');

    // The follow-up actions as CSV, in French, but the dialog is cancelled: nothing is written.
    await (await find(driver, 'export-button')).click();
    await (await find(driver, 'export-lang-fr')).click();
    await (await find(driver, 'export-button')).click(); // closes the menu; the choice stays
    const csv = path.join(exportDir, 'actions.csv');
    await exportThroughDialog(driver, 'csv', null);
    await notice(driver, 'لم يُكتب أي ملف');
    assert.ok(!existsSync(csv));
    await exportThroughDialog(driver, 'csv', csv);
    await notice(driver, 'actions.csv');
    const rows = readFileSync(csv, 'utf8');
    assert.ok(rows.startsWith('\ufeff'), 'the CSV starts with a byte-order mark, for Excel');
    assert.ok(rows.includes('montant'), 'the CSV is in French, as chosen in the menu');
    assert.ok(rows.includes('26000000.00'), 'the 26 million dirhams are in the CSV');

    // Search, on the real index: results as the words are typed, the words found marked as
    // written, a statement opened in its meeting.
    const box = await find(driver, 'search-input');
    await box.click();
    await box.sendKeys('الوزيرة');
    await driver.wait(async () => (await all(driver, 'search-hit')).length > 0, STEP, 'search results appear as you type');
    const marks = await driver.findElements(By.css('[data-testid="search-results"] mark'));
    const marked = await Promise.all(marks.map((m) => m.getText()));
    assert.ok(marked.some((m) => m.includes('وزيرة')), `the words found are marked: ${marked.join(' | ')}`);
    await box.clear();
    await box.sendKeys('زنيبر');
    const statementHit = await driver.wait(
      until.elementLocated(By.css('[data-testid="search-hit"][data-kind="statement"]')),
      STEP,
      'a statement of his is found',
    );
    await driver.wait(
      async () => {
        const now = await driver.findElements(By.css('[data-testid="search-results"] mark'));
        return (await Promise.all(now.map((m) => m.getText()))).some((m) => m.includes('زنيبر'));
      },
      STEP,
      'the results are those of the new words',
    );
    await shot(driver, '08-search');
    await statementHit.click();
    await driver.wait(
      async () => ((await driver.switchTo().activeElement().getAttribute('data-statement-id')) ?? '') !== '',
      STEP,
      'the statement is focused in its meeting',
    );
  } catch (e) {
    await shot(driver, 'failure-export').catch(() => {});
    throw e;
  } finally {
    await driver.quit();
    rmSync(dir, { recursive: true, force: true });
  }
});

// ----- sync: two laptops and a server -----

/** Starts PouchDB Server (installed in tests/sync) in memory on 127.0.0.1. */
async function startPouchServer() {
  const bin = path.join(repo, 'tests', 'sync', 'node_modules', '.bin', 'pouchdb-server');
  assert.ok(existsSync(bin), `${bin} is installed (npm --prefix tests/sync ci)`);
  const dir = mkdtempSync(path.join(tmpdir(), 'mahdar-e2e-pouch-'));
  const port = PORT + 500;
  const child = spawn(bin, ['--in-memory', '--host', '127.0.0.1', '--port', String(port), '--dir', dir,
    '--config', path.join(dir, 'config.json')], { cwd: dir, stdio: 'ignore' });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await fetch(`http://127.0.0.1:${port}/`).then((r) => r.ok, () => false)) {
      return { url: `http://127.0.0.1:${port}`, stop: () => { child.kill(); rmSync(dir, { recursive: true, force: true }); } };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('pouchdb-server did not start within 30 s');
}

const randomHex = () => Array.from({ length: 32 }, () => '0123456789abcdef'[Math.floor(Math.random() * 16)]).join('');

test('two laptops share a server: each sees the other\'s edits, and a conflict is seen and resolved in the app', async () => {
  const server = await startPouchServer();
  const db = `${server.url}/mahdar`;
  const dirA = mkdtempSync(path.join(tmpdir(), 'mahdar-e2e-a-'));
  const dirB = mkdtempSync(path.join(tmpdir(), 'mahdar-e2e-b-'));
  let driver;
  try {
    // Laptop B (the command line) records the seed meeting and syncs it up.
    mahdarCli('--data-dir', dirB, 'demo');
    mahdarCli('--data-dir', dirB, 'sync', db);

    // Laptop A (the app) is pointed at the same server and syncs: B's meeting appears.
    driver = await launch(dirA);
    await (await find(driver, 'nav-settings')).click();
    const address = await find(driver, 'sync-url');
    await address.clear();
    await address.sendKeys(db);
    await (await find(driver, 'sync-save')).click();
    await (await find(driver, 'sync-now')).click();
    let seen = '';
    await driver.wait(async () => {
      const status = await Promise.all((await all(driver, 'sync-status')).map((e) => e.getAttribute('data-state')));
      const text = await Promise.all((await all(driver, 'sync-state')).map((e) => e.getAttribute('textContent')));
      seen = `${status.join(',')} «${text.join(' | ')}»`;
      return status.includes('up_to_date') && text.some((t) => t.includes('آخر مزامنة'));
    }, STEP).catch((e) => { throw new Error(`the status never said up to date with a time: ${seen} (${e.message})`); });
    await (await find(driver, 'nav-meetings')).click();
    await waitCount(driver, 'meeting-item', 1);
    await shot(driver, '09-synced-from-b');

    // Two other laptops corrected the same statement differently and pushed: a real conflict.
    const serverDocs = await (await fetch(`${db}/_all_docs?include_docs=true`)).json();
    const statement = serverDocs.rows.map((r) => r.doc).find((d) => d._id.startsWith('statement:'));
    const [, parent] = statement._rev.split('-');
    const versions = ['صيغة المكتب', 'صيغة الميدان'].map((tag) => {
      const hash = randomHex();
      const { _rev, _revisions, ...body } = statement;
      return { ...body, text: `${statement.text} (${tag})`, _rev: `2-${hash}`, _revisions: { start: 2, ids: [hash, parent] } };
    });
    const pushed = await fetch(`${db}/_bulk_docs`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ docs: versions, new_edits: false }),
    });
    assert.ok(pushed.ok, 'the server took both versions');

    await (await find(driver, 'nav-settings')).click();
    await (await find(driver, 'sync-now')).click();
    await driver.wait(until.elementLocated(By.css('[data-testid="sync-conflicts"][data-count="1"]')), STEP, 'one conflict is shown');
    const indicator = await find(driver, 'sync-conflicts');
    await indicator.click();
    await find(driver, 'conflicts-page');
    await (await waitCount(driver, 'conflict-item', 1))[0].click();
    const cells = await waitCount(driver, 'conflict-cell', 2);
    const texts = await Promise.all(cells.map((c) => c.getText()));
    assert.ok(texts.some((t) => t.includes('صيغة المكتب')) && texts.some((t) => t.includes('صيغة الميدان')),
      `both versions side by side: ${texts.join(' | ')}`);
    await shot(driver, '10-conflict');
    // Keep the version not shown now.
    const keptText = texts[1];
    await (await waitCount(driver, 'conflict-keep', 2))[1].click();
    await find(driver, 'conflicts-none');
    await driver.wait(async () => {
      const shown = await all(driver, 'sync-conflicts');
      return shown.length === 0 || (await shown[0].getAttribute('data-count')) === '0';
    }, STEP, 'no conflict left');

    // The resolution travels: the server and laptop B hold the kept version, with no conflict.
    await (await find(driver, 'nav-settings')).click();
    await (await find(driver, 'sync-now')).click();
    await driver.wait(async () => {
      const doc = await (await fetch(`${db}/${encodeURIComponent(statement._id)}?conflicts=true`)).json();
      return !doc._conflicts && keptText.includes(doc.text.split(' (')[1]?.replace(')', '') ?? '\u0000');
    }, STEP, 'the server holds the kept version and no conflict');
    const kept = keptText.includes('صيغة المكتب') ? 'صيغة المكتب' : 'صيغة الميدان';

    // Laptop B opens the app on its own data folder, syncs, and shows the version A kept.
    await driver.quit();
    driver = await launch(dirB);
    await (await find(driver, 'nav-settings')).click();
    const addressB = await find(driver, 'sync-url');
    await addressB.clear();
    await addressB.sendKeys(db);
    await (await find(driver, 'sync-save')).click();
    await (await find(driver, 'sync-now')).click();
    await driver.wait(
      async () => (await Promise.all((await all(driver, 'sync-state')).map((e) => e.getAttribute('textContent'))))
        .some((t) => t.includes('آخر مزامنة')),
      STEP, 'laptop B synced');
    await (await find(driver, 'nav-meetings')).click();
    await (await waitCount(driver, 'meeting-item', 1))[0].click();
    await find(driver, 'meeting-page');
    await driver.wait(async () => {
      const items = await all(driver, 'statement-item');
      const texts = await Promise.all(items.map((e) => e.getAttribute('textContent')));
      return texts.some((t) => t.includes(`(${kept})`));
    }, STEP, `laptop B's app shows the version laptop A kept (${kept})`);
    await shot(driver, '11-laptop-b');
    assert.equal((await all(driver, 'sync-conflicts')).length, 0, 'laptop B has no conflict');
  } catch (e) {
    if (driver) await shot(driver, 'failure-sync').catch(() => {});
    throw e;
  } finally {
    await driver?.quit();
    server.stop();
    rmSync(dirA, { recursive: true, force: true });
    rmSync(dirB, { recursive: true, force: true });
  }
});

// ----- due reminders: desktop notifications -----

const dunstctl = (...args) => execFileSync('dunstctl', args, { encoding: 'utf8', timeout: STEP }).trim();

/** Starts dunst, a real notification server, on the session bus this test runs in. */
async function startNotificationServer() {
  assert.ok(process.env.DBUS_SESSION_BUS_ADDRESS,
    'run inside a D-Bus session (dbus-run-session -- …): desktop notifications travel on it');
  const child = spawn('dunst', [], { stdio: 'ignore' });
  child.on('error', (e) => { throw new Error(`dunst could not start (apt-get install dunst): ${e.message}`); });
  const deadline = Date.now() + STEP;
  while (Date.now() < deadline) {
    try {
      dunstctl('count', 'displayed');
      return child;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  child.kill();
  throw new Error('dunst did not answer on the session bus');
}

/** The notifications the server received, closing those still shown. */
function receivedNotifications() {
  dunstctl('close-all');
  const history = JSON.parse(dunstctl('history'));
  return history.data.flat().map((n) => ({ app: n.appname.data, summary: n.summary.data, body: n.body.data }));
}

// A day counted from today in Morocco, as the app counts "due" and "overdue" (its time zone is
// Africa/Casablanca: a day in UTC is another one there between 23:00 and midnight).
const isoDay = (offset) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Casablanca' }).format(new Date(Date.now() + offset * 86_400_000));

test('a site visit\'s three photos, attached offline in the app, reach a second laptop and both minutes', async () => {
  const server = await startPouchServer();
  const db = `${server.url}/visits`;
  const dirA = mkdtempSync(path.join(tmpdir(), 'mahdar-e2e-photos-a-'));
  const dirB = mkdtempSync(path.join(tmpdir(), 'mahdar-e2e-photos-b-'));
  const photos = [
    ['واجهة مركز الحماية الاجتماعية', [214, 40, 40]],
    ['ورشة التكوين المهني للنساء', [40, 170, 60]],
    ['قاعة استقبال الأشخاص في وضعية إعاقة', [40, 70, 210]],
  ].map(([caption, rgb], i) => {
    const file = path.join(dirB, `IMG_00${i + 1}.png`);
    writeFileSync(file, photo(rgb));
    return { caption, file };
  });
  let driver;
  try {
    // Laptop A, at the site with no network: the seed meeting is on it; three photos go on its
    // visit, each with a caption.
    mahdarCli('--data-dir', dirA, 'demo');
    driver = await launch(dirA);
    await (await waitCount(driver, 'meeting-item', 1))[0].click();
    await find(driver, 'meeting-page');
    const visit = await find(driver, 'visit-item');
    await driver.executeScript('arguments[0].scrollIntoView({block: "center"})', visit);
    for (const [i, p] of photos.entries()) {
      const input = await visit.findElement(By.css('[data-testid="attach-input"]'));
      await input.sendKeys(p.file);
      await driver.wait(async () => (await visit.findElements(By.css('[data-testid="attachment-item"]'))).length === i + 1,
        STEP, `photo ${i + 1} is attached`);
      const captions = await visit.findElements(By.css('[data-testid="attachment-caption"]'));
      await driver.executeScript('arguments[0].scrollIntoView({block: "center"})', captions[i]);
      await captions[i].sendKeys(p.caption, Key.ENTER);
      await savedState(driver);
    }
    await driver.wait(async () => {
      const loaded = await driver.executeScript(
        'return [...arguments[0].querySelectorAll(\'[data-testid="attachment-thumb"]\')].filter((i) => i.complete && i.naturalWidth > 0).length',
        visit);
      return loaded === 3;
    }, STEP, 'three thumbnails are drawn');
    await driver.executeScript('arguments[0].scrollIntoView({block: "center"})', visit);
    await shot(driver, '20-visit-photos');
    await driver.quit();
    driver = undefined;

    // Back at the ministry: A syncs, B (the command line) pulls — the photos come with it.
    mahdarCli('--data-dir', dirA, 'sync', db);
    mahdarCli('--data-dir', dirB, 'sync', db, '--pull');
    const record = JSON.parse(mahdarCli('--data-dir', dirB, 'show', '018bcfe5', '--json'));
    const visitId = record.site_visits[0].id;
    const onB = JSON.parse(mahdarCli('--data-dir', dirB, 'attachments', visitId, '--json'));
    assert.deepEqual(onB.map((a) => a.caption), photos.map((p) => p.caption));
    for (const [i, p] of photos.entries()) {
      const out = path.join(dirB, `back-${i}.png`);
      mahdarCli('--data-dir', dirB, 'extract', visitId, path.basename(p.file), '-o', out);
      assert.ok(readFileSync(out).equals(readFileSync(p.file)), `photo ${i + 1} arrives byte for byte`);
    }
    // And both laptops print them in the minutes.
    for (const [label, dir] of [['a', dirA], ['b', dirB]]) {
      const pdf = path.join(exportDir, `photos-${label}.pdf`);
      mahdarCli('--data-dir', dir, 'export', '018bcfe5', '-f', 'pdf', '-o', pdf);
      const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8', timeout: STEP });
      assert.equal(images.trim().split('\n').length - 2, 3, `laptop ${label}'s minutes hold the three photos:\n${images}`);
      const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8', timeout: STEP });
      // (mahdarCli asks for English: the captions stay as written.)
      assert.ok(text.includes('Photos of the visit'), `laptop ${label}'s minutes have the photos' heading`);
      for (const p of photos) assert.ok(text.includes(p.caption), `laptop ${label}'s minutes print «${p.caption}»`);
    }
    const pages = path.join(exportDir, 'photos-b-page');
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '3', '-l', '3', path.join(exportDir, 'photos-b.pdf'), pages], { timeout: STEP });
    const page = readdirSync(exportDir).find((f) => f.startsWith('photos-b-page') && f.endsWith('.png'));
    if (page) writeFileSync(path.join(SHOTS, '21-visit-photos-minutes-b.png'), readFileSync(path.join(exportDir, page)));
  } finally {
    await driver?.quit();
    server.stop();
    rmSync(dirA, { recursive: true, force: true });
    rmSync(dirB, { recursive: true, force: true });
  }
});

test('due reminders: a desktop notification for each action due soon or overdue, once a day', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mahdar-e2e-reminders-'));
  const dunst = await startNotificationServer();
  let driver;
  try {
    mahdarCli('--data-dir', dir, 'demo');
    mahdarCli('--data-dir', dir, 'user', 'set', 'نادية العلمي', '--role', 'secretary');
    const { actions } = JSON.parse(mahdarCli('--data-dir', dir, 'actions', '--json'));
    const women = actions.find((a) => a.title.startsWith('شراكة'));
    const income = actions.find((a) => a.title.startsWith('إحداث'));
    mahdarCli('--data-dir', dir, 'action', women.id, '--due', isoDay(3));
    mahdarCli('--data-dir', dir, 'action', income.id, '--due', isoDay(-5));

    driver = await launch(dir);
    await find(driver, 'nav-meetings');
    await driver.wait(async () => Number(dunstctl('count', 'displayed')) >= 2, STEP,
      'two notifications shown once the app is up');
    // What a person sees: the whole screen, notifications included.
    execFileSync('import', ['-window', 'root', path.join(SHOTS, '12-reminders-screen.png')], { timeout: STEP });
    const shown = receivedNotifications();
    assert.equal(shown.length, 2, JSON.stringify(shown));
    const late = shown.find((n) => n.summary === 'محضر: إجراء تتبع متأخر');
    const soon = shown.find((n) => n.summary === 'محضر: إجراء تتبع يحل أجله قريبا');
    assert.ok(late && late.body.includes(income.title) && late.body.includes('متأخر بـ5 أيام'), JSON.stringify(shown));
    assert.ok(soon && soon.body.includes(women.title) && soon.body.includes('يحل أجله بعد 3 أيام'), JSON.stringify(shown));

    // The meeting's history says who set the due dates, and what they were before and after.
    await (await find(driver, 'nav-meetings')).click();
    await (await waitCount(driver, 'meeting-item', 1))[0].click();
    await find(driver, 'meeting-page');
    const toggle = await find(driver, 'history-toggle');
    await driver.executeScript('arguments[0].scrollIntoView({block: "center"})', toggle);
    await toggle.click();
    const dueEdits = await driver.wait(async () => {
      const entries = await driver.findElements(By.css(`[data-testid="history-entry"][data-op="edited"][data-doc="${women.id}"]`));
      return entries.length === 1 ? entries : null;
    }, STEP, 'the due date set from the command line is in the history');
    const entryText = await dueEdits[0].getAttribute('textContent');
    assert.ok(entryText.includes('نادية العلمي'), entryText);
    assert.ok(entryText.includes(isoDay(3).slice(0, 4)), entryText);
    const created = await driver.findElements(By.css('[data-testid="history-entry"][data-op="created"]'));
    assert.ok(created.length > 15, `the example meeting's creation is listed (${created.length})`);
    await driver.executeScript('arguments[0].scrollIntoView({block: "center"})', dueEdits[0]);
    await driver.sleep(300);
    await shot(driver, '13-history');

    // The same day, the app started again: no second reminder.
    await driver.quit();
    driver = await launch(dir);
    await find(driver, 'nav-meetings');
    await new Promise((r) => setTimeout(r, 6_000));
    assert.equal(Number(dunstctl('count', 'displayed')), 0, 'at most once a day per action');
    assert.equal(receivedNotifications().length, 2, 'nothing new reached the notification server');
  } catch (e) {
    if (driver) await shot(driver, 'failure-reminders').catch(() => {});
    throw e;
  } finally {
    await driver?.quit();
    dunst.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

// ----- approval: the minutes frozen, an amendment with its diff -----

test('minutes approved from the command line; corrected in the app as amendment 1 with its diff; the approved version stays', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mahdar-e2e-approval-'));
  let driver;
  try {
    mahdarCli('--data-dir', dir, 'demo');
    const dashboard = JSON.parse(mahdarCli('--data-dir', dir, 'dashboard', '--region', 'fes-meknes', '--json'));
    assert.equal(dashboard.by_region[0].committed[0].centimes, 3_000_000_000, '30 000 000 MAD committed for Fès-Meknès');
    assert.equal(dashboard.total.actions, 3);
    mahdarCli('--data-dir', dir, 'user', 'set', 'عواطف حيار', '--role', 'approver');
    mahdarCli('--data-dir', dir, 'review', '018bcfe5');
    const approved = mahdarCli('--data-dir', dir, 'approve', '018bcfe5');
    const hash = approved.match(/SHA-256 ([0-9a-f]{64})/)?.[1];
    assert.ok(hash, approved);
    assert.match(mahdarCli('--data-dir', dir, 'verify-minutes', '018bcfe5'), /Matches the minutes approved/);
    mahdarCli('--data-dir', dir, 'user', 'set', 'محمد العلمي', '--role', 'secretary');

    driver = await launch(dir);
    await (await find(driver, 'nav-meetings')).click();
    await (await waitCount(driver, 'meeting-item', 1))[0].click();
    await find(driver, 'meeting-page');
    assert.equal(await (await find(driver, 'approval-sha256')).getText(), hash, 'the hash the command printed, on screen');

    // The secretary starts amendment 1 (confirmed) and corrects the third statement.
    await (await find(driver, 'status-draft')).click();
    await (await find(driver, 'status-draft-confirm')).click();
    await driver.wait(async () => (await (await find(driver, 'meeting-status')).getText()) === 'مسودة', STEP, 'back to draft');
    const statement = (await waitCount(driver, 'statement-item', 8))[2];
    const statementId = await statement.getAttribute('data-statement-id');
    const before = (await statement.findElement(By.css('p.text')).getText()).trim();
    await driver.executeScript('arguments[0].scrollIntoView({block: "center"})', statement);
    await statement.findElement(By.xpath(".//button[normalize-space()='تعديل']")).click();
    const box = await statement.findElement(By.css('textarea'));
    await box.sendKeys(Key.END, ' (تصويب)');
    await statement.findElement(By.xpath(".//button[normalize-space()='حفظ']")).click();
    const change = await find(driver, 'amendment-change');
    await driver.wait(async () => (await change.getAttribute('data-path')) === `statements[${statementId}].text`, STEP,
      'the change is the statement\'s text');
    assert.equal((await (await find(driver, 'amendment-change-before')).getText()).trim(), before);
    assert.equal((await (await find(driver, 'amendment-change-after')).getText()).trim(), `${before} (تصويب)`);
    assert.equal(await (await find(driver, 'approval-sha256')).getText(), hash, 'the approved fingerprint is unchanged');
    await driver.executeScript('arguments[0].scrollIntoView({block: "start"})', await find(driver, 'amendment-changes'));
    await shot(driver, '14-amendment');
    await driver.quit();
    driver = undefined;

    // The command line agrees: amendment 1 in preparation, the approved version as it was.
    const verify = spawnSync(CLI, ['--lang', 'en', '--data-dir', dir, 'verify-minutes', '018bcfe5'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(verify.status, 1, 'the minutes no longer match what was approved');
    assert.match(verify.stdout, /Amendment 1 in preparation/);
    assert.ok(verify.stdout.includes(hash) && verify.stdout.includes(`statements[${statementId}].text`), verify.stdout);
    const history = JSON.parse(mahdarCli('--data-dir', dir, 'history', statementId, '--json'));
    const edit = history.at(-1);
    assert.equal(edit.op, 'edited');
    assert.equal(edit.by, 'محمد العلمي');
    assert.deepEqual(edit.changes.map((c) => [c.path, c.before, c.after]), [['text', before, `${before} (تصويب)`]]);
  } catch (e) {
    if (driver) await shot(driver, 'failure-approval').catch(() => {});
    throw e;
  } finally {
    await driver?.quit();
    rmSync(dir, { recursive: true, force: true });
  }
});

// ----- damaged data: detected, and recovered in the app -----

test('damaged data: the app says so plainly, restores the newest good backup, and opens on it', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mahdar-e2e-damaged-'));
  let driver;
  try {
    mahdarCli('--data-dir', dir, 'demo');
    // The app writes today's backup once its first screen is drawn.
    driver = await launch(dir);
    await find(driver, 'nav-meetings');
    const backups = path.join(dir, 'backups');
    await driver.wait(async () => existsSync(backups) && readdirSync(backups).some((n) => /^daily-.*\.mahdar-backup$/.test(n)),
      STEP, "today's backup is written");
    await driver.quit();
    driver = undefined;

    // The disk fails under the data file: sled would open it as an empty store.
    const db = path.join(dir, 'store', 'db');
    const bytes = readFileSync(db);
    for (let at = 100; at < bytes.length; at += 4096) bytes.fill(0xa5, at, Math.min(at + 200, bytes.length));
    writeFileSync(db, bytes);

    driver = await launch(dir);
    await find(driver, 'recovery-screen');
    assert.ok((await (await find(driver, 'recovery-damaged')).getText()).length > 10);
    const listed = await waitCount(driver, 'recovery-backup', 1);
    assert.equal(await listed[0].getAttribute('data-kind'), 'daily');
    await shot(driver, '15-damaged');
    await (await find(driver, 'recovery-restore')).click();
    const restored = await find(driver, 'recovery-restored');
    assert.match(await restored.getText(), /daily-/);
    await shot(driver, '16-recovered');
    // The window starts again on the recovered data: the seed meeting is back.
    await (await find(driver, 'nav-meetings')).click();
    await (await waitCount(driver, 'meeting-item', 1))[0].click();
    await waitCount(driver, 'statement-item', 8);
    const aside = readdirSync(dir).filter((n) => n.startsWith('store.damaged-'));
    assert.equal(aside.length, 1, 'the damaged files are kept aside');
  } catch (e) {
    if (driver) await shot(driver, 'failure-damaged').catch(() => {});
    throw e;
  } finally {
    await driver?.quit();
    rmSync(dir, { recursive: true, force: true });
  }
});

// ----- journey 5: from a press report to a draft meeting -----

const seedReport = readFileSync(path.join(repo, 'crates/mahdar-import/tests/reports/seed/000_55c442fd1a4eb5f5.txt'), 'utf8');

test('a press report pasted becomes a draft: proposals highlighted in the text, most accepted, one fixed, one rejected', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mahdar-e2e-report-'));
  let driver;
  try {
    driver = await launch(dir);
    await (await find(driver, 'nav-meetings')).click();
    await (await find(driver, 'new-meeting-from-report')).click();
    const area = await find(driver, 'report-text');
    // A paste: the whole text arrives at once.
    await driver.executeScript(
      'const a = arguments[0]; a.focus(); a.value = arguments[1]; a.dispatchEvent(new Event("input", { bubbles: true }));',
      area, seedReport);
    await driver.wait(async () => Number(await (await find(driver, 'report-count')).getAttribute('data-count')) === [...seedReport].length,
      STEP, 'the pasted text is counted');
    await (await find(driver, 'report-submit')).click();
    await find(driver, 'report-review');
    const pending = async () => Number(await (await find(driver, 'report-pending')).getAttribute('data-count'));
    assert.equal(await pending(), 24, 'region, prefecture, format, series, 2 aims, 6 attendees, 8 statements, 3 actions, 1 visit');
    assert.ok((await all(driver, 'report-mark')).length >= 20, 'the spans are highlighted in the text');
    assert.ok(await (await find(driver, 'report-missing-date')).isDisplayed(), 'the date is shown missing, not invented');
    await shot(driver, '17-report-review');

    // Rejects civil society (12), fixes the president's title (10). Each button is brought to
    // the middle of the window first: the sticky header must not take the click.
    const press = async (id) => {
      const el = await find(driver, id);
      await driver.executeScript('arguments[0].scrollIntoView({ block: "center" })', el);
      await el.click();
    };
    const row = async (no) => find(driver, `proposal-${no}`);
    assert.match(await (await row(12)).getText(), /المجتمع المدني/);
    await press('proposal-reject-12');
    await driver.wait(async () => (await (await row(12)).getAttribute('data-status')) === 'rejected', STEP, 'rejected');
    assert.match(await (await row(10)).getText(), /عبد الواحد الأنصاري/);
    await press('proposal-edit-10');
    const form = await find(driver, 'proposal-edit-form-10');
    const title = await form.findElement(By.css('[data-testid="edit-title"]'));
    await title.clear();
    await title.sendKeys('رئيس مجلس جهة فاس مكناس');
    await press('proposal-accept-edited-10');
    await driver.wait(async () => (await (await row(10)).getAttribute('data-status')) === 'accepted', STEP, 'accepted as edited');

    // Accepts the rest.
    await press('accept-all');
    await press('accept-all-confirm');
    await driver.wait(async () => (await pending()) === 0, STEP, 'nothing pending');
    assert.equal(Number(await (await find(driver, 'report-accepted')).getAttribute('data-count')), 23);
    assert.equal(Number(await (await find(driver, 'report-rejected')).getAttribute('data-count')), 1);
    await shot(driver, '18-report-accepted');

    // The meeting holds what was accepted, and only that.
    await (await find(driver, 'report-meeting-link')).click();
    await waitCount(driver, 'statement-item', 8);
    const people = await waitCount(driver, 'attendance-item', 5);
    const names = (await Promise.all(people.map((p) => p.getText()))).join('\n');
    assert.ok(names.includes('عبد الواحد الأنصاري'), names);
    assert.ok(!names.includes('المجتمع المدني'), 'the rejected group is not on the list');
    await shot(driver, '19-report-meeting');
    await driver.quit();
    driver = undefined;

    // The command line sees the same draft.
    const meetings = JSON.parse(mahdarCli('--data-dir', dir, 'meetings', '--json'));
    assert.equal(meetings.length, 1);
    const record = JSON.parse(mahdarCli('--data-dir', dir, 'show', meetings[0].id, '--json'));
    assert.equal(record.statements.length, 8);
    assert.ok(record.attendance.some((a) => a.title === 'رئيس مجلس جهة فاس مكناس'), 'the fixed title');
    assert.ok(!record.attendance.some((a) => a.person_record?.name_ar === 'المجتمع المدني'), 'the rejected group is not there');
    assert.equal(record.rank, 9);
    assert.equal(record.region, 'fes-meknes');
    assert.deepEqual(record.totals.committed, [{ centimes: 3_000_000_000, currency: 'MAD' }]);
  } catch (e) {
    if (driver) await shot(driver, 'failure-report').catch(() => {});
    throw e;
  } finally {
    await driver?.quit();
    rmSync(dir, { recursive: true, force: true });
  }
});

// ----- encrypted data: the unlock screen, a lock, and nothing readable on disk -----

test('encrypted data: the app asks for the passphrase, refuses a wrong one, opens with the right one, locks on request; no word of the meeting on disk', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mahdar-e2e-encrypted-'));
  const passphrase = 'محضر الجهة 2026';
  const env = { ...process.env, MAHDAR_PASSPHRASE: passphrase };
  const cli = (...args) => execFileSync(CLI, ['--lang', 'en', '--data-dir', dir, ...args], { encoding: 'utf8', timeout: 60_000, env });
  let driver;
  try {
    cli('init', '--encrypt');
    cli('demo');
    driver = await launch(dir);
    await find(driver, 'unlock-screen');
    const html = await driver.findElement(By.css('html'));
    assert.equal(await html.getAttribute('dir'), 'rtl');
    await shot(driver, '17-unlock');

    const field = await find(driver, 'unlock-passphrase');
    await field.sendKeys('ليست هي العبارة', Key.ENTER);
    const error = await find(driver, 'unlock-passphrase-error');
    assert.ok((await error.getText()).length > 5, 'a wrong passphrase is said so');
    await shot(driver, '18-unlock-wrong');
    await field.clear();
    await field.sendKeys(passphrase, Key.ENTER);
    // The window reloads on the unlocked data.
    await (await find(driver, 'nav-meetings')).click();
    await (await waitCount(driver, 'meeting-item', 1))[0].click();
    await waitCount(driver, 'statement-item', 8);

    // Locked by hand: the unlock screen again, and the data needs the passphrase again.
    await (await find(driver, 'lock-header')).click();
    await find(driver, 'unlock-screen');
    await (await find(driver, 'unlock-passphrase')).sendKeys(passphrase, Key.ENTER);
    await (await find(driver, 'nav-meetings')).click();
    await waitCount(driver, 'meeting-item', 1);
    // The app wrote today's backup once the first screen was drawn: encrypted.
    const backups = path.join(dir, 'backups');
    await driver.wait(async () => existsSync(backups) && readdirSync(backups).some((n) => /^daily-.*\.mahdar-backup$/.test(n)),
      STEP, "today's backup is written");
    await driver.quit();
    driver = undefined;

    const daily = readdirSync(backups).find((n) => n.startsWith('daily-'));
    assert.equal(readFileSync(path.join(backups, daily)).subarray(0, 21).toString(), 'age-encryption.org/v1');
    // grep -r for the seed's words finds nothing in the data folder.
    const words = ['الزنيبر', 'عواطف', 'حيار', 'مكناس', 'الاجتماعية', 'التضامن', 'درهم'];
    const grep = spawnSync('grep', ['-r', '-l', '-F', ...words.flatMap((w) => ['-e', w]), dir], { encoding: 'utf8' });
    assert.equal(grep.status, 1, `grep finds nothing (status 1), found: ${grep.stdout}`);
  } catch (e) {
    if (driver) await shot(driver, 'failure-encrypted').catch(() => {});
    throw e;
  } finally {
    await driver?.quit();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('data in clear encrypted from the settings: the app goes on, and the next start asks for the passphrase', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mahdar-e2e-encrypt-'));
  const passphrase = 'عبارة مرور للمكتب';
  let driver;
  try {
    mahdarCli('--data-dir', dir, 'demo');
    driver = await launch(dir);
    await (await find(driver, 'nav-settings')).click();
    const section = await find(driver, 'encryption-settings');
    await driver.executeScript('arguments[0].scrollIntoView({block: "start"})', section);
    await (await find(driver, 'encrypt-passphrase')).sendKeys(passphrase);
    await (await find(driver, 'encrypt-confirm')).sendKeys(passphrase);
    await (await find(driver, 'encrypt-submit')).click();
    await find(driver, 'encrypt-done');
    await find(driver, 'lock-now');
    await shot(driver, '19-encrypted-from-settings');
    // The app goes on, on the encrypted data.
    await (await find(driver, 'nav-meetings')).click();
    await (await waitCount(driver, 'meeting-item', 1))[0].click();
    await waitCount(driver, 'statement-item', 8);
    await driver.quit();
    driver = undefined;

    const locked = spawnSync(CLI, ['--lang', 'en', '--data-dir', dir, 'meetings'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(locked.status, 2, locked.stderr);
    assert.match(locked.stderr, /encrypted/);
    assert.ok(!readdirSync(dir).some((n) => n.startsWith('store.')), 'no copy left beside the store');
    const grep = spawnSync('grep', ['-r', '-l', '-F', '-e', 'الزنيبر', '-e', 'مكناس', dir], { encoding: 'utf8' });
    assert.equal(grep.status, 1, `grep finds nothing, found: ${grep.stdout}`);

    driver = await launch(dir);
    await find(driver, 'unlock-screen');
    await (await find(driver, 'unlock-passphrase')).sendKeys(passphrase, Key.ENTER);
    await (await find(driver, 'nav-meetings')).click();
    await waitCount(driver, 'meeting-item', 1);
  } catch (e) {
    if (driver) await shot(driver, 'failure-encrypt-settings').catch(() => {});
    throw e;
  } finally {
    await driver?.quit();
    rmSync(dir, { recursive: true, force: true });
  }
});
