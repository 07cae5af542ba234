#!/usr/bin/python3
"""WebKitGTK's web process growing in a bare WebKitGTK view: no Tauri, no Mahdar.

A GTK window holding a plain WebKit2 4.1 WebView (the library the app runs on) loads a page
that does nothing but what `make probe PROBE=create` does in the app: a small form (two lists,
two text fields, a text box, two buttons) added to the page, the text box focused, two frames
drawn, the form removed; again and again for MINUTES. Every 30 s it prints the web process's
resident memory, its anonymous resident memory (RssAnon: what it allocated and holds in
memory, free memory its allocator keeps included, the pages of files it maps not) and
its `[heap]` mapping; then the growth a minute and a round by the least-squares slope after
the first minute.

    xvfb-run -a -s '-screen 0 1280x800x24' scripts/webkit-memory-repro.py [MINUTES] [PATTERN]

PATTERN: `create` (the default; the form built and removed each round), `show` (built once,
then shown and hidden with `hidden`, which takes its boxes out of the layout) or `veil` (built
once, then made invisible with `visibility: hidden` and `position: absolute`, its boxes kept).
Needs Debian's python3-gi and gir1.2-webkit2-4.1 (`make setup` installs them).
RELIABILITY.md, "Not flat yet", has the figures.
"""

import importlib.util
import os
import sys
import time
from pathlib import Path

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402

MINUTES = float(sys.argv[1]) if len(sys.argv) > 1 else 10
PATTERN = sys.argv[2] if len(sys.argv) > 2 else "create"
if not MINUTES >= 2 or PATTERN not in ("create", "show", "veil"):
    sys.exit("usage: webkit-memory-repro.py [MINUTES (2 or more)] [create|show|veil]")

PAGE = """<!doctype html>
<html lang="ar" dir="rtl"><meta charset="utf-8">
<style>.veiled { visibility: hidden; position: absolute; }</style>
<body style="font: 16px sans-serif">
<p>محضر — صفحة اختبار الذاكرة</p><div id="host"></div><p id="n">0</p>
<script>
const FORM = '<form><div><label>المتحدث</label><select><option>أ</option><option>ب</option></select>' +
  '<label>النوع</label><select><option>مداخلة</option><option>تصريح</option></select>' +
  '<input type="text"><input type="text"></div><textarea rows="4">نص تجريبي</textarea>' +
  '<div><button type="submit">حفظ</button><button type="button">إلغاء</button></div></form>';
const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
let n = 0, form;
(async () => {
  for (;;) {
    if (!form || '%(pattern)s' === 'create') {
      form = document.createElement('div');
      form.innerHTML = FORM;
      document.getElementById('host').appendChild(form);
    }
    if ('%(pattern)s' === 'veil') form.className = ''; else form.hidden = false;
    form.querySelector('textarea').focus();
    await frame();
    if ('%(pattern)s' === 'create') form.remove();
    else if ('%(pattern)s' === 'veil') { form.querySelector('textarea').blur(); form.className = 'veiled'; }
    else form.hidden = true;
    await frame();
    document.getElementById('n').textContent = String(++n);
    document.title = String(n);
  }
})();
</script>
</body></html>
""" % {"pattern": PATTERN}


def _measure_app():
    """scripts/measure-app.py, whose `children` (every descendant of a process) is used here."""
    spec = importlib.util.spec_from_file_location("measure_app", Path(__file__).with_name("measure-app.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


descendants = _measure_app().children


def web_process():
    """The WebKitWebProcess started by this process (a child, or a grandchild when WebKit
    starts it in its bubblewrap sandbox)."""
    found = []
    for pid in descendants(os.getpid()):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if b"WebKitWebProcess" in f.read():
                    found.append(pid)
        except OSError:
            continue
    if len(found) > 1:
        sys.exit(f"more than one web process ({found}): cannot tell which to measure")
    return found[0] if found else None


def figures(pid):
    """(resident, anonymous, [heap]) in KiB."""
    status = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            status[key] = value.split()
    heap = 0
    with open(f"/proc/{pid}/smaps") as f:
        in_heap = False
        for line in f:
            if "[heap]" in line:
                in_heap = True
            elif in_heap and line.startswith("Rss:"):
                heap = int(line.split()[1])
                break
    return int(status["VmRSS"][0]), int(status["RssAnon"][0]), heap


def slope(points):
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    den = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / den if den else 0.0


def main():
    window = Gtk.Window(title="WebKitGTK memory")
    window.set_default_size(1000, 700)
    view = WebKit2.WebView()
    window.add(view)
    window.show_all()
    view.load_html(PAGE, "about:blank")

    started = time.monotonic()
    samples = []  # (minutes, rounds, resident, anonymous, heap)

    def sample():
        pid = web_process()
        minutes = (time.monotonic() - started) / 60
        title = view.get_title() or "0"
        if pid:
            try:
                rss, anon, heap = figures(pid)
            except OSError:
                print("the web process went away", flush=True)
                Gtk.main_quit()
                return False
            rounds = int(title) if title.isdigit() else 0
            samples.append((minutes, rounds, rss, anon, heap))
            print(
                f"{minutes:5.1f} min  {rounds:6d} rounds  resident {rss / 1024:6.1f} MiB  "
                f"anonymous {anon / 1024:6.1f} MiB  [heap] {heap / 1024:6.1f} MiB",
                flush=True,
            )
        if minutes >= MINUTES - 0.05:  # the timer may fire a little early
            Gtk.main_quit()
            return False
        return True

    GLib.timeout_add_seconds(30, sample)
    Gtk.main()

    warm = [s for s in samples if s[0] >= 0.95]  # after the first minute (the sample at 1)
    if len(warm) < 2:
        sys.exit("too few samples: is the display there (xvfb-run)?")
    rounds_per_minute = (warm[-1][1] - warm[0][1]) / (warm[-1][0] - warm[0][0])
    info = Gtk.get_major_version(), Gtk.get_minor_version()
    print(
        f"bare WebKitGTK {WebKit2.get_major_version()}.{WebKit2.get_minor_version()}."
        f"{WebKit2.get_micro_version()} (GTK {info[0]}.{info[1]}), pattern {PATTERN}: "
        f"{warm[-1][1]} rounds in {warm[-1][0]:.1f} min ({rounds_per_minute:.0f} a minute)"
    )
    for name, i in (("resident", 2), ("anonymous", 3), ("[heap]", 4)):
        per_minute = slope([(s[0], s[i]) for s in warm])
        per_round = per_minute / rounds_per_minute if rounds_per_minute else 0
        print(
            f"  {name:9s} {warm[0][i] / 1024:6.1f} → {warm[-1][i] / 1024:6.1f} MiB after the first "
            f"minute: {per_minute / 1024:5.2f} MiB a minute, {per_round:5.1f} KiB a round"
        )


if __name__ == "__main__":
    main()
