// The memory probe: one pattern of the UI repeated by a loop inside the page (WebDriver idle),
// on the real app and the seed meeting, while the web process's resident memory is sampled
// every 15 s. It tells which page pattern makes WebKitGTK's web process grow (RELIABILITY.md,
// "Not flat yet"); it asserts nothing.
//
//   MAHDAR_PROBE=toggle MAHDAR_PROBE_MINUTES=3 xvfb-run -a -s '-screen 0 1280x800x24' \
//     node tests/e2e/memory-probe.mjs            (make probe PROBE=toggle)
//
// Patterns (MAHDAR_PROBE):
//   edit    a statement corrected and saved, as in the soak           (the default)
//   toggle  a statement's edit form opened and cancelled, nothing saved
//   create  a form of seven controls created in the page and removed
//   show    the same form, created once, shown and hidden
//   text    a statement's shown text replaced
//   value   a text box's value replaced
//   scroll  the statements scrolled into view in turn
//   visit   to the meetings list and back to the meeting
//   search  a search typed, its results shown, then closed
// MAHDAR_PROBE_PACE_MS: the least time one round takes (0 by default: as fast as it goes).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDriver, launchOnSeedMeeting } from './driver.mjs';
import { MiB, appPid, descendants, rssKiB, slope } from './memory.mjs';

const PATTERN = process.env.MAHDAR_PROBE ?? 'edit';
const MINUTES = Number(process.env.MAHDAR_PROBE_MINUTES ?? 3);
const PACE = Number(process.env.MAHDAR_PROBE_PACE_MS ?? 0);
if (!(MINUTES >= 1)) {
  console.error(`MAHDAR_PROBE_MINUTES must be 1 or more (the first half minute is not counted), not "${process.env.MAHDAR_PROBE_MINUTES}"`);
  process.exit(2);
}
const PATTERNS = ['edit', 'toggle', 'create', 'show', 'text', 'value', 'scroll', 'visit', 'search'];
if (!PATTERNS.includes(PATTERN)) {
  console.error(`MAHDAR_PROBE must be one of ${PATTERNS.join(', ')}, not "${PATTERN}"`);
  process.exit(2);
}

// The statement edit form's controls, as plain HTML (for `create` and `show`).
const FORM =
  '<form><div><label>المتحدث</label><select><option>أ</option><option>ب</option><option>ج</option></select>' +
  '<label>النوع</label><select><option>مداخلة</option><option>تصريح</option></select>' +
  '<input type="text"><input type="text"></div><textarea rows="4">نص تجريبي</textarea>' +
  '<div><button type="submit">حفظ</button><button type="button">إلغاء</button></div></form>';

// Runs in the page: `rounds` of the pattern until the time is up; answers how many were done
// and which nodes were added or removed (a MutationObserver), the most frequent first.
const IN_PAGE = `
const [pattern, minutes, pace, form, done] = arguments;
const until = Date.now() + minutes * 60000;
let n = 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
const waitFor = async (f) => {
  const t = Date.now();
  while (Date.now() - t < 20000) { const v = f(); if (v) return v; await sleep(15); }
  throw new Error('round ' + n + ': the page did not answer');
};
const button = (item, label) => [...item.querySelectorAll('button')].find((b) => b.textContent.trim() === label);
const shownBox = (item) => { const x = item.querySelector('textarea'); return x && x.offsetParent !== null ? x : null; };
const churn = new Map();
const name = (node) => node.nodeType === 1 ? node.tagName.toLowerCase() + (typeof node.className === 'string' && node.className ? '.' + node.className.split(' ')[0] : '') : node.nodeName;
new MutationObserver((records) => {
  for (const r of records) {
    for (const a of r.addedNodes) churn.set('+ ' + name(a), (churn.get('+ ' + name(a)) || 0) + 1);
    for (const a of r.removedNodes) churn.set('- ' + name(a), (churn.get('- ' + name(a)) || 0) + 1);
  }
}).observe(document.body, { childList: true, subtree: true });
let host;
(async () => {
  try {
    while (Date.now() < until) {
      const started = Date.now();
      const items = await waitFor(() => { const l = document.querySelectorAll('[data-testid="statement-item"]'); return l.length === 8 ? l : null; });
      const id = items[n % 8].getAttribute('data-statement-id');
      const item = () => document.querySelector('[data-statement-id="' + id + '"]');
      if (pattern === 'edit' || pattern === 'toggle') {
        item().scrollIntoView({ block: 'center' });
        if (!shownBox(item())) button(item(), 'تعديل').click();
        const box = await waitFor(() => shownBox(item()));
        if (pattern === 'toggle') {
          await frame();
          button(item(), 'إلغاء').click();
          await waitFor(() => !shownBox(item()));
        } else {
          const text = box.value.replace(/ — مراجعة \\d+$/, '') + ' — مراجعة ' + (n + 1);
          box.value = text;
          box.dispatchEvent(new Event('input', { bubbles: true }));
          button(item(), 'حفظ').click();
          await waitFor(() => { const p = item() && item().querySelector('p.text'); return p && p.textContent.trim() === text; });
        }
      } else if (pattern === 'create' || pattern === 'show') {
        if (!host || pattern === 'create') { host = document.createElement('div'); host.innerHTML = form; item().appendChild(host); }
        host.hidden = false;
        host.querySelector('textarea').focus();
        await frame();
        if (pattern === 'create') host.remove(); else host.hidden = true;
      } else if (pattern === 'text') {
        item().querySelector('p.text').textContent = (n % 2 ? 'النص الأول ' : 'النص الثاني ') + (n % 50);
      } else if (pattern === 'value') {
        if (!host) { host = document.createElement('div'); host.innerHTML = '<textarea rows="4"></textarea>'; items[0].appendChild(host); }
        host.querySelector('textarea').value = (n % 2 ? 'النص الأول ' : 'النص الثاني ') + (n % 50);
      } else if (pattern === 'scroll') {
        item().scrollIntoView({ block: 'center' });
      } else if (pattern === 'visit') {
        document.querySelector('[data-testid="nav-meetings"]').click();
        (await waitFor(() => document.querySelector('[data-testid="meeting-item"]'))).click();
      } else if (pattern === 'search') {
        const search = document.querySelector('[data-testid="search-input"]');
        search.focus();
        search.value = ['التضامن', 'مكناس', 'الجهة'][n % 3];
        search.dispatchEvent(new Event('input', { bubbles: true }));
        await waitFor(() => document.querySelector('[data-testid="search-hit"]'));
        search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
        await waitFor(() => !document.querySelector('[data-testid="search-hit"]'));
      }
      await frame();
      n++;
      const left = pace - (Date.now() - started);
      if (left > 0) await sleep(left);
    }
    done({ rounds: n, churn: [...churn].sort((a, b) => b[1] - a[1]).slice(0, 10) });
  } catch (e) {
    done({ rounds: n, error: String(e) });
  }
})();
`;

const driverProcess = await startDriver();
const dir = mkdtempSync(path.join(tmpdir(), 'mahdar-probe-'));
let driver;
try {
  driver = await launchOnSeedMeeting(dir);
  const pid = appPid(dir);
  const started = Date.now();
  const samples = []; // [minutes, web process KiB]
  // WebKit's processes: the app's children (the web process, and the network process).
  const sample = () => {
    let web;
    try {
      web = descendants(pid).reduce((s, p) => s + rssKiB(p), 0);
    } catch {
      return; // the app is gone: the page's answer says why
    }
    samples.push([(Date.now() - started) / 60_000, web]);
    console.log(`${samples.at(-1)[0].toFixed(1).padStart(5)} min  WebKit's processes ${MiB(web)} MiB`);
  };
  sample();
  const timer = setInterval(sample, 15_000);
  await driver.manage().setTimeouts({ script: (MINUTES + 2) * 60_000 });
  let result;
  try {
    result = await driver.executeAsyncScript(IN_PAGE, PATTERN, MINUTES, PACE, FORM);
  } finally {
    clearInterval(timer);
  }
  sample();
  if (result.error) throw new Error(result.error);
  // The first half minute is the page settling; the slope (least squares) is taken after it.
  const warm = samples.filter(([m]) => m >= 0.5);
  const kibPerMinute = slope(warm);
  const roundsPerMinute = result.rounds / samples.at(-1)[0];
  console.log(`probe ${PATTERN}: ${result.rounds} rounds in ${MINUTES} min; WebKit's processes ${MiB(warm[0][1])} → ${MiB(warm.at(-1)[1])} MiB after half a minute, ${(kibPerMinute / 1024).toFixed(1)} MiB a minute by the slope, about ${Math.round(kibPerMinute / roundsPerMinute)} KiB a round`);
  console.log(`nodes added (+) and removed (-) in the page: ${result.churn.map(([k, v]) => `${k} ×${v}`).join(', ') || 'none'}`);
} finally {
  await driver?.quit();
  driverProcess.kill();
  rmSync(dir, { recursive: true, force: true });
}
