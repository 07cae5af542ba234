// The soak test: the real app driven for MAHDAR_SOAK_MINUTES (30 by default) of scripted
// edits — a statement of the seed meeting corrected and saved, again and again, a search every
// fifth edit, the meeting list and back every tenth — while the resident memory of the app's
// processes (the Rust core and WebKit's web process) is sampled every 15 s.
//
//   make soak                    30 minutes (CI runs 2)
//
// Memory targets live in the figures it prints (and writes to target/soak-report.txt), not in
// an assertion: it fails only when an edit is lost or the app stops answering.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { By, Key } from 'selenium-webdriver';
import { STEP, SHOTS, repo, startDriver, launchOnSeedMeeting, find, all, waitCount, shot, mahdarCli } from './driver.mjs';
import { MiB, anonKiB, appPid, descendants, rssKiB, slope } from './memory.mjs';

const MINUTES = Number(process.env.MAHDAR_SOAK_MINUTES ?? 30);
const SAMPLE_EVERY = 15_000; // ms
// Only the edits (no search, no going to the list and back): to tell where memory goes.
const ONLY_EDITS = process.env.MAHDAR_SOAK_ONLY_EDITS === '1';
// Three texts in turn instead of a new one each edit: to tell memory that follows the number of
// distinct texts shown (caches of laid-out text) from memory that follows the number of edits.
const REPEAT_TEXTS = process.env.MAHDAR_SOAK_REPEAT_TEXTS === '1';
const REPORT = path.join(repo, 'target', 'soak-report.txt');

let driverProcess;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  driverProcess = await startDriver();
});
after(() => driverProcess?.kill());

/** What WebKitWebDriver answers when an element it was handed went in a redraw. */
const REDRAWN = ['StaleElementReferenceError', 'NoSuchElementError'];

async function retrying(step, attempts = 5) {
  for (let i = 1; ; i++) {
    try {
      return await step();
    } catch (e) {
      // WebKitWebDriver also says "Could not parse element info" of an element mid-redraw.
      const redrawn = REDRAWN.includes(e.name) || /Could not parse element info/.test(e.message ?? '');
      if (i >= attempts || !redrawn) throw e;
    }
  }
}

/** Corrects statement `n % 8` of the meeting on screen; returns its id and new text. */
async function editStatement(driver, n) {
  const items = await waitCount(driver, 'statement-item', 8);
  const id = await items[n % 8].getAttribute('data-statement-id');
  const item = async () => driver.findElement(By.css(`[data-statement-id="${id}"]`));
  await driver.executeScript('arguments[0].scrollIntoView({block: "center"})', await item());
  // The edit form stays in the page, hidden, once opened: open means shown.
  const shownBox = async () => {
    const box = (await (await item()).findElements(By.css('textarea')))[0];
    return box && (await box.isDisplayed()) ? box : undefined;
  };
  if (!(await shownBox())) await (await item()).findElement(By.xpath(".//button[normalize-space()='تعديل']")).click();
  const box = await driver.wait(shownBox, STEP, 'the edit box opens');
  const original = (await box.getAttribute('value')).replace(/ — مراجعة \d+$/, '');
  const text = `${original} — مراجعة ${REPEAT_TEXTS ? (n % 3) + 1 : n + 1}`;
  await driver.executeScript(
    "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
    box,
    text,
  );
  await (await item()).findElement(By.xpath(".//button[normalize-space()='حفظ']")).click();
  await driver.wait(
    async () => {
      try {
        const shown = (await (await item()).findElements(By.css('p.text')))[0];
        return shown ? (await shown.getText()).trim() === text : false;
      } catch {
        return false; // re-rendering: look again
      }
    },
    STEP,
    `edit ${n + 1} is shown saved`,
  );
  return { id, text };
}

test(`${MINUTES} minutes of edits: every edit kept, memory figures printed`, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mahdar-soak-'));
  let driver;
  try {
    driver = await launchOnSeedMeeting(dir);
    const pid = appPid(dir);

    // [minutes since start, app KiB, web KiB, elements in the page, app anonymous KiB, web
    // anonymous KiB]: resident memory, and the anonymous part of it (what each allocated).
    const samples = [];
    const started = Date.now();
    const sample = async () => {
      const webkit = descendants(pid);
      const sum = (f) => webkit.reduce((s, p) => s + f(p), 0);
      const elements = await driver.executeScript('return document.getElementsByTagName("*").length');
      samples.push([(Date.now() - started) / 60_000, rssKiB(pid), sum(rssKiB), elements, anonKiB(pid), sum(anonKiB)]);
    };
    await sample();
    let nextSample = Date.now() + SAMPLE_EVERY;
    const expected = new Map(); // statement id → its last text
    let edits = 0;
    while (Date.now() - started < MINUTES * 60_000) {
      // One edit, as a person makes it; the list re-renders after each save, so an element
      // found a moment ago may be gone: find it again and retry (a few times at most).
      const { id, text } = await retrying(() => editStatement(driver, edits));
      expected.set(id, text);
      edits += 1;
      if (edits % 5 === 0 && !ONLY_EDITS) {
        const search = await find(driver, 'search-input');
        await search.clear();
        await search.sendKeys(`مراجعة ${edits}`);
        await driver.wait(async () => (await all(driver, 'search-hit')).length > 0, STEP, `the search finds edit ${edits}`);
        await search.sendKeys(Key.ESCAPE);
      }
      if (edits % 10 === 0 && !ONLY_EDITS) {
        await (await find(driver, 'nav-meetings')).click();
        await (await waitCount(driver, 'meeting-item', 1))[0].click();
      }
      if (Date.now() >= nextSample) {
        await sample();
        nextSample += SAMPLE_EVERY;
      }
    }
    await sample();
    await shot(driver, 'soak-end');
    await driver.quit();
    driver = undefined;

    // The figures are written first: they are worth having even if a check below fails.
    const warm = samples.filter(([m]) => m >= Math.min(2, MINUTES / 4));
    const total = (s) => s[1] + s[2];
    const first = warm[0] ?? samples[0];
    const last = samples.at(-1);
    const max = samples.reduce((m, s) => Math.max(m, total(s)), 0);
    const per10 = (i) => `${(slope(warm.map((s) => [s[0], s[i]])) * 10 / 1024).toFixed(2)} MiB per 10 min`;
    const lines = [
      `soak: ${MINUTES} min, ${edits} edits saved (${(edits / MINUTES).toFixed(1)}/min), ${samples.length} samples`,
      `  app (Rust core):  ${MiB(first[1])} → ${MiB(last[1])} MiB, slope ${per10(1)}; anonymous ${MiB(first[4])} → ${MiB(last[4])} MiB, slope ${per10(4)}`,
      `  web process:      ${MiB(first[2])} → ${MiB(last[2])} MiB, slope ${per10(2)}; anonymous ${MiB(first[5])} → ${MiB(last[5])} MiB, slope ${per10(5)}`,
      `  total:            ${MiB(total(first))} → ${MiB(total(last))} MiB (max ${MiB(max)}), slope ${(slope(warm.map((s) => [s[0], total(s)])) * 10 / 1024).toFixed(2)} MiB per 10 min`,
      '  (resident memory; "anonymous": the part of it each allocated, free memory its allocator keeps included, without the pages of its code, libraries and mapped files;',
      '   "web process": all of WebKit\'s processes, the web and the network process; "app": the Rust core with the window\'s side of WebKit and GTK)',
      `  after warm-up from minute ${first[0].toFixed(1)}; machine: ${execFileSync('nproc', { encoding: 'utf8' }).trim()} cores, ${MiB(Number(readFileSync('/proc/meminfo', 'utf8').match(/MemTotal:\s+(\d+)/)[1]))} MiB`,
      `  elements in the page: ${first[3]} → ${last[3]}`,
      '  minute  app-MiB  web-MiB  elements  app-anonymous  web-anonymous',
      ...samples.map(([m, a, w, e, aa, wa]) => `  ${m.toFixed(1).padStart(6)}  ${MiB(a).padStart(7)}  ${MiB(w).padStart(7)}  ${String(e).padStart(8)}  ${MiB(aa).padStart(13)}  ${MiB(wa).padStart(13)}`),
    ];
    mkdirSync(path.dirname(REPORT), { recursive: true });
    writeFileSync(REPORT, lines.join('\n') + '\n');
    console.log(lines.slice(0, 7).join('\n'));

    // Every edit is in the store: the last text of each statement, and one audit entry each.
    const record = JSON.parse(mahdarCli('--data-dir', dir, 'show', '018bcfe5', '--json'));
    for (const [id, text] of expected) {
      const st = record.statements.find((s) => s.id === id);
      assert.equal(st?.text, text, `${id} holds its last edit`);
    }
    const history = JSON.parse(mahdarCli('--data-dir', dir, 'history', '018bcfe5', '--json'));
    const recorded = history.filter((h) => h.kind === 'statement' && h.op === 'edited' && h.recorded);
    assert.equal(recorded.length, edits, 'one audit entry per edit');
    assert.ok(recorded.every((h) => h.by === 'أمينة الكاتبة'), 'each with its author');
    appendFileSync(REPORT, `  checked afterwards: all ${edits} edits in the store, one audit entry each\n`);
  } catch (e) {
    if (driver) await shot(driver, 'failure-soak').catch(() => {});
    throw e;
  } finally {
    await driver?.quit();
    rmSync(dir, { recursive: true, force: true });
  }
});
