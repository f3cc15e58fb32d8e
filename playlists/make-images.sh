#!/bin/sh
# make-images.sh: draws every picture that awareness.yaml names, from scratch,
# with ImageMagick's draw primitives (no third-party artwork). Flat design:
# pictograms, almost no text; the player draws the slide's title and body.
#
#   sh playlists/make-images.sh        (runs from any folder)
#
# Output: images/*.png (slide illustrations and the header logo) and
# icons/<topic-id>.png (one per topic, white glyph on a transparent 256x256).
# Lists of points ("X,Y X,Y ...") are word-split into arguments on purpose:
# shellcheck disable=SC2046,SC2086
set -eu
cd "$(dirname "$0")"
mkdir -p images icons

FONT=../assets/fonts/NotoSans-Bold.ttf
[ -f "$FONT" ] || { echo "make-images.sh: missing $FONT" >&2; exit 1; }

# Campaign palette.
NAVY='#0d47a1'
BLUE='#1e88e5'
SKY='#e3f2fd'
AMBER='#ffca28'
ORANGE='#fb8c00'
RED='#e53935'
GREEN='#43a047'
INK='#263238'
SLATE='#455a64'
GREY='#cfd8dc'
WHITE='#ffffff'

# Points along a circle around CX,CY of radius R from angle A0 to A1 degrees
# (screen angles: 0 is right, 90 is down). Open curves are drawn as runs of
# `line`s with round caps: ImageMagick 6.9.11 closes a stroked open `path`
# or `polyline`, adding a chord.
arcpts() { # arcpts CX CY R A0 A1
    awk -v cx="$1" -v cy="$2" -v r="$3" -v a0="$4" -v a1="$5" 'BEGIN {
        n = int((a1 > a0 ? a1 - a0 : a0 - a1) / 3) + 2
        for (i = 0; i < n; i++) {
            a = (a0 + (a1 - a0) * i / (n - 1)) * 3.14159265 / 180
            printf " %.1f,%.1f", cx + r * cos(a), cy + r * sin(a)
        }
    }'
}
arc() { lines $(arcpts "$@"); }
# Line segments joining the points X,Y X,Y ... (an open polyline).
lines() {
    prev=$1; shift
    for p in "$@"; do
        printf 'line %s %s ' "$prev" "$p"
        prev=$p
    done
}
# An arrowhead at angle A on that circle, pointing clockwise, of size S.
arrowhead() { # arrowhead CX CY R A S
    awk -v cx="$1" -v cy="$2" -v r="$3" -v a="$4" -v s="$5" 'BEGIN {
        t = a * 3.14159265 / 180; x = cx + r * cos(t); y = cy + r * sin(t)
        tx = -sin(t); ty = cos(t); nx = cos(t); ny = sin(t)
        printf "polygon %.1f,%.1f %.1f,%.1f %.1f,%.1f", x + s * tx, y + s * ty,
            x + 0.8 * s * nx, y + 0.8 * s * ny, x - 0.8 * s * nx, y - 0.8 * s * ny
    }'
}

# Opaque illustrations: quantised to a palette PNG (flat shapes need few
# colours), metadata stripped, best compression.
save() { # save FILE  (reads the image from stdin as MIFF)
    convert miff:- -strip +dither -colors 256 \
        -define png:compression-level=9 -define png:exclude-chunks=date,time \
        "PNG8:$1"
}
# Transparent logo and icons: keep the 8-bit alpha for smooth edges.
save_alpha() {
    convert miff:- -strip -define png:compression-level=9 \
        -define png:exclude-chunks=date,time "PNG32:$1"
}

# A phone at X,Y of W x H: dark body, white screen, speaker slot.
phone() { # phone X Y W H [SCREEN-COLOUR]
    x=$1 y=$2 w=$3 h=$4 sc=${5:-$WHITE}
    r=$((w / 8))
    echo "fill #0d47a12e roundrectangle $((x + 26)),$((y + 22)) $((x + w + 26)),$((y + h + 22)) $r,$r
          fill $INK roundrectangle $x,$y $((x + w)),$((y + h)) $r,$r
          fill $sc roundrectangle $((x + 24)),$((y + 70)) $((x + w - 24)),$((y + h - 60)) 14,14
          fill $SLATE roundrectangle $((x + w / 2 - 45)),$((y + 30)) $((x + w / 2 + 45)),$((y + 42)) 6,6
          fill $SLATE roundrectangle $((x + w / 2 - 55)),$((y + h - 34)) $((x + w / 2 + 55)),$((y + h - 24)) 5,5"
}

# A red "forbidden" disc with a white X, centred at CX,CY, radius R.
red_x() { # red_x CX CY R
    cx=$1 cy=$2 r=$3 d=$(($3 * 45 / 100))
    echo "fill #0000002a circle $((cx + 12)),$((cy + 14)) $((cx + 12 + r)),$((cy + 14))
          fill $RED stroke $WHITE stroke-width $((r / 9)) circle $cx,$cy $((cx + r)),$cy
          stroke $WHITE stroke-width $((r / 4)) stroke-linecap round
          line $((cx - d)),$((cy - d)) $((cx + d)),$((cy + d))
          line $((cx + d)),$((cy - d)) $((cx - d)),$((cy + d))
          stroke none stroke-width 1"
}

# A red prohibition sign (ring and bar) centred at CX,CY, radius R.
no_sign() { # no_sign CX CY R
    cx=$1 cy=$2 r=$3 d=$(($3 * 70 / 100)) t=$(($3 / 5))
    echo "fill none stroke $RED stroke-width $t circle $cx,$cy $((cx + r)),$cy
          stroke-linecap butt line $((cx - d)),$((cy - d)) $((cx + d)),$((cy + d))
          stroke none stroke-width 1"
}

# A warning triangle with "!" centred at CX,CY, half-width R (annotated
# separately because text needs the font).
warn_tri() { # warn_tri CX CY R
    cx=$1 cy=$2 r=$3
    echo "fill #0000002a stroke none
          polygon $((cx + 12)),$((cy - r + 14)) $((cx + r + 12)),$((cy + r * 8 / 10 + 14)) $((cx - r + 12)),$((cy + r * 8 / 10 + 14))
          fill $AMBER stroke $AMBER stroke-width $((r / 5)) stroke-linejoin round
          polygon $cx,$((cy - r)) $((cx + r)),$((cy + r * 8 / 10)) $((cx - r)),$((cy + r * 8 / 10))
          stroke none stroke-width 1 fill $INK
          roundrectangle $((cx - r / 10)),$((cy - r * 45 / 100)) $((cx + r / 10)),$((cy + r * 28 / 100)) $((r / 10)),$((r / 10))
          circle $cx,$((cy + r * 52 / 100)) $((cx + r / 9)),$((cy + r * 52 / 100))"
}

# A padlock: body centred at CX, top at Y, W wide. COLOUR of the body.
padlock() { # padlock CX Y W COLOUR [open]
    cx=$1 y=$2 w=$3 c=$4
    h=$((w * 8 / 10)) sr=$((w * 30 / 100)) st=$((w / 8))
    if [ "${5:-}" = open ]; then
        # Shackle lifted and swung out to the right: the lock is open.
        echo "fill none stroke $SLATE stroke-width $st stroke-linecap round
              $(lines $((cx + w / 2 - sr)),$((y - w * 12 / 100)) $(arcpts $((cx + w / 2)) $((y - w * 35 / 100)) $sr 180 360) $((cx + w / 2 + sr)),$((y - w * 22 / 100)))
              stroke none stroke-width 1"
    else
        echo "fill none stroke $SLATE stroke-width $st stroke-linecap round
              $(lines $((cx - sr)),$((y + 4)) $(arcpts $cx $((y - w * 25 / 100)) $sr 180 360) $((cx + sr)),$((y + 4)))
              stroke none stroke-width 1"
    fi
    echo "fill #0000002a roundrectangle $((cx - w / 2 + 14)),$((y + 14)) $((cx + w / 2 + 14)),$((y + h + 14)) $((w / 8)),$((w / 8))
          fill $c roundrectangle $((cx - w / 2)),$y $((cx + w / 2)),$((y + h)) $((w / 8)),$((w / 8))
          fill $INK circle $cx,$((y + h * 40 / 100)) $((cx + w / 11)),$((y + h * 40 / 100))
          polygon $((cx - w / 22)),$((y + h * 45 / 100)) $((cx + w / 22)),$((y + h * 45 / 100)) $((cx + w / 16)),$((y + h * 72 / 100)) $((cx - w / 16)),$((y + h * 72 / 100))"
}

# A shield outline path centred at CX, top at Y, W wide.
shield_path() { # shield_path CX Y W
    cx=$1 y=$2 w=$3 h=$(($3 * 6 / 5)) hw=$(($3 / 2))
    echo "path 'M $cx,$y
      C $((cx + hw / 2)),$((y + h / 12)) $((cx + hw * 8 / 10)),$((y + h / 12)) $((cx + hw)),$((y + h / 14))
      L $((cx + hw)),$((y + h * 45 / 100))
      C $((cx + hw)),$((y + h * 75 / 100)) $((cx + hw / 2)),$((y + h * 90 / 100)) $cx,$((y + h))
      C $((cx - hw / 2)),$((y + h * 90 / 100)) $((cx - hw)),$((y + h * 75 / 100)) $((cx - hw)),$((y + h * 45 / 100))
      L $((cx - hw)),$((y + h / 14))
      C $((cx - hw * 8 / 10)),$((y + h / 12)) $((cx - hw / 2)),$((y + h / 12)) $cx,$y Z'"
}

# A check mark centred at CX,CY, size S, stroke T, COLOUR.
check() { # check CX CY S T COLOUR
    cx=$1 cy=$2 s=$3 t=$4 c=$5
    echo "fill none stroke $c stroke-width $t stroke-linecap round stroke-linejoin round
          $(lines $((cx - s / 2)),$cy $((cx - s / 8)),$((cy + s * 35 / 100)) $((cx + s / 2)),$((cy - s * 35 / 100)))
          stroke none stroke-width 1"
}

# A flat background: a tint, and two soft discs behind the subject.
bg() { # bg W H BASE DISC1 DISC2 CX CY R
    echo "-size $1x$2 xc:$3 -draw \"fill $4 circle $6,$7 $(($6 + $8)),$7\" -draw \"fill $5 circle $(($6 - $8 * 7 / 10)),$(($7 - $8 * 6 / 10)) $(($6 - $8 * 7 / 10 + $8 / 3)),$(($7 - $8 * 6 / 10))\""
}

draw() { # draw OUT W H BASE DISC1 DISC2 CX CY R  MVG  [extra convert args...]
    out=$1; shift
    b=$(bg "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8")
    shift 8
    # shellcheck disable=SC2034 # used inside the eval below
    mvg=$1; shift
    eval "convert $b" -font "$FONT" -draw '"$mvg"' '"$@"' miff:- | save "$out"
}

# ---------------------------------------------------------------------------
# otp.png: a phone showing a one-time code, someone asking for it, a red X.
draw images/otp.png 1600 1000 '#e8f1fc' '#d2e4f8' '#fff3cd' 800 520 440 "
  fill $WHITE stroke none roundrectangle 120,190 500,400 40,40
  polygon 440,390 520,470 380,398
  $(phone 600 100 400 800)
  fill $SKY roundrectangle 640,200 960,340 22,22
  fill #90caf9 roundrectangle 668,232 900,252 10,10
  roundrectangle 668,276 860,296 10,10
  fill #fff3e0 stroke $ORANGE stroke-width 6 roundrectangle 640,390 960,520 22,22
  stroke none fill $GREY
  circle 700,610 730,610 circle 800,610 830,610 circle 900,610 930,610
  circle 700,700 730,700 circle 800,700 830,700 circle 900,700 930,700
  circle 700,790 730,790 circle 800,790 830,790 circle 900,790 930,790
  $(red_x 1200 560 170)" \
  -fill "$ORANGE" -pointsize 76 -gravity center -annotate -0-45 '482917' \
  -fill "$NAVY" -pointsize 110 -annotate -490-205 'OTP?'


# password.png: a padlock beside a masked password field and a full
# strength meter.
dots=""
i=0
while [ $i -lt 10 ]; do
    dots="$dots circle $((835 + i * 56)),460 $((857 + i * 56)),460"
    i=$((i + 1))
done
draw images/password.png 1600 1000 '#e8f5e9' '#d0ebd2' '#fff3cd' 820 500 440 "
  $(padlock 440 430 380 "$AMBER")
  fill #0000001f roundrectangle 784,394 1484,544 36,36
  fill $WHITE stroke $GREEN stroke-width 8 roundrectangle 770,380 1470,530 36,36
  stroke none fill $INK $dots
  fill $INK roundrectangle 1410,420 1418,500 3,3
  fill $GREEN roundrectangle 770,590 990,630 20,20
  roundrectangle 1010,590 1230,630 20,20
  roundrectangle 1250,590 1470,630 20,20
  fill $WHITE stroke $GREEN stroke-width 10 circle 1420,280 1490,280
  $(check 1420 282 80 18 "$GREEN")"

# two-factor.png: a laptop login and a phone with a green shield: the
# second factor.
draw images/two-factor.png 1600 1000 '#e8f1fc' '#d2e4f8' '#fff3cd' 800 500 450 "
  fill #0d47a12e roundrectangle 206,276 906,726 30,30
  fill $INK roundrectangle 180,250 880,700 30,30
  fill $WHITE roundrectangle 214,284 846,666 10,10
  fill #b0bec5 polygon 110,700 950,700 905,760 155,760
  fill #90a4ae roundrectangle 470,700 590,716 6,6
  fill $BLUE circle 530,360 572,360
  fill $WHITE circle 530,348 546,348 ellipse 530,392 28,18 180,360
  fill $GREY roundrectangle 340,430 720,475 12,12
  roundrectangle 340,500 720,545 12,12
  fill $INK circle 370,522 380,522 circle 405,522 415,522 circle 440,522 450,522 circle 475,522 485,522 circle 510,522 520,522
  fill $BLUE roundrectangle 340,580 720,630 14,14
  fill none stroke $ORANGE stroke-width 16 stroke-linecap round stroke-dasharray 2,34
  line 930,470 1040,470
  stroke none stroke-dasharray none fill $ORANGE polygon 1040,440 1080,470 1040,500
  $(phone 1110 160 340 700)
  fill $GREEN $(shield_path 1280 270 220)
  $(check 1280 400 110 24 "$WHITE")
  fill #fff3e0 stroke $ORANGE stroke-width 4
  roundrectangle 1160,600 1210,660 8,8 roundrectangle 1230,600 1280,660 8,8
  roundrectangle 1300,600 1350,660 8,8 roundrectangle 1370,600 1420,660 8,8
  stroke none fill $ORANGE
  circle 1185,630 1195,630 circle 1255,630 1265,630 circle 1325,630 1335,630 circle 1395,630 1405,630"

# fake-call.png (portrait): an unknown caller ringing, a warning sign.
draw images/fake-call.png 1000 1300 '#fdecea' '#f9d6d2' '#fff3cd' 500 700 420 "
  fill none stroke $RED stroke-width 22 stroke-linecap round
  $(arc 500 650 270 -28 28) $(arc 500 650 350 -28 28)
  $(arc 500 650 270 152 208) $(arc 500 650 350 152 208)
  stroke none stroke-width 1
  $(phone 300 230 400 840 "$INK")
  fill #37474f roundrectangle 324,300 676,1010 14,14
  fill #90a4ae circle 500,470 600,470
  fill #eceff1 circle 500,440 540,440 ellipse 500,540 72,52 180,360
  fill #78909c roundrectangle 390,610 610,640 15,15
  fill #607d8b roundrectangle 420,665 580,685 10,10
  fill $RED circle 405,900 460,900
  fill $GREEN circle 595,900 650,900
  fill $WHITE roundrectangle 378,892 432,908 8,8
  $(check 595 902 52 12 "$WHITE")
  $(warn_tri 740 270 150)"

# fake-link.png: a look-alike login page with a fishing hook and a warning.
draw images/fake-link.png 1600 1000 '#fff4e5' '#ffe3bf' '#e3f2fd' 760 520 450 "
  fill #0000001f roundrectangle 224,174 1324,874 30,30
  fill $WHITE roundrectangle 200,150 1300,850 30,30
  fill #eceff1 roundrectangle 200,150 1300,260 30,30 rectangle 200,230 1300,260
  fill #ef5350 circle 250,205 265,205 fill $AMBER circle 295,205 310,205 fill #66bb6a circle 340,205 355,205
  fill $WHITE stroke $RED stroke-width 5 roundrectangle 390,180 1260,232 26,26
  stroke none fill $RED
  fill none stroke $RED stroke-width 6 $(arc 430 196 12 180 320)
  stroke none fill $RED roundrectangle 410,202 440,222 4,4
  fill #ffcdd2 roundrectangle 470,198 800,214 8,8
  fill #fbe9e7 roundrectangle 820,198 980,214 8,8
  fill $BLUE circle 750,360 800,360
  fill $GREY roundrectangle 520,450 980,510 14,14 roundrectangle 520,540 980,600 14,14
  fill $BLUE roundrectangle 520,640 980,710 16,16
  fill none stroke $SLATE stroke-width 10 line 1080,0 1080,520
  stroke $SLATE stroke-width 18 stroke-linecap round
  $(lines 1080,520 $(arcpts 1010 600 70 0 180) 940,570)
  stroke none fill $SLATE polygon 922,580 940,530 962,580
  fill $SLATE circle 1080,520 1094,520
  $(warn_tri 1330 690 170)"

# wifi.png: free public Wi-Fi and an open padlock that is forbidden. The
# caption band covers the bottom, so the picture sits high.
draw images/wifi.png 1600 1000 '#e0f2f1' '#c5e8e5' '#fff3cd' 800 420 400 "
  fill none stroke #00838f stroke-width 70 stroke-linecap round
  $(arc 720 600 370 -135 -45) $(arc 720 600 250 -135 -45) $(arc 720 600 130 -135 -45)
  stroke none stroke-width 1 fill #00838f circle 720,600 770,600
  $(padlock 1215 450 170 "$AMBER" open)
  $(no_sign 1230 460 215)"

# child.png (portrait): a child with a tablet, chat bubbles from strangers,
# and a shield: a parent watching over.
draw images/child.png 1000 1300 '#fce4ec' '#f8cfdc' '#e3f2fd' 500 640 420 "
  fill #0000001f roundrectangle 320,630 700,1120 110,110
  fill #f6c9a8 roundrectangle 455,520 545,640 24,24
  fill $AMBER roundrectangle 300,610 700,1100 110,110
  fill #f6c9a8 circle 500,420 635,420
  fill #5d4037 path 'M 365,420 C 365,250 635,250 635,420 C 600,340 470,330 400,380 C 390,395 375,410 365,420 Z'
  fill $INK circle 455,450 467,450 circle 545,450 557,450
  fill none stroke #c62828 stroke-width 9 stroke-linecap round path 'M 460,505 Q 500,535 540,505'
  stroke none stroke-width 1 fill #f48fb1 circle 420,495 442,495 circle 580,495 602,495
  fill $INK roundrectangle 340,730 660,950 24,24
  fill #bbdefb roundrectangle 362,752 638,928 10,10
  fill $BLUE polygon 470,790 470,890 550,840
  fill #f6c9a8 circle 345,860 380,860 circle 655,860 690,860
  fill $WHITE roundrectangle 90,170 330,320 36,36 polygon 260,310 320,380 210,318
  fill $WHITE roundrectangle 700,560 920,690 36,36 polygon 740,680 710,740 790,686
  fill #ec407a circle 770,625 782,625 circle 810,625 822,625 circle 850,625 862,625
  fill $GREEN $(shield_path 800 140 200)
  $(check 800 260 100 22 "$WHITE")" \
  -fill '#ec407a' -pointsize 110 -gravity center -annotate -290-408 '?'

# id-card.png: an ID card with a padlock, and a camera that is forbidden
# (never photograph it for strangers). No real emblem is imitated.
draw images/id-card.png 1600 1000 '#f3e5f5' '#e6cdea' '#fff3cd' 760 520 450 "
  fill #0000001f roundrectangle 224,284 1144,834 40,40
  fill $WHITE roundrectangle 200,260 1120,810 40,40
  fill $BLUE roundrectangle 200,260 1120,370 40,40 rectangle 200,340 1120,370
  fill $AMBER circle 270,315 300,315
  fill #bbdefb roundrectangle 330,310 1060,322 6,6 roundrectangle 330,338 860,348 5,5
  fill #bbdefb roundrectangle 250,420 490,700 20,20
  fill #64b5f6 circle 370,530 420,530 ellipse 370,660 90,70 180,360
  fill $GREY roundrectangle 550,440 1000,470 15,15 roundrectangle 550,510 900,540 15,15
  roundrectangle 550,580 960,610 15,15 roundrectangle 550,650 800,680 15,15
  fill #ffd54f roundrectangle 900,660 1030,760 16,16
  fill none stroke #f9a825 stroke-width 5 line 900,710 1030,710 line 965,660 965,760
  stroke none stroke-width 1
  $(padlock 1160 620 240 "$GREEN")
  fill #0000001f roundrectangle 1222,142 1472,312 28,28
  fill $SLATE roundrectangle 1210,130 1460,300 28,28 roundrectangle 1260,105 1340,140 10,10
  fill #eceff1 circle 1335,215 1395,215 fill $SLATE circle 1335,215 1368,215
  $(no_sign 1335 215 150)"

# update.png: a phone installing an update (circular arrows, progress bar)
# and a green tick.
draw images/update.png 1600 1000 '#e0f7fa' '#c4ecf2' '#fff3cd' 800 500 440 "
  $(phone 600 100 400 800)
  fill none stroke $BLUE stroke-width 34 stroke-linecap round
  $(arc 800 420 110 -15 140) $(arc 800 420 110 165 320)
  stroke none stroke-width 1 fill $BLUE
  $(arrowhead 800 420 110 140 48) $(arrowhead 800 420 110 320 48)
  fill $GREY roundrectangle 660,620 940,650 15,15
  fill $GREEN roundrectangle 660,620 860,650 15,15
  fill #b0bec5 roundrectangle 700,690 900,705 7,7 roundrectangle 730,725 870,740 7,7
  fill #0000002a circle 1112,762 1212,762
  fill $GREEN stroke $WHITE stroke-width 14 circle 1100,750 1200,750
  stroke none $(check 1100 752 110 24 "$WHITE")"

# shield.png: the campaign's shield over a network of nodes (full-bleed).
draw images/shield.png 1920 1080 '#1565c0' '#1a70cc' '#1e7ad6' 960 560 520 "
  stroke #64b5f6 stroke-width 6
  line 300,260 560,420 line 560,420 380,700 line 300,260 160,520 line 160,520 380,700
  line 1620,240 1370,420 line 1370,420 1560,700 line 1620,240 1780,520 line 1780,520 1560,700
  line 560,420 760,560 line 1370,420 1160,560
  stroke none stroke-width 1 fill #90caf9
  circle 300,260 326,260 circle 560,420 590,420 circle 380,700 404,700 circle 160,520 180,520
  circle 1620,240 1646,240 circle 1370,420 1400,420 circle 1560,700 1584,700 circle 1780,520 1800,520
  fill #0000002e $(shield_path 980 190 560)
  fill $WHITE $(shield_path 960 170 560)
  fill $NAVY $(shield_path 960 215 470)
  $(check 960 500 250 52 "$AMBER")"

# fake-app.png: a phone's app grid; an APK file sent by chat, forbidden.
apps=""
for r in 0 1 2; do
    for c in 0 1 2; do
        x=$((470 + c * 110)) y=$((230 + r * 120))
        case "$r$c" in
            00) col=$BLUE ;; 01) col=$GREEN ;; 02) col=$ORANGE ;;
            10) col='#8e24aa' ;; 11) col='#00acc1' ;; 12) col=$RED ;;
            20) col='#3949ab' ;; 21) col=$AMBER ;; *) col='#6d4c41' ;;
        esac
        apps="$apps fill $col roundrectangle $x,$y $((x + 80)),$((y + 80)) 20,20"
    done
done
draw images/fake-app.png 1600 1000 '#fff4e5' '#ffe3bf' '#e3f2fd' 820 500 450 "
  $(phone 420 100 400 800)
  $apps
  fill $GREY roundrectangle 470,620 770,640 10,10 roundrectangle 470,670 700,690 10,10
  fill #0000001f path 'M 1034,294 L 1224,294 L 1314,384 L 1314,734 L 1034,734 Z'
  fill $WHITE path 'M 1020,280 L 1210,280 L 1300,370 L 1300,720 L 1020,720 Z'
  fill $GREY polygon 1210,280 1300,370 1210,370
  fill $INK roundrectangle 1050,420 1270,520 14,14
  fill $BLUE roundrectangle 880,170 1070,290 30,30 polygon 920,284 900,340 960,288
  fill $WHITE circle 930,230 944,230 circle 975,230 989,230 circle 1020,230 1034,230
  $(no_sign 1160 500 250)" \
  -fill "$WHITE" -pointsize 70 -gravity center -annotate +360-30 'APK'

# bank-card.png: a bank card with a price tag on it (rented or sold) and
# a red X: never rent out or sell an account.
draw images/bank-card.png 1600 1000 '#f3e5f5' '#e6cdea' '#e3f2fd' 780 520 450 "
  fill #0000001f roundrectangle 284,324 1084,824 44,44
  fill $BLUE roundrectangle 260,300 1060,800 44,44
  fill #1976d2 path 'M 260,640 C 500,560 800,760 1060,600 L 1060,756 A 44,44 0 0 1 1016,800 L 304,800 A 44,44 0 0 1 260,756 Z'
  fill #ffd54f roundrectangle 340,420 470,520 16,16
  fill none stroke #f9a825 stroke-width 5 line 340,470 470,470 line 405,420 405,520
  stroke none stroke-width 1 fill $WHITE
  roundrectangle 340,590 480,620 15,15 roundrectangle 510,590 650,620 15,15
  roundrectangle 680,590 820,620 15,15 roundrectangle 850,590 990,620 15,15
  roundrectangle 340,680 620,705 12,12
  fill none stroke $SLATE stroke-width 6 path 'M 1000,360 C 1060,380 1100,420 1130,470'
  stroke none stroke-width 1
  push graphic-context
    translate 1230,520 rotate 25
    fill #0000002a polygon -50,-56 140,-56 140,84 -50,84 -120,14
    fill $AMBER polygon -62,-70 128,-70 128,70 -62,70 -132,0
    fill $WHITE circle -90,0 -74,0
    fill $INK font-size 120 text -20,48 '₫'
  pop graphic-context
  $(red_x 1080 300 120)"

# logo.png: the header emblem, a white shield with a blue field and an
# amber star, transparent around it.
star() { # star CX CY R: a five-pointed star polygon
    awk -v cx="$1" -v cy="$2" -v r="$3" 'BEGIN {
        printf "polygon"
        for (i = 0; i < 10; i++) {
            a = (-90 + i * 36) * 3.14159265 / 180; rr = (i % 2) ? r * 0.4 : r
            printf " %.1f,%.1f", cx + rr * cos(a), cy + rr * sin(a)
        }
    }'
}
convert -size 256x256 xc:none -draw "
  fill #00000030 $(shield_path 132 16 200)
  fill $WHITE $(shield_path 128 10 200)
  fill $NAVY $(shield_path 128 30 160)
  fill $AMBER $(star 128 118 58)" miff:- | save_alpha images/logo.png

# Topic icons: a white glyph drawn on black as a mask, cut-outs in black,
# then turned into white with that mask as alpha.
icon() { # icon OUT MVG
    convert -size 256x256 xc:black -draw "$2" -background white -alpha shape \
        miff:- | save_alpha "$1"
}
W=white K=black
icon icons/lua-dao.png "
  fill none stroke $W stroke-width 16 roundrectangle 78,28 178,228 22,22
  stroke none fill $W roundrectangle 110,48 146,56 4,4 circle 128,208 136,208
  roundrectangle 118,80 138,150 8,8 circle 128,174 140,174
  fill none stroke $W stroke-width 12 stroke-linecap round
  $(arc 128 128 92 -24 24) $(arc 128 128 92 156 204)"
icon icons/mat-khau.png "
  fill none stroke $W stroke-width 22 stroke-linecap round
  $(lines 84,120 $(arcpts 128 86 44 180 360) 172,120)
  stroke none fill $W roundrectangle 50,112 206,232 20,20
  fill $K circle 128,160 128,142 polygon 120,165 136,165 142,206 114,206"
icon icons/du-lieu-ca-nhan.png "
  fill $W roundrectangle 20,56 236,200 20,20
  fill $K circle 80,112 80,90 ellipse 80,176 38,26 180,360
  roundrectangle 132,90 212,104 7,7 roundrectangle 132,122 200,136 7,7
  roundrectangle 132,154 188,168 7,7"
icon icons/ung-dung-gia.png "
  fill none stroke $W stroke-width 20
  push graphic-context translate 128,128 rotate -45
    roundrectangle -104,-34 4,34 34,34
    roundrectangle -4,-34 104,34 34,34
  pop graphic-context"
icon icons/thiet-bi.png "
  fill none stroke $W stroke-width 24 stroke-linecap round
  $(arc 128 206 150 -132 -48) $(arc 128 206 102 -132 -48) $(arc 128 206 54 -132 -48)
  stroke none fill $W circle 128,206 146,206"
icon icons/tre-em.png "
  fill $W circle 92,62 92,28 roundrectangle 44,104 140,236 36,36
  circle 186,118 186,92 roundrectangle 150,150 222,236 30,30"
icon icons/bao-cao.png "
  fill $W polygon 56,96 176,40 176,216 56,160
  roundrectangle 28,94 72,162 10,10
  polygon 72,160 110,160 124,222 92,222
  fill none stroke $W stroke-width 14 stroke-linecap round
  $(arc 176 128 46 -40 40) $(arc 176 128 80 -40 40)"

echo "made: $(find images icons -name '*.png' | wc -l) pictures"
