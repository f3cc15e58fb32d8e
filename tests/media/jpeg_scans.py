#!/usr/bin/env python3
"""jpeg_scans.py OUT WIDTH HEIGHT SCANS MODE: a greyscale progressive JPEG
of WIDTH x HEIGHT, mid-grey, whose first scan holds the DC coefficients and
whose SCANS - 1 further scans are either
  empty  - a scan header with no data at all (each one makes libjpeg warn
           "premature end of data segment" and fill in nothing), or
  valid  - well-formed AC scans that say "all zero" in a few bytes (EOB
           runs): one spectral band per coefficient, then successive-
           approximation refinements, so libjpeg has nothing to warn about
           for the first 63 * 14 scans.
Either way a decoder walks every block of the picture once per scan: the
file is small and the work is SCANS times the picture. Used by the tests of
the scan bound (src/base/bounds.h: BT_MAX_JPEG_SCANS)."""
import struct
import sys


class Bits:
    """An entropy-coded segment: bits MSB first, 0xFF stuffed with 0x00,
    padded with 1s at the end as the standard says."""

    def __init__(self):
        self.out = bytearray()
        self.acc = 0
        self.n = 0

    def put(self, value, length):
        for i in range(length - 1, -1, -1):
            self.acc = (self.acc << 1) | ((value >> i) & 1)
            self.n += 1
            if self.n == 8:
                self.out.append(self.acc)
                if self.acc == 0xFF:
                    self.out.append(0)
                self.acc = 0
                self.n = 0

    def done(self):
        if self.n:
            self.put((1 << (8 - self.n)) - 1, 8 - self.n)
        return bytes(self.out)


def segment(marker, body):
    return struct.pack(">BBH", 0xFF, marker, len(body) + 2) + body


def main():
    out, w, h, scans, mode = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    blocks = ((w + 7) // 8) * ((h + 7) // 8)
    data = bytearray(b"\xff\xd8")
    data += segment(0xDB, b"\x00" + bytes([1] * 64))  # DQT 0: all ones
    data += segment(0xC2, struct.pack(">BHHB", 8, h, w, 1) + b"\x01\x11\x00")  # SOF2, 1 component
    # DC table 0: one symbol, category 0 (no difference), code "0".
    data += segment(0xC4, b"\x00" + bytes([1] + [0] * 15) + b"\x00")
    # AC table 0: the 15 EOB-run symbols 0x00, 0x10 .. 0xE0, 4-bit codes.
    data += segment(0xC4, b"\x10" + bytes([0, 0, 0, 15] + [0] * 12) + bytes(range(0x00, 0xF0, 0x10)))
    # The DC scan: every block's DC difference is 0.
    bits = Bits()
    for _ in range(blocks):
        bits.put(0, 1)
    data += segment(0xDA, b"\x01\x01\x00\x00\x00\x00") + bits.done()

    def eob_runs():
        # EOBn covers runs of 2^n .. 2^(n+1)-1 blocks with n extra bits.
        bits = Bits()
        left = blocks
        while left:
            n = min(left, 32767).bit_length() - 1
            run = min(left, (1 << (n + 1)) - 1)
            bits.put(n, 4)  # the symbol n << 4 has code n (canonical, 4 bits)
            if n:
                bits.put(run - (1 << n), n)
            left -= run
        return bits.done()

    runs = eob_runs()
    made = 1
    k, al = 1, 13
    while made < scans:
        if mode == "empty":
            data += segment(0xDA, b"\x01\x01\x00\x01\x3f\x00")
        else:
            # Band k alone, first at Al=13 then refined down to Al=0.
            if al == 13:
                sa = 0x0D
            else:
                sa = ((al + 1) << 4) | al
            data += segment(0xDA, b"\x01\x01\x00" + bytes([k, k, sa])) + runs
            if al == 0:
                k, al = k + 1, 13
                if k == 64:
                    k = 1  # past every legal scan: libjpeg would warn
            else:
                al -= 1
        made += 1
    data += b"\xff\xd9"
    with open(out, "wb") as f:
        f.write(data)


main()
