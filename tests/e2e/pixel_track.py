#!/usr/bin/env python3
"""pixel_track.py: what one pixel of the X screen shows over time, read
from the X server (not from the program under test).

  pixel_track.py track X Y          prints "MS RRGGBB" each time the pixel
                                    changes (MS: monotonic milliseconds),
                                    polling about every 2 ms, until SIGTERM
  pixel_track.py settled FILE RRGGBB MS
                                    exit 0 when the last sample of FILE is
                                    RRGGBB (within TOL) and at least MS old
  pixel_track.py check FILE SPEC... reads such a file and checks it against
                                    SPEC, one "RRGGBB:SECONDS" per colour in
                                    order ("RRGGBB:" for the last: it lasts
                                    until the end); exit 0 when it matches

check: every sample is classified as the nearest colour of the SPEC
(within TOL, 40 a channel; anything else, black included, is a failure);
samples before the first SPEC colour appears are the screen before the
window and are skipped. The runs of colours must be exactly the SPEC's,
and each run but the last must last its SECONDS within SLACK_MS (env,
default 34: one frame at 30 fps). Exit 1 when the colours are wrong, 3
when only a duration is. Only libX11 is needed (ctypes)."""
import ctypes
import ctypes.util
import os
import signal
import sys
import time

TOL = 40


class XImage(ctypes.Structure):
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
                ("format", ctypes.c_int), ("data", ctypes.POINTER(ctypes.c_ubyte)),
                ("byte_order", ctypes.c_int), ("bitmap_unit", ctypes.c_int),
                ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int),
                ("depth", ctypes.c_int), ("bytes_per_line", ctypes.c_int),
                ("bits_per_pixel", ctypes.c_int)]


def track(x, y):
    lib = ctypes.util.find_library("X11") or "libX11.so.6"
    x11 = ctypes.CDLL(lib)
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XDefaultRootWindow.restype = ctypes.c_ulong
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x11.XGetImage.restype = ctypes.POINTER(XImage)
    x11.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                              ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
    x11.XGetSubImage.restype = ctypes.POINTER(XImage)
    x11.XGetSubImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                                 ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int,
                                 ctypes.POINTER(XImage), ctypes.c_int, ctypes.c_int]
    d = x11.XOpenDisplay(None)
    if not d:
        sys.exit("pixel_track: cannot open the display")
    root = x11.XDefaultRootWindow(d)
    all_planes, zpixmap = 0xFFFFFFFF, 2
    img = x11.XGetImage(d, root, x, y, 1, 1, all_planes, zpixmap)
    if not img or img.contents.bits_per_pixel != 32:
        sys.exit("pixel_track: a 24-bit screen is needed")
    msb = img.contents.byte_order == 1
    stop = []
    signal.signal(signal.SIGTERM, lambda *a: stop.append(1))
    last = None
    out = sys.stdout
    while not stop:
        x11.XGetSubImage(d, root, x, y, 1, 1, all_planes, zpixmap, img, 0, 0)
        p = img.contents.data
        rgb = (p[1], p[2], p[3]) if msb else (p[2], p[1], p[0])
        if rgb != last:
            out.write("%.1f %02x%02x%02x\n" % (time.monotonic() * 1000, *rgb))
            out.flush()
            last = rgb
        time.sleep(0.002)


def parse_rgb(s):
    return tuple(int(s[i:i + 2], 16) for i in (0, 2, 4))


def check(path, specs):
    slack = float(os.environ.get("SLACK_MS", "34"))
    want = []
    for s in specs:
        c, _, secs = s.partition(":")
        want.append((parse_rgb(c), float(secs) if secs else None))
    palette = list({c for c, _ in want})
    samples = []
    with open(path) as f:
        for line in f:
            t, c = line.split()
            samples.append((float(t), parse_rgb(c)))

    def classify(rgb):
        best = min(palette, key=lambda p: sum(abs(a - b) for a, b in zip(p, rgb)))
        return best if all(abs(a - b) <= TOL for a, b in zip(best, rgb)) else None

    # Skip the screen before the window: up to the first sample of the
    # first colour wanted.
    i = 0
    while i < len(samples) and classify(samples[i][1]) != want[0][0]:
        i += 1
    runs = []  # (colour or None, start, end of the last sample seen in it)
    for t, rgb in samples[i:]:
        c = classify(rgb)
        if c is None:
            runs.append((None, t, rgb))
            continue
        if runs and runs[-1][0] == c:
            continue
        runs.append((c, t, rgb))
    seen = " -> ".join(("%02x%02x%02x@%.0f" % (*r[2], r[1] - samples[i][0]) if samples[i:] else "")
                       for r in runs)
    errors = []
    if [r[0] for r in runs] != [c for c, _ in want]:
        errors.append("the colours were not the expected ones")
    else:
        for k, (c, secs) in enumerate(want[:-1]):
            got = runs[k + 1][1] - runs[k][1]
            if secs is not None and abs(got - secs * 1000) > slack:
                errors.append("%02x%02x%02x lasted %.0f ms, expected %.0f +- %.0f" %
                              (*c, got, secs * 1000, slack))
    print("seen: " + seen)
    for e in errors:
        print("FAIL: " + e)
    # 1: wrong colours (a black frame, a missing clip); 3: timing only.
    return 0 if not errors else 1 if errors[0].startswith("the colours") else 3


def settled(path, colour, ms):
    last = None
    with open(path) as f:
        for line in f:
            last = line.split()
    if not last or len(last) != 2:
        return 1
    want, got = parse_rgb(colour), parse_rgb(last[1])
    if any(abs(a - b) > TOL for a, b in zip(want, got)):
        return 1
    return 0 if time.monotonic() * 1000 - float(last[0]) >= ms else 1


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "settled":
        return settled(sys.argv[2], sys.argv[3], float(sys.argv[4]))
    if len(sys.argv) == 4 and sys.argv[1] == "track":
        track(int(sys.argv[2]), int(sys.argv[3]))
        return 0
    if len(sys.argv) >= 4 and sys.argv[1] == "check":
        return check(sys.argv[2], sys.argv[3:])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
