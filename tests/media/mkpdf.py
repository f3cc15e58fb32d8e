#!/usr/bin/env python3
"""mkpdf.py OUT PAGES [WxH] [COLOURS] [--text]: a PDF of PAGES pages of
WxH points (default 595x842, A4), each filled with the next of COLOURS
(comma-separated hex, default white) and, with --text, a page of running
text in Helvetica over it, as a handbook's pages are. Written by hand
(objects, cross-reference table, trailer) so that the tests need nothing
but python3; the same generator makes 3 pages for a render test, 50 for
the benchmark and 2,000 for the page bound."""
import sys
import unicodedata

out, pages = sys.argv[1], int(sys.argv[2])
args = [a for a in sys.argv[3:] if not a.startswith("--")]
w, h = (595, 842)
if args and "x" in args[0]:
    w, h = (int(v) for v in args[0].split("x"))
    args = args[1:]
colours = args[0].split(",") if args else ["ffffff"]
text = "--text" in sys.argv

LINE = ("Không chia sẻ mã OTP với bất kỳ ai. Ngân hàng, công an hay nhà mạng không bao giờ "
        "yêu cầu bạn đọc mã OTP qua điện thoại.")
# Helvetica's standard encoding has no Vietnamese: the letters without marks.
LINE = "".join(ch for ch in unicodedata.normalize("NFD", LINE.replace("đ", "d"))
               if not unicodedata.combining(ch))

objs = {}  # number -> bytes
objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
objs[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
kids = []
for i in range(pages):
    page, content = 4 + 2 * i, 5 + 2 * i
    kids.append(page)
    c = colours[i % len(colours)]
    r, g, b = (int(c[k:k + 2], 16) / 255 for k in (0, 2, 4))
    stream = f"{r:.3f} {g:.3f} {b:.3f} rg 0 0 {w} {h} re f\n"
    if text:
        stream += "0 0 0 rg BT /F1 11 Tf 14 TL 50 %d Td\n" % (h - 60)
        stream += f"/F1 24 Tf (Trang {i + 1}) Tj T* T* /F1 11 Tf\n"
        for n in range(int((h - 120) / 14)):
            stream += "(%s) '\n" % LINE[: 90 - (n * 7) % 30]
        stream += "ET\n0.8 0.1 0.1 RG 4 w 50 50 m %d 50 l S\n" % (w - 50)
    data = stream.encode()
    objs[content] = b"<< /Length %d >>\nstream\n" % len(data) + data + b"endstream"
    objs[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
                  b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (w, h, content))
objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
    b" ".join(b"%d 0 R" % k for k in kids), pages)

body = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
offsets = {}
for n in sorted(objs):
    offsets[n] = len(body)
    body += b"%d 0 obj\n" % n + objs[n] + b"\nendobj\n"
xref = len(body)
count = max(objs) + 1
body += b"xref\n0 %d\n0000000000 65535 f \n" % count
for n in range(1, count):
    body += b"%010d 00000 n \n" % offsets[n]
body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (count, xref)
with open(out, "wb") as f:
    f.write(body)
