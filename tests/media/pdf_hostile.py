#!/usr/bin/env python3
"""pdf_hostile.py OUT KIND: one-page PDFs made to hurt a PDF reader.
  slow   - a content stream of 2 million filled rectangles (100 KB on disk):
           drawing it takes a reader far longer than a page may
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


objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"}
if kind == "slow":
    ops = b"10 10 500 700 re f\n" * 100000
    content = deflate(ops for _ in range(20))
    res = b"<< >>"
else:
    n = 20000
    row = bytes(n * 3)
    img = deflate(row for _ in range(n))
    objs[5] = (b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
               b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (n, n, len(img))
               + img + b"\nendstream")
    content = zlib.compress(b"q 595 0 0 842 0 0 cm /Im0 Do Q\n")
    res = b"<< /XObject << /Im0 5 0 R >> >>"
objs[3] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents 4 0 R >>" % res
objs[4] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream"
body = bytearray(b"%PDF-1.4\n")
offsets = {}
for k in sorted(objs):
    offsets[k] = len(body)
    body += b"%d 0 obj\n" % k + objs[k] + b"\nendobj\n"
xref = len(body)
body += b"xref\n0 %d\n0000000000 65535 f \n" % (max(objs) + 1)
for k in range(1, max(objs) + 1):
    body += b"%010d 00000 n \n" % offsets[k]
body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (max(objs) + 1, xref)
with open(out, "wb") as f:
    f.write(body)
