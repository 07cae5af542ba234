// Memory figures of the running app, read from /proc: shared by the soak and the memory probe.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** A KiB figure of a process's /proc status (`VmRSS`, `RssAnon`…), 0 once it is gone. */
function statusKiB(pid, field) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
    return line ? Number(line.split(/\s+/)[1]) : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of a process, in KiB (0 once it is gone). */
export const rssKiB = (pid) => statusKiB(pid, 'VmRSS');

/**
 * Its anonymous resident memory (`RssAnon`), in KiB: what the process allocated and holds in
 * memory (its heap and other anonymous pages, free memory its allocator keeps included), without
 * the pages of files it maps (its code, its libraries, the search index's files) or shared memory.
 */
export const anonKiB = (pid) => statusKiB(pid, 'RssAnon');

/** A process's children, and theirs, from /proc. */
export function descendants(pid) {
  const out = [];
  for (const task of readdirSync(`/proc/${pid}/task`, { withFileTypes: true })) {
    let children = '';
    try {
      children = readFileSync(`/proc/${pid}/task/${task.name}/children`, 'utf8');
    } catch {
      continue;
    }
    for (const child of children.split(/\s+/).filter(Boolean).map(Number)) {
      out.push(child, ...descendants(child));
    }
  }
  return out;
}

/** The app started on `dir` (its command line names the data folder). */
export function appPid(dir) {
  const found = execFileSync('pgrep', ['-f', `mahdar-app.*--data-dir ${dir}`], { encoding: 'utf8' }).trim().split('\n');
  assert.equal(found.length, 1, `one app process on ${dir}: ${found}`);
  return Number(found[0]);
}

/** Least-squares slope of y over x. */
export function slope(points) {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

export const MiB = (kib) => (kib / 1024).toFixed(1);
