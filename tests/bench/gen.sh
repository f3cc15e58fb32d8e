#!/bin/bash
# Generates the benchmark content into build/bench/content (never committed):
# 50 distinct 1920x1080 JPEG pictures (plasma, one seed each, so no two decode
# alike), each with a flat block of its own colour at the centre that the
# pixel probe looks for; bangtin playlists of 10 and 1,000 slides (pictures
# and Vietnamese text slides) and their feh lists and Chromium pages.
# Usage: tests/bench/gen.sh [OUT]   (idempotent: pictures are made once)
set -eu
cd "$(dirname "$0")/../.."
OUT=${1:-build/bench/content}
N_IMG=50
mkdir -p "$OUT/images"

# colour_of I: the centre block's colour of picture I, as RRGGBB. Channels
# stay away from each other and from the header/background blues.
colour_of() {
    printf '%02x%02x%02x' $(( (37 * $1 + 60) % 200 + 40 )) $(( (91 * $1 + 20) % 200 + 40 )) $(( (53 * $1 + 140) % 200 + 40 ))
}

make_image() {
    local i=$1 f
    f=$(printf '%s/images/img%02d.jpg' "$OUT" "$i")
    [ -s "$f" ] && return 0
    convert -size 1920x1080 -seed "$((i + 1))" "plasma:#$(colour_of $((i + 7)))-#$(colour_of $((i + 23)))" \
        -fill "#$(colour_of "$i")" -draw 'rectangle 660,340 1260,740' \
        -quality 88 "$f.tmp.jpg" && mv "$f.tmp.jpg" "$f"
}
export -f make_image colour_of
export OUT
seq 0 $((N_IMG - 1)) | xargs -P 2 -I{} bash -c 'make_image {}'

# The probe's expected colour: picture 0 is every playlist's first slide.
colour_of 0 >"$OUT/first-colour"

TITLES=("Không chia sẻ mã OTP cho bất kỳ ai"
    "Cảnh giác với cuộc gọi giả danh công an"
    "Đặt mật khẩu mạnh, không dùng lại"
    "Kiểm tra đường link trước khi bấm")
BODY="Ngân hàng, công an hay nhà mạng không bao giờ yêu cầu bạn đọc mã OTP qua điện thoại. Hãy gọi lại số tổng đài chính thức để kiểm tra, và báo cho cán bộ phường khi nghi ngờ lừa đảo trực tuyến."

# playlist FILE N DURATION TRANSITION MS [TEXT_EVERY]: N slides; every
# TEXT_EVERY-th slide (never the first) is a text slide, the others pictures.
playlist() {
    local file=$1 n=$2 dur=$3 tr=$4 ms=$5 every=${6:-5} i
    {
        echo "version: 1"
        echo "name: \"Bench $n\""
        echo "theme:"
        echo "  background: \"#0d47a1\""
        echo "  text: \"#ffffff\""
        echo "  header: \"UBND PHƯỜNG — BẢNG TIN\""
        echo "  clock: false"
        echo "defaults:"
        echo "  duration: $dur"
        echo "  transition: $tr"
        echo "  transition_ms: $ms"
        echo "slides:"
        for ((i = 0; i < n; i++)); do
            echo "  - id: s$i"
            if [ "$i" -gt 0 ] && [ $((i % every)) -eq 0 ]; then
                echo "    title: \"${TITLES[$((i / every % 4))]} ($i)\""
                echo "    body: \"$BODY\""
            else
                printf '    image: images/img%02d.jpg\n' $((i % N_IMG))
                echo "    layout: image"
            fi
        done
    } >"$file"
}

# The cases. Static: one long slide. Transitions: changes back to back.
playlist "$OUT/p10.yaml" 10 3600 fade 600
playlist "$OUT/p1000.yaml" 1000 3600 fade 600
playlist "$OUT/trans-fade.yaml" 10 1.2 fade 600
playlist "$OUT/trans-slide.yaml" 10 1.2 slide 600
playlist "$OUT/late.yaml" 1000 0.05 none 0

# feh: the same pictures in the same order (text slides have no equivalent).
for n in 10 1000; do
    for ((i = 0; i < n; i++)); do
        [ "$i" -gt 0 ] && [ $((i % 5)) -eq 0 ] && continue
        printf '%s/images/img%02d.jpg\n' "$(cd "$OUT" && pwd)" $((i % N_IMG))
    done >"$OUT/feh$n.txt"
done

# Chromium: one page per case, slides as <img>/<div>, shown one at a time
# with the same duration and a CSS opacity fade.
python3 - "$OUT" "$N_IMG" <<'PY'
import html, sys
out, nimg = sys.argv[1], int(sys.argv[2])
titles = ["Không chia sẻ mã OTP cho bất kỳ ai", "Cảnh giác với cuộc gọi giả danh công an",
          "Đặt mật khẩu mạnh, không dùng lại", "Kiểm tra đường link trước khi bấm"]
body = ("Ngân hàng, công an hay nhà mạng không bao giờ yêu cầu bạn đọc mã OTP qua điện thoại. "
        "Hãy gọi lại số tổng đài chính thức để kiểm tra, và báo cho cán bộ phường khi nghi ngờ lừa đảo trực tuyến.")
def page(name, n, dur_ms, fade_ms):
    slides = []
    for i in range(n):
        if i > 0 and i % 5 == 0:
            slides.append('{t:%r}' % ("%s (%d)" % (titles[i // 5 % 4], i)))
        else:
            slides.append('{i:"images/img%02d.jpg"}' % (i % nimg))
    doc = f"""<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="google" content="notranslate"><title>bench</title><style>
html,body{{margin:0;height:100%;background:#0d47a1;overflow:hidden;font-family:sans-serif;color:#fff}}
.s{{position:absolute;inset:0;opacity:0;transition:opacity {fade_ms}ms linear}}
.s.on{{opacity:1}}
.s img{{width:100%;height:100%;object-fit:cover}}
.s h1{{font-size:72px;margin:120px 80px 40px}} .s p{{font-size:44px;margin:0 80px}}
</style></head><body><script>
const S=[{",".join(slides)}];
const BODY={body!r};
let k=0, cur=null;
function make(x){{const d=document.createElement('div');d.className='s';
 if(x.i){{const im=new Image();im.src=x.i;d.appendChild(im);}}
 else{{d.innerHTML='<h1></h1><p></p>';d.firstChild.textContent=x.t;d.lastChild.textContent=BODY;}}
 document.body.appendChild(d);return d;}}
function show(){{const d=make(S[k%S.length]);k++;
 requestAnimationFrame(()=>requestAnimationFrame(()=>d.classList.add('on')));
 const old=cur;cur=d;if(old)setTimeout(()=>old.remove(),{fade_ms}+50);
 setTimeout(show,{dur_ms});}}
show();
</script></body></html>"""
    # The first slide has no fade in: it must be on screen at once, as in the others.
    open(f"{out}/{name}.html", "w").write(doc)
page("c10", 10, 3600000, 0)
page("c1000", 1000, 3600000, 0)
page("trans-fade", 10, 1200, 600)
page("late", 1000, 50, 0)
PY
echo "bench content in $OUT"
