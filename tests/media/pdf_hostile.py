#!/usr/bin/env python3
"""pdf_hostile.py OUT KIND: one-page PDFs made to hurt a PDF reader.
  slow   - a content stream of 2 million filled rectangles (100 KB on disk):
           drawing it takes a reader far longer than a page may
  slow3  - three pages, the second of them the slow one
  image  - a 20000x20000 RGB picture (1.2 GB when decoded, 1.2 MB on disk):
           a reader that decoded it whole would need more than it may
Small files, generated at run time, for the tests of the PDF helper's
time and memory limits (src/render/pdf.c)."""
import sys
import zlib

out, kind = sys.argv[1], sys.argv[2]


def deflate(chunks):
    z = zlib.compressobj(6)
    data = bytearray()
    for c in chunks:
        data += z.compress(c)
    data += z.flush()
    return bytes(data)


objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
pages = []  # (content, resources) per page
if kind in ("slow", "slow3"):
    ops = b"10 10 500 700 re f\n" * 100000
    slow = deflate(ops for _ in range(20))
    fast = zlib.compress(b"0 0 1 rg 0 0 595 842 re f\n")
    pages = [(slow, b"<< >>")] if kind == "slow" else [(fast, b"<< >>"), (slow, b"<< >>"),
                                                        (fast, b"<< >>")]
else:
    n = 20000
    row = bytes(n * 3)
    img = deflate(row for _ in range(n))
    objs[3] = (b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
               b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (n, n, len(img))
               + img + b"\nendstream")
    pages = [(zlib.compress(b"q 595 0 0 842 0 0 cm /Im0 Do Q\n"), b"<< /XObject << /Im0 3 0 R >> >>")]
kids = []
for i, (content, res) in enumerate(pages):
    page, stream = 4 + 2 * i, 5 + 2 * i
    kids.append(b"%d 0 R" % page)
    objs[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s "
                  b"/Contents %d 0 R >>" % (res, stream))
    objs[stream] = (b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content +
                    b"\nendstream")
objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
body = bytearray(b"%PDF-1.4\n")
offsets = {}
for k in sorted(objs):
    offsets[k] = len(body)
    body += b"%d 0 obj\n" % k + objs[k] + b"\nendobj\n"
xref = len(body)
body += b"xref\n0 %d\n0000000000 65535 f \n" % (max(objs) + 1)
for k in range(1, max(objs) + 1):  # a number not used is a free entry
    body += b"%010d 00000 n \n" % offsets[k] if k in offsets else b"0000000000 65535 f \n"
body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (max(objs) + 1, xref)
with open(out, "wb") as f:
    f.write(body)
