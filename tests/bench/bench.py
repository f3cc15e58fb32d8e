#!/usr/bin/env python3
"""bench.py: bangtin, feh and Chromium on the same content, measured from
outside (the X server and /proc), never from the program's own word.

  tests/bench/bench.py            bangtin's cases (make bench)
  tests/bench/bench.py --peers    bangtin, feh and Chromium side by side
                                  (make bench-peers)

Environment: BENCH_RUNS (default 5), BANGTIN (default build/bangtin),
BENCH_OUT (default build/bench). Content comes from tests/bench/gen.sh.

How each figure is taken:
- first slide: build/bench/probe forks, notes the time, execs the program,
  and polls one screen pixel (XGetImage of the root window, 0.5 ms apart)
  until it shows the first picture's centre colour. Resolution about 1 ms.
- memory: PSS from /proc/PID/smaps_rollup, summed over the process tree
  (descendants, the process group, and anything naming the run's private
  folder on its command line, for helpers that detach). Sampled every
  0.25 s; peak is the highest sum, steady the median over the static window.
- CPU: /proc/PID/task/*/schedstat (run time in ns, all threads) summed over
  the tree, over a measured window; shown as CPU seconds per minute and % of
  one core.
- frame times: XDamage events of the root window (one per presented frame
  here; bursts closer than 4 ms are one frame), stamped on arrival with
  CLOCK_MONOTONIC. Frames closer than 150 ms belong to one transition; the
  intervals inside transitions give the median and worst frame time.
- late changes (bangtin): BANGTIN_DEBUG=1 logs each change and each "is
  late"; a change preceded by a late line is late. For every program also:
  changes seen on screen (damage bursts) against the changes due.
"""
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.abspath(os.environ.get("BENCH_OUT", os.path.join(ROOT, "build/bench")))
CONTENT = os.path.join(OUT, "content")
PROBE = os.path.join(OUT, "probe")
BANGTIN = os.path.abspath(os.environ.get("BANGTIN", os.path.join(ROOT, "build/bangtin")))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
# The 50 ms slides of the late-changes and peers cases are below the
# player's one-second least duration: allowed for measurements only.
os.environ.setdefault("BANGTIN_TEST_MIN_DURATION_MS", "1")
STATIC_S = 8.0  # static window for CPU and steady memory
TRANS_S = 5.0  # window of back-to-back transitions
LATE_CHANGES = 1000  # bangtin's logged changes at 50 ms
LATE_CAP = 1.8  # a run stops at 1.8x the ideal 50 s even when changes are late
PEER_LATE_S = 20.0  # on-screen change count window (400 changes due)
SW_NOACCEL = {"SDL_RENDER_DRIVER": "software", "SDL_FRAMEBUFFER_ACCELERATION": "0"}
OPENGL = {"SDL_RENDER_DRIVER": "opengl"}

# ---- the X server ----


class Xvfb:
    def __init__(self, w, h):
        r, wfd = os.pipe()
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(wfd), "-screen", "0", f"{w}x{h}x24", "-nolisten", "tcp"],
            pass_fds=(wfd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(wfd)
        num = b""
        while not num.endswith(b"\n"):
            c = os.read(r, 1)
            if not c:
                raise SystemExit("bench: Xvfb did not start")
            num += c
        os.close(r)
        self.display = ":" + num.decode().strip()
        self.w, self.h = w, h

    def close(self):
        self.proc.terminate()
        self.proc.wait()


# ---- processes ----


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode(errors="replace")
    except OSError:
        return ""


def all_procs():
    """pid -> (ppid, pgid, cmdline)"""
    out = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        st = read(f"/proc/{d}/stat")
        if not st:
            continue
        rest = st[st.rfind(")") + 2:].split()
        out[int(d)] = (int(rest[1]), int(rest[2]), read(f"/proc/{d}/cmdline").replace("\0", " "))
    return out


def tree(root, token=None):
    """The root's descendants, its process group, and processes naming token."""
    procs = all_procs()
    pids = {root} if root in procs else set()
    changed = True
    while changed:
        changed = False
        for p, (pp, pg, cmd) in procs.items():
            if p not in pids and (pp in pids or pg == root or (token and token in cmd)):
                pids.add(p)
                changed = True
    return pids


def pss_kb(pids):
    total = 0
    for p in pids:
        for line in read(f"/proc/{p}/smaps_rollup").splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1])
                break
    return total


def cpu_ns(pids):
    total = 0
    for p in pids:
        try:
            tasks = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for t in tasks:
            s = read(f"/proc/{p}/task/{t}/schedstat").split()
            if s:
                total += int(s[0])
    return total


def kill_tree(root, token=None):
    for sig in (signal.SIGTERM, signal.SIGKILL):
        pids = tree(root, token)
        for p in pids:
            try:
                os.kill(p, sig)
            except OSError:
                pass
        end = time.time() + 3
        while time.time() < end and any(os.path.exists(f"/proc/{p}") and
                                         "zombie" not in read(f"/proc/{p}/status").lower()
                                         for p in pids):
            time.sleep(0.05)


class Sampler(threading.Thread):
    """PSS of the tree every 0.25 s, with its time."""

    def __init__(self, root, token):
        super().__init__(daemon=True)
        self.root, self.token, self.samples, self.stop = root, token, [], False

    def run(self):
        # The tree is walked every 2 s only: walking /proc costs the machine
        # more than reading a few smaps_rollup files.
        pids, walked = set(), 0.0
        while not self.stop:
            if time.monotonic() - walked > 2.0:
                pids, walked = tree(self.root, self.token), time.monotonic()
            if pids:
                self.samples.append((time.monotonic(), pss_kb(pids)))
            time.sleep(0.25)


# ---- one run ----


class Run:
    """Starts a program through the probe and waits for its first slide."""

    def __init__(self, x, cmd, env=None, token=None, colour=None, timeout_ms=20000, log=None):
        self.token = token
        e = dict(os.environ, DISPLAY=x.display, **(env or {}))
        colour = colour or read(os.path.join(CONTENT, "first-colour")).strip()
        self.log = log
        logf = open(log, "wb") if log else subprocess.DEVNULL
        self.probe = subprocess.Popen(
            [PROBE, "first", str(x.w // 2), str(x.h // 2), colour, "40", str(timeout_ms), "--"] + cmd,
            env=e, stdout=subprocess.PIPE, stderr=logf, start_new_session=False)
        # The program inherits the probe's stderr (the log); stdout is the
        # probe's answer, so the program's stdout goes to the log too.
        line = self.probe.stdout.readline().decode().split()
        self.probe.wait()
        if log:
            logf.close()
        self.pid = int(line[0]) if line else -1
        self.first_ms = float(line[1]) if len(line) > 1 and line[1] != "timeout" else None
        self.sampler = Sampler(self.pid, token)
        self.sampler.start()
        if self.first_ms is None and log:
            kept = os.path.join(OUT, "failed-" + os.path.basename(os.path.dirname(log)) + ".log")
            shutil.copy(log, kept)
            print(f"bench: no first slide within {timeout_ms} ms: {' '.join(cmd[:3])}...; log in {kept}",
                  file=sys.stderr, flush=True)

    def tree(self):
        return tree(self.pid, self.token)

    def cpu_window(self, seconds):
        t0, c0 = time.monotonic(), cpu_ns(self.tree())
        time.sleep(seconds)
        t1, c1 = time.monotonic(), cpu_ns(self.tree())
        return max(0, c1 - c0) / 1e9 / (t1 - t0) * 60.0  # CPU s per minute

    def end(self):
        self.sampler.stop = True
        self.sampler.join()
        kill_tree(self.pid, self.token)

    def peak_mb(self):
        return max((s for _, s in self.sampler.samples), default=0) / 1024

    def steady_mb(self, since):
        v = [s for t, s in self.sampler.samples if t >= since]
        return statistics.median(v) / 1024 if v else 0


def damage(x, seconds):
    out = subprocess.run([PROBE, "damage", str(seconds)], env=dict(os.environ, DISPLAY=x.display),
                         capture_output=True, text=True).stdout
    frames = []
    for line in out.splitlines():
        t = float(line.split()[0])
        if not frames or t - frames[-1] > 4.0:
            frames.append(t)
    return frames


def frame_stats(frames):
    """Intervals inside transitions (frames < 150 ms apart)."""
    iv = [b - a for a, b in zip(frames, frames[1:]) if b - a < 150.0]
    return iv


# ---- the programs ----


def tmpdir(tag):
    return tempfile.mkdtemp(prefix=f"bench-{tag}-", dir=OUT)


def bangtin_cmd(playlist, w, h, lib):
    return [BANGTIN, "--window", f"{w}x{h}", "--library", lib, os.path.join(CONTENT, playlist)]


def feh_cmd(listfile, delay):
    return ["feh", "-F", "-Z", "-Y", "-D", str(delay), "-f", os.path.join(CONTENT, listfile)]


def chromium_cmd(page, w, h, profile):
    os.makedirs(os.path.join(profile, "Default"), exist_ok=True)
    with open(os.path.join(profile, "Default", "Preferences"), "w") as f:
        json.dump({"translate": {"enabled": False}, "browser": {"has_seen_welcome_page": True}}, f)
    return ["chromium", f"--user-data-dir={profile}", f"--window-position=0,0", f"--window-size={w},{h}",
            "--kiosk", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-translate", "--noerrdialogs",
            "--disable-features=Translate", "--password-store=basic",
            "file://" + os.path.join(CONTENT, page)]


# ---- the cases ----


def case_first(x, prog, which, env=None):
    """First slide, peak and steady PSS, static CPU."""
    d = tmpdir(prog)
    if prog == "bangtin":
        r = Run(x, bangtin_cmd(f"p{which}.yaml", x.w, x.h, d), env=env, log=os.path.join(d, "log"))
    elif prog == "feh":
        r = Run(x, feh_cmd(f"feh{which}.txt", 3600), log=os.path.join(d, "log"))
    else:
        r = Run(x, chromium_cmd(f"c{which}.html", x.w, x.h, d), token=d, log=os.path.join(d, "log"))
    try:
        if r.first_ms is None:
            return None
        time.sleep(3.0)  # settle: helpers, caches, the worker's next slide
        since = time.monotonic()
        cpu = r.cpu_window(STATIC_S)
        return {"first_ms": r.first_ms, "peak_mb": r.peak_mb(), "steady_mb": r.steady_mb(since),
                "static_cpu_s_min": cpu}
    finally:
        r.end()
        shutil.rmtree(d, ignore_errors=True)


def case_trans(x, prog, env=None):
    """Back-to-back fades at the X server's size (1280x720): frames and CPU."""
    d = tmpdir(prog)
    if prog == "bangtin":
        r = Run(x, bangtin_cmd("trans-fade.yaml", x.w, x.h, d), env=env, log=os.path.join(d, "log"))
    else:
        r = Run(x, chromium_cmd("trans-fade.html", x.w, x.h, d), token=d, log=os.path.join(d, "log"))
    try:
        if r.first_ms is None:
            return None
        time.sleep(1.0)
        res = {}
        t = threading.Thread(target=lambda: res.update(cpu=r.cpu_window(TRANS_S)))
        t.start()
        frames = damage(x, TRANS_S)
        t.join()
        iv = frame_stats(frames)
        busy = sum(iv) / 1000.0 / TRANS_S
        return {"frame_med_ms": statistics.median(iv) if iv else None, "frame_max_ms": max(iv) if iv else None,
                "frames": len(frames), "trans_cpu_s_min": res["cpu"], "busy": busy,
                "first_ms": r.first_ms, "peak_mb": r.peak_mb()}
    finally:
        r.end()
        shutil.rmtree(d, ignore_errors=True)


def case_late_bangtin(x):
    """1,000 changes at 50 ms; late ones from the debug log."""
    d = tmpdir("bangtin")
    log = os.path.join(d, "log")
    r = Run(x, bangtin_cmd("late.yaml", x.w, x.h, d), env={"BANGTIN_DEBUG": "1"}, log=log)
    try:
        if r.first_ms is None:
            return None
        t0, c0 = time.monotonic(), cpu_ns(r.tree())
        frames = []
        dt = threading.Thread(target=lambda: frames.extend(damage(x, PEER_LATE_S)))
        dt.start()
        deadline = t0 + LATE_CHANGES * 0.05 * LATE_CAP
        changes = late = 0
        while time.monotonic() < deadline:
            changes, late = count_late(log)
            if changes > LATE_CHANGES:
                break
            time.sleep(0.5)
        t1, c1 = time.monotonic(), cpu_ns(r.tree())
        dt.join()
        return {"changes": changes - 1, "late": late, "elapsed_s": t1 - t0,
                "late_cpu_s_min": (c1 - c0) / 1e9 / (t1 - t0) * 60, "peak_mb": r.peak_mb(),
                "seen": len(frames), "due": int(PEER_LATE_S / 0.05)}
    finally:
        r.end()
        shutil.rmtree(d, ignore_errors=True)


def count_late(log):
    """(changes, late changes): a change after an 'is late' line was late."""
    changes = late = 0
    pending = False
    for line in read(log).splitlines():
        if "is late" in line:
            pending = True
        elif "bangtin: slide " in line:
            changes += 1
            if pending and changes > 1:
                late += 1
            pending = False
    return changes, late


def case_late_peer(x, prog):
    """Changes seen on screen in PEER_LATE_S at 50 ms a slide."""
    d = tmpdir(prog)
    if prog == "feh":
        r = Run(x, feh_cmd("feh1000.txt", 0.05), log=os.path.join(d, "log"))
    else:
        r = Run(x, chromium_cmd("late.html", x.w, x.h, d), token=d, log=os.path.join(d, "log"))
    try:
        if r.first_ms is None:
            return None
        time.sleep(1.0)
        res = {}
        t = threading.Thread(target=lambda: res.update(cpu=r.cpu_window(PEER_LATE_S)))
        t.start()
        frames = damage(x, PEER_LATE_S)
        t.join()
        return {"seen": len(frames), "due": int(PEER_LATE_S / 0.05), "late_cpu_s_min": res["cpu"],
                "peak_mb": r.peak_mb()}
    finally:
        r.end()
        shutil.rmtree(d, ignore_errors=True)


# ---- figures ----


def agg(results, key):
    v = [r[key] for r in results if r and r.get(key) is not None]
    if not v:
        return None
    return (statistics.median(v), min(v), max(v), len(v))


def fmt(a, unit="", prec=1):
    if not a:
        return "n/a"
    m, lo, hi, n = a
    return f"{m:.{prec}f}{unit} [{lo:.{prec}f}..{hi:.{prec}f}]"


def repeat(fn, *args):
    out = []
    for _ in range(RUNS):
        out.append(fn(*args))
    return out


def loadavg():
    return read("/proc/loadavg").split()[:3]


def line(name, res, keys):
    parts = []
    for key, label, unit, prec in keys:
        parts.append(f"{label} {fmt(agg(res, key), unit, prec)}")
    fails = sum(1 for r in res if r is None)
    tail = f"  ({fails} runs failed)" if fails else ""
    print(f"{name:<34} " + "  ".join(parts) + tail, flush=True)


FIRST_KEYS = [("first_ms", "first", " ms", 0), ("peak_mb", "PSS peak", " MB", 1),
              ("steady_mb", "steady", " MB", 1), ("static_cpu_s_min", "static CPU", " s/min", 3)]
TRANS_KEYS = [("frame_med_ms", "frame med", " ms", 1), ("frame_max_ms", "worst", " ms", 1),
              ("trans_cpu_s_min", "CPU", " s/min", 1), ("busy", "in transition", "", 2),
              ("peak_mb", "PSS peak", " MB", 1)]
LATE_KEYS = [("late", "late", "", 0), ("changes", "of changes", "", 0), ("elapsed_s", "in", " s", 1),
             ("seen", "seen on screen", "", 0), ("due", "of due", "", 0),
             ("late_cpu_s_min", "CPU", " s/min", 1), ("peak_mb", "PSS peak", " MB", 1)]
PEER_LATE_KEYS = [("seen", "seen on screen", "", 0), ("due", "of due", "", 0),
                  ("late_cpu_s_min", "CPU", " s/min", 1), ("peak_mb", "PSS peak", " MB", 1)]


def main():
    peers = "--peers" in sys.argv
    # make's Ctrl-C or a kill still ends the X servers and the programs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    for tool in ["Xvfb", PROBE] + (["feh", "chromium"] if peers else []):
        if not shutil.which(tool):
            raise SystemExit(f"bench: {tool} is missing (make bench / bench-peers install it)")
    print(f"bench: {time.strftime('%Y-%m-%d %H:%M:%S %z')}  runs {RUNS}  load {' '.join(loadavg())}  "
          f"cores {os.cpu_count()}  {BANGTIN}", flush=True)
    print("figures: median [min..max]; MB are PSS MiB summed over the process tree; "
          "CPU is CPU seconds per wall minute (0.12 s/min = 0.2% of a core); "
          "sw = SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0", flush=True)
    results = {}
    big = Xvfb(1920, 1080)
    small = Xvfb(1280, 720)
    try:
        progs = ["bangtin", "feh", "chromium"] if peers else ["bangtin"]
        for prog in progs:
            for which in (10, 1000):
                k = f"{prog} first/memory/static {which}"
                results[k] = repeat(case_first, big, prog, which)
                line(k, results[k], FIRST_KEYS)
        if not peers:  # the same through OpenGL (Mesa's llvmpipe without a GPU)
            k = "bangtin first/memory/static 1000 opengl"
            results[k] = repeat(case_first, big, "bangtin", 1000, OPENGL)
            line(k, results[k], FIRST_KEYS)
        if peers:
            for prog in progs:
                if prog == "feh":
                    continue  # feh has no transitions
                k = f"{prog} fades 1280x720"
                results[k] = repeat(case_trans, small, prog)
                line(k, results[k], TRANS_KEYS)
        else:
            for label, env in [("default renderer", {}), ("opengl", OPENGL),
                               ("software, fb accel", {"SDL_RENDER_DRIVER": "software",
                                                       "SDL_FRAMEBUFFER_ACCELERATION": "1"}),
                               ("sw", SW_NOACCEL)]:
                k = f"bangtin fades 1280x720 {label}"
                results[k] = repeat(case_trans, small, "bangtin", env)
                line(k, results[k], TRANS_KEYS)
        if peers:
            for prog in progs:
                k = f"{prog} 50 ms slides ({int(PEER_LATE_S)} s)"
                results[k] = repeat(case_late_peer, big, prog) if prog != "bangtin" else \
                    repeat(case_late_peer_bangtin, big)
                line(k, results[k], PEER_LATE_KEYS)
            compare(results)
        else:
            k = f"bangtin {LATE_CHANGES} changes at 50 ms"
            results[k] = repeat(case_late_bangtin, big)
            line(k, results[k], LATE_KEYS)
    finally:
        small.close()
        big.close()
    print(f"bench: done {time.strftime('%H:%M:%S')}  load {' '.join(loadavg())}", flush=True)
    with open(os.path.join(OUT, "peers.json" if peers else "bench.json"), "w") as f:
        json.dump(results, f, indent=1)


def case_late_peer_bangtin(x):
    """bangtin measured like the peers: changes seen on screen."""
    d = tmpdir("bangtin")
    r = Run(x, bangtin_cmd("late.yaml", x.w, x.h, d), log=os.path.join(d, "log"))
    try:
        if r.first_ms is None:
            return None
        time.sleep(1.0)
        res = {}
        t = threading.Thread(target=lambda: res.update(cpu=r.cpu_window(PEER_LATE_S)))
        t.start()
        frames = damage(x, PEER_LATE_S)
        t.join()
        return {"seen": len(frames), "due": int(PEER_LATE_S / 0.05), "late_cpu_s_min": res["cpu"],
                "peak_mb": r.peak_mb()}
    finally:
        r.end()
        shutil.rmtree(d, ignore_errors=True)


def compare(results):
    """bangtin beside each peer: ratio peer/bangtin (>1: bangtin better)."""
    print("ratios: peer / bangtin (above 1: bangtin is better)")
    for which in (10, 1000):
        b = results.get(f"bangtin first/memory/static {which}")
        for prog in ("feh", "chromium"):
            p = results.get(f"{prog} first/memory/static {which}")
            parts = []
            for key, label in [("first_ms", "first slide"), ("peak_mb", "PSS peak"),
                               ("steady_mb", "steady PSS"), ("static_cpu_s_min", "static CPU")]:
                ab, ap = agg(b, key), agg(p, key)
                if ab and ap and ab[0] > 0:
                    parts.append(f"{label} x{ap[0] / ab[0]:.2f}")
                else:
                    parts.append(f"{label} n/a")
            print(f"  {which:>4} slides, {prog:<8} " + "  ".join(parts), flush=True)
    b10, b1000 = agg(results.get("bangtin first/memory/static 10", []), "first_ms"), \
        agg(results.get("bangtin first/memory/static 1000", []), "first_ms")
    if b10 and b1000:
        print(f"  bangtin first slide, 1000 vs 10 slides: x{b1000[0] / b10[0]:.2f}")


if __name__ == "__main__":
    main()
