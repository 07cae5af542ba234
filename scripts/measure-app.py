#!/usr/bin/env python3
"""Start-up time and memory of the Mahdar app beside an empty Tauri 2 window, in one run.

For each app, 5 times, the two interleaved (release builds, under Xvfb): the time from launch to its first screen
drawn with its data (Mahdar: the meeting list with the seed meeting loaded; the empty window:
its first frame), read from the `mahdar-ready <ms>` line the app prints when
MAHDAR_REPORT_READY=1; then, after 10 s idle, the PSS of the app and its WebKit processes
(from /proc/PID/smaps_rollup). Prints the medians and the ratios.

    xvfb-run -a -s '-screen 0 1280x800x24' scripts/measure-app.py [TARGET_DIR]

TARGET_DIR defaults to $CARGO_TARGET_DIR or ./target; both apps must be built with
`cargo build --release -p mahdar-app -p mahdar-empty-window -p mahdar-cli`.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 5
IDLE_SECONDS = 10


def children(pid):
    """Every descendant of pid."""
    found = []
    try:
        entries = os.listdir("/proc")
    except OSError:
        return found
    parents = {}
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            parents.setdefault(int(fields[1]), []).append(int(entry))
        except OSError:
            continue
    stack = [pid]
    while stack:
        p = stack.pop()
        for c in parents.get(p, []):
            found.append(c)
            stack.append(c)
    return found


def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def name(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"


def run_once(command, env):
    start = time.monotonic()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    ready_ms = None
    deadline = start + 60
    try:
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            if line.startswith("mahdar-ready"):
                ready_ms = (time.monotonic() - start) * 1000
                break
        if ready_ms is None:
            raise RuntimeError(f"{command[0]} never reported its first screen")
        time.sleep(IDLE_SECONDS)
        pids = [proc.pid] + children(proc.pid)
        per_process = {}
        for pid in pids:
            per_process[name(pid)] = per_process.get(name(pid), 0) + pss_kib(pid)
        return ready_ms, sum(per_process.values()), per_process
    finally:
        proc.kill()
        proc.wait()


def summary(label, runs):
    times = [ms for ms, _, _ in runs]
    memory = [kib for _, kib, _ in runs]
    t, m = statistics.median(times), statistics.median(memory)
    detail = runs[-1][2]
    parts = ", ".join(f"{k} {v / 1024:.0f} MB" for k, v in sorted(detail.items()))
    print(f"{label:<14} start {t:7.0f} ms (runs: {', '.join(f'{x:.0f}' for x in times)})   PSS {m / 1024:6.1f} MB ({parts})")
    return t, m


def main():
    if not os.environ.get("DISPLAY"):
        sys.exit("measure-app: no display; run under xvfb-run -a -s '-screen 0 1280x800x24'")
    target = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CARGO_TARGET_DIR", "target")
    release = os.path.join(target, "release")
    app, empty, cli = (os.path.join(release, n) for n in ("mahdar-app", "mahdar-empty-window", "mahdar"))
    for binary in (app, empty, cli):
        if not os.path.exists(binary):
            sys.exit(f"measure-app: {binary} is missing; build with cargo build --release -p mahdar-app -p mahdar-empty-window -p mahdar-cli")
    with tempfile.TemporaryDirectory() as data:
        subprocess.run([cli, "--data-dir", data, "demo"], check=True, stdout=subprocess.DEVNULL)
        env = dict(os.environ, MAHDAR_REPORT_READY="1", MAHDAR_DATA_DIR=data)
        print(f"== {RUNS} runs each, median; PSS after {IDLE_SECONDS} s idle; {os.cpu_count()} CPUs ==")
        # Interleaved, so that a slow moment of the machine hits both alike.
        ours, peer = [], []
        for _ in range(RUNS):
            ours.append(run_once([app], env))
            peer.append(run_once([empty], env))
        mt, mm = summary("Mahdar", ours)
        et, em = summary("empty window", peer)
    print(f"ratios (Mahdar / empty window): start {mt / et:.2f}×   memory {mm / em:.2f}×")
    print(f"targets: start < 1000 ms and ≤ 1.2×; memory ≤ 1.3×")


if __name__ == "__main__":
    main()
