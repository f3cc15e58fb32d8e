#!/usr/bin/env python3
"""videobench.py: a 1080p30 H.264 clip played by the real player (bangtin
fullscreen, a playlist of that one clip), by bangtin's video engine alone
(tests/bench/videoplay, the harness that drives render/video.h as the
player does), by mpv and by ffplay, one after the other under the same
Xvfb, with SDL's software renderer; measured from outside.

  tests/bench/videobench.py          (make bench-video)

Environment: BENCH_RUNS (default 3), BENCH_OUT (default build/bench),
BANGTIN (default build/bangtin), VIDEOPLAY (default build/bench/videoplay),
BENCH_SECONDS (clip length, default 60).

How each figure is taken:
- CPU: utime + stime of /proc/PID/stat (all threads) over the middle of
  the clip (from 5 s in to 5 s before its end), as % of one core.
- memory: PSS from /proc/PID/smaps_rollup every 0.5 s over that window;
  the median (steady) and the highest (peak).
- dropped frames: the player's log line for the clip ("played N s, D
  frames dropped"; the player loops, so it is stopped once the clip has
  played); the engine's own counter (videoplay's last line); mpv's
  frame-drop-count plus decoder-frame-drop-count (read by a Lua script at
  the end); ffplay's "fd=" on its status line.
- each figure: median [min..max] of BENCH_RUNS runs.
- the floor: ffmpeg decoding the clip on one thread into nothing
  (-f null), alone and with the conversion of each frame to RGB; CPU
  seconds over the clip's length: what any player pays before it shows a
  pixel.
"""
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.abspath(os.environ.get("BENCH_OUT", os.path.join(ROOT, "build/bench")))
VIDEOPLAY = os.path.abspath(os.environ.get("VIDEOPLAY", os.path.join(OUT, "videoplay")))
BANGTIN = os.path.abspath(os.environ.get("BANGTIN", os.path.join(ROOT, "build/bangtin")))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "60"))
W, H = 1920, 1080
TICK = os.sysconf("SC_CLK_TCK")
MPV_LUA = """
local last = {0, 0}
mp.add_periodic_timer(0.5, function()
    last[1] = mp.get_property_number("frame-drop-count", last[1])
    last[2] = mp.get_property_number("decoder-frame-drop-count", last[2])
end)
mp.register_event("shutdown", function()
    io.stderr:write(string.format("bench-drops %d %d\\n", last[1], last[2]))
end)
"""


def clip_path():
    d = os.path.join(OUT, "video")
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, "testsrc2-1080p30-%ds.mp4" % SECONDS)
    if not os.path.exists(path):
        print("making %s (once)..." % os.path.relpath(path, ROOT), flush=True)
        tmp = path + ".part.mp4"
        subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                        "testsrc2=s=%dx%d:r=30:d=%d" % (W, H, SECONDS), "-c:v", "libx264",
                        "-preset", "veryfast", "-pix_fmt", "yuv420p", "-movflags", "+faststart",
                        tmp], check=True)
        os.rename(tmp, path)
    return path


class Xvfb:
    def __init__(self):
        r, w = os.pipe()
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(w), "-screen", "0", "%dx%dx24" % (W, H), "-nolisten", "tcp"],
            pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(w)
        num = b""
        while not num.endswith(b"\n"):
            c = os.read(r, 1)
            if not c:
                raise SystemExit("videobench: Xvfb did not start")
            num += c
        os.close(r)
        self.display = ":" + num.decode().strip()

    def close(self):
        self.proc.terminate()
        self.proc.wait()


def cpu_ticks(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15)


def pss_kb(pid):
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def played_once(out_path):
    with open(out_path, errors="replace") as f:
        return re.search(r"video [^ ]*: played [0-9.]+ s, \d+ frames dropped", f.read()) is not None


def run_one(cmd, env, out_path, loops=False):
    """Starts cmd, measures it over the middle of the clip; returns
    (cpu %, median PSS MB, peak PSS MB, its output). A program that loops
    (the player) is stopped once it has played the clip through."""
    with open(out_path, "w") as out:
        p = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL, start_new_session=True)
        t_start = time.monotonic()
        time.sleep(5)
        c0, w0 = cpu_ticks(p.pid), time.monotonic()
        pss = []
        while time.monotonic() - t_start < SECONDS - 5 and p.poll() is None:
            v = pss_kb(p.pid)
            if v:
                pss.append(v)
            time.sleep(0.5)
        if p.poll() is not None:
            with open(out_path, errors="replace") as f:
                sys.exit("videobench: %s ended early (status %d): %s" % (cmd[0], p.returncode, f.read()[-2000:]))
        c1, w1 = cpu_ticks(p.pid), time.monotonic()
        if loops:
            end = time.monotonic() + SECONDS
            while not played_once(out_path) and time.monotonic() < end and p.poll() is None:
                time.sleep(0.1)
            os.killpg(p.pid, signal.SIGTERM)
        try:
            p.wait(timeout=SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGTERM)
            p.wait()
    cpu = 100.0 * (c1 - c0) / TICK / (w1 - w0)
    with open(out_path, errors="replace") as f:
        text = f.read()
    return cpu, statistics.median(pss) / 1024 if pss else 0, max(pss) / 1024 if pss else 0, text


def drops_bangtin(text):
    m = re.findall(r"video [^ ]*: played [0-9.]+ s, (\d+) frames dropped", text)
    return int(m[0]) if m else None


def drops_videoplay(text):
    m = re.findall(r"videoplay: done, drops (\d+)", text)
    return int(m[-1]) if m else None


def drops_mpv(text):
    m = re.findall(r"bench-drops (\d+) (\d+)", text)
    return int(m[-1][0]) + int(m[-1][1]) if m else None


def drops_ffplay(text):
    m = re.findall(r"fd=\s*(\d+)", text)
    return int(m[-1]) if m else None


def floor(clip, rgb):
    """CPU % of a core for ffmpeg decoding the clip on one thread (and,
    with rgb, converting every frame to 32-bit RGB) into nothing."""
    conv = "-pix_fmt bgr0 -sws_flags bilinear" if rgb else ""
    r = subprocess.run(["bash", "-c", "TIMEFORMAT='%%U %%S'; { time ffmpeg -nostdin -v error -threads 1 "
                        "-i '%s' %s -f null - ; } 2>&1" % (clip, conv)], capture_output=True, text=True)
    u, s = (float(x) for x in r.stdout.split()[-2:])
    return 100.0 * (u + s) / SECONDS


def fmt(vals, unit, prec=0):
    vals = [v for v in vals if v is not None]
    if not vals:
        return "-"
    f = "%%.%df" % prec
    return (f + "%s [" + f + ".." + f + "]") % (statistics.median(vals), unit, min(vals), max(vals))


def main():
    clip = clip_path()
    if not os.access(VIDEOPLAY, os.X_OK):
        sys.exit("videobench: %s is missing (make -s build/bench/videoplay)" % VIDEOPLAY)
    tmp = tempfile.mkdtemp(prefix="bangtin-vbench.")
    lua = os.path.join(tmp, "drops.lua")
    with open(lua, "w") as f:
        f.write(MPV_LUA)
    if not os.access(BANGTIN, os.X_OK):
        sys.exit("videobench: %s is missing (make)" % BANGTIN)
    # beside the clip: a playlist names its files from its own folder
    playlist = os.path.join(os.path.dirname(clip), "bench.yaml")
    with open(playlist, "w") as f:
        f.write("version: 1\ntouch: {enabled: false}\nslides:\n  - video: %s\n" % os.path.basename(clip))
    programs = [
        ("bangtin (the player)", [BANGTIN, "--library", os.path.join(tmp, "lib"), "--watch",
                                  os.path.join(tmp, "nowatch"), playlist], drops_bangtin),
        ("bangtin engine (videoplay)", [VIDEOPLAY, "--window", "%dx%d" % (W, H), clip], drops_videoplay),
        ("mpv --vo=x11 --no-audio", ["mpv", "--no-config", "--vo=x11", "--no-audio", "--geometry=0:0",
                                     "--no-border", "--script=" + lua, "--really-quiet", clip], drops_mpv),
        ("ffplay -an", ["ffplay", "-hide_banner", "-an", "-autoexit", "-left", "0", "-top", "0",
                        "-noborder", clip], drops_ffplay),
    ]
    x = Xvfb()
    # SDL's software renderer straight into the window (no OpenGL behind
    # the framebuffer), as the player runs under X11; ffplay gets the same.
    env = dict(os.environ, DISPLAY=x.display, SDL_RENDER_DRIVER="software",
               SDL_FRAMEBUFFER_ACCELERATION="0", SDL_AUDIODRIVER="dummy")
    env.pop("BANGTIN_DEBUG", None)
    results = {name: [] for name, _, _ in programs}
    try:
        for run in range(RUNS):
            for name, cmd, drops in programs:
                cpu, pss, peak, text = run_one(cmd, env, os.path.join(tmp, "run.log"),
                                               loops=cmd[0] == BANGTIN)
                d = drops(text)
                results[name].append((cpu, pss, peak, d))
                print("run %d %-28s CPU %5.1f%%  PSS %5.1f MB (peak %5.1f)  dropped %s" %
                      (run + 1, name, cpu, pss, peak, d if d is not None else "?"), flush=True)
    finally:
        x.close()
    fl, fl_rgb = floor(clip, False), floor(clip, True)
    print()
    print("1080p30 H.264 (testsrc2, %d s), Xvfb %dx%d, SDL software renderer; median [min..max] of %d runs"
          % (SECONDS, W, H, RUNS))
    print("%-28s %-24s %-24s %-22s %s" % ("", "CPU (% of a core)", "PSS steady", "PSS peak", "dropped"))
    for name, _, _ in programs:
        r = results[name]
        print("%-28s %-24s %-24s %-22s %s" % (name, fmt([v[0] for v in r], "%", 1), fmt([v[1] for v in r], " MB", 1),
                                             fmt([v[2] for v in r], " MB", 1), fmt([v[3] for v in r], "")))
    print("%-28s %.1f%% decoding alone, %.1f%% decoding and converting to RGB "
          "(ffmpeg -threads 1 -f null)" % ("floor", fl, fl_rgb))


if __name__ == "__main__":
    main()
