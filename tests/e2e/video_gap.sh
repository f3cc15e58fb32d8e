#!/bin/bash
# End to end: video between slides with no black frame and no frozen gap,
# in the real player. Each case is a playlist of slides of one colour
# (pictures made here, `layout: full`) and clips made here by ffmpeg
# (`video:`), played by bangtin under Xvfb with SDL's software renderer, in
# a window and fullscreen; a small X client samples the screen's centre
# pixel every 2 ms (tests/e2e/pixel_track.py). Each case asserts the exact
# run of colours (nothing else: no black, no theme background, no poster
# of another colour) and that every colour lasts its time within one frame
# (SLACK_MS, 34 ms):
#   slide -> slide -> clip (red, green, blue, 2 s each) -> slide
#   slide -> clip (red, green) -> clip (blue, white) -> slide
#   slide -> clip cut at 3 s (`duration: 3`) -> slide
#   slide -> slide -> a broken clip (cut short, header lost): passed over -> slide
#   slide -> clip -> the broken clip: passed over -> slide
# The player is $BANGTIN (default build/bangtin; make test-asan gives its
# own). VIDEO_PLAYER=build/bench/videoplay plays the same items through
# the engine's harness instead (its own arguments), to tell the engine's
# faults from the player's.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh

bin=${BANGTIN:-build/bangtin}
harness=${VIDEO_PLAYER:-}
if [ -n "$harness" ] && [ ! -x "$harness" ]; then
    make -s "$harness" >"$E2E_TMP/build.log" 2>&1 || fail "cannot build $harness"
fi
[ -n "$harness" ] || [ -x "$bin" ] || fail "no player at $bin (build it first)"
command -v ffmpeg >/dev/null || fail "ffmpeg is needed (make deps-test)"

# Clips: 640x360, 30 fps, H.264, a colour per 2 s.
clip() { # clip NAME COLOUR...
    local name=$1 inputs="" n=0
    shift
    for c do
        inputs="$inputs -f lavfi -i color=c=$c:s=640x360:d=2:r=30"
        n=$((n + 1))
    done
    # shellcheck disable=SC2086
    ffmpeg -nostdin -v error -y $inputs -filter_complex "concat=n=$n:v=1:a=0" \
        -c:v libx264 -preset veryfast -pix_fmt yuv420p -movflags +faststart "$E2E_TMP/$name" ||
        fail "ffmpeg cannot make $name"
}
clip rgb.mp4 red green blue
clip rg.mp4 red green
clip bw.mp4 blue white
# The broken one: without faststart its index is at the end, and half of
# the file is gone.
ffmpeg -nostdin -v error -y -f lavfi -i color=c=red:s=640x360:d=2:r=30 -c:v libx264 -preset veryfast \
    -pix_fmt yuv420p "$E2E_TMP/whole.mp4" || fail "ffmpeg cannot make whole.mp4"
head -c $(($(stat -c %s "$E2E_TMP/whole.mp4") / 2)) "$E2E_TMP/whole.mp4" >"$E2E_TMP/broken.mp4"

e2e_start 640x360
export SDL_RENDER_DRIVER=software

# playlist NAME "ITEMS": $E2E_TMP/NAME.yaml playing ITEMS: color:RRGGBB:SECONDS
# (a picture of that colour, full screen), CLIP or CLIP@SECONDS (a video,
# cut at SECONDS). No transitions, a background of its own (a frame of it
# would show), no touch hint. The last slide lasts a minute, so that the
# loop does not come round while it is watched.
playlist() {
    local name=$1 items=$2 f="$E2E_TMP/$1.yaml" n=0 last=""
    printf 'version: 1\nname: %s\ndefaults: {transition: none}\ntheme: {background: "#102030"}\n' \
        "$name" >"$f"
    printf 'touch: {enabled: false}\nslides:\n' >>"$f"
    for it in $items; do n=$((n + 1)); done
    local i=0
    for it in $items; do
        i=$((i + 1))
        case $it in
        color:*)
            local rgb secs
            rgb=$(echo "$it" | cut -d: -f2)
            secs=$(echo "$it" | cut -d: -f3)
            [ "$i" -eq "$n" ] && secs=60
            [ -f "$E2E_TMP/$rgb.png" ] || convert -size 64x36 "xc:#$rgb" "$E2E_TMP/$rgb.png"
            printf '  - {image: %s.png, layout: full, duration: %s}\n' "$rgb" "$secs" >>"$f"
            last=$rgb
            ;;
        *@*) printf '  - {video: %s, duration: %s}\n' "${it%@*}" "${it#*@}" >>"$f" ;;
        *) printf '  - {video: %s}\n' "$it" >>"$f" ;;
        esac
    done
    LAST_RGB=$last
}

# play_once NAME MODE "ITEMS" SPEC...: plays ITEMS (MODE: window or
# fullscreen) while the centre pixel is tracked, until the last slide has
# been on screen for half a second, then checks the track against SPEC;
# returns the check's status (1: wrong colours, 3: a wrong duration).
play_once() {
    local name=$1 mode=$2 items=$3
    shift 3
    local track="$E2E_TMP/$name-$mode.track" log="$E2E_TMP/$name-$mode.log"
    python3 tests/e2e/pixel_track.py track 320 180 >"$track" 2>"$track.err" &
    local tracker=$!
    E2E_PIDS="$tracker"
    wait_for 10 "the pixel tracker" test -s "$track"
    local win="--window 640x360"
    [ "$mode" = fullscreen ] && win=""
    local player
    if [ -n "$harness" ]; then
        local args=""
        for it in $items; do
            case $it in color:*) args="$args $it" ;; *) args="$args $E2E_TMP/$it" ;; esac
        done
        # shellcheck disable=SC2086
        "$harness" --window 640x360 --hold $args >"$log" 2>&1 &
        player=$!
        E2E_PIDS="$tracker $player"
        wait_for 60 "$name: the last item played" grep -q "videoplay: done" "$log"
    else
        playlist "$name" "$items"
        # shellcheck disable=SC2086
        BANGTIN_DEBUG=1 "$bin" $win --library "$E2E_TMP/lib-$name" --watch "$E2E_TMP/nowatch" \
            "$E2E_TMP/$name.yaml" >"$log" 2>&1 &
        player=$!
        E2E_PIDS="$tracker $player"
        wait_for 60 "$name: the last slide on screen" \
            python3 tests/e2e/pixel_track.py settled "$track" "$LAST_RGB" 500
    fi
    kill -TERM "$player" "$tracker"
    wait "$player" "$tracker" 2>/dev/null
    E2E_PIDS=""
    grep -Eq 'ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:' "$log" &&
        fail "$name ($mode): sanitizer report: $(head -c 3000 "$log")"
    python3 tests/e2e/pixel_track.py check "$track" "$@" >"$E2E_TMP/$name-$mode.check"
}

# play_case NAME MODE "ITEMS" SPEC...: play_once; a duration missed is
# tried once more (the machine is shared: a busy moment delays a frame),
# wrong colours never are. Frames dropped are reported, not failed: on a
# loaded machine dropping a late frame is the player doing its job.
play_case() {
    local status
    play_once "$@"
    status=$?
    local out="$E2E_TMP/$1-$2"
    if [ "$status" = 3 ]; then
        echo "retrying $1 ($2): $(grep FAIL "$out.check" | head -n1) (load: $(cut -d' ' -f1 /proc/loadavg))"
        play_once "$@"
        status=$?
    fi
    if [ "$status" != 0 ]; then
        cat "$out.check" "$out.log" >&2
        fail "$1 ($2)"
    fi
    local drops
    drops=$(grep -o 'played [0-9.]* s, [0-9]* frames dropped' "$out.log" | tr '\n' ';')
    echo "ok: $1 ($2): $(head -n1 "$out.check") ${drops:+[$drops]}"
}

# SDL converts red, green and blue of limited-range BT.601 to these. The
# first slide's time is not checked: it starts when the window appears.
R=fe0000 G=008000 B=0000fe W=ffffff Y=ffff00 M=ff00ff C=00ffff
for mode in window fullscreen; do
    play_case slide-clip-slide $mode "color:ffff00:1 color:00ffff:1.5 rgb.mp4 color:ff00ff:1" \
        $Y: $C:1.5 $R:2 $G:2 $B:2 $M:
    play_case broken $mode "color:ffff00:1 color:00ffff:1.5 broken.mp4 color:ff00ff:1" $Y: $C:1.5 $M:
    if [ -z "$harness" ]; then
        grep -q "video broken.mp4 cannot be played: the file is cut short.*passed over" \
            "$E2E_TMP/broken-$mode.log" ||
            fail "the broken clip was not passed over with its reason: $(cat "$E2E_TMP/broken-$mode.log")"
    fi
    [ "$mode" = fullscreen ] && break # the other cases once, in the window
    play_case clip-clip $mode "color:ffff00:1 rg.mp4 bw.mp4 color:ff00ff:1" $Y: $R:2 $G:2 $B:2 $W:2 $M:
    play_case cut $mode "color:ffff00:1 rgb.mp4@3 color:ff00ff:1" $Y: $R:2 $G:1 $M:
    play_case clip-broken $mode "color:ffff00:1 rg.mp4 broken.mp4 color:ff00ff:1" $Y: $R:2 $G:2 $M:
done
if [ -z "$harness" ]; then
    # Each clip played is in the log with what it played and dropped.
    grep -q "video rgb.mp4: played 6.0 s" "$E2E_TMP/slide-clip-slide-window.log" ||
        fail "no line on what rgb.mp4 played: $(grep video "$E2E_TMP/slide-clip-slide-window.log")"
    grep -q "video rgb.mp4: played 3.0 s" "$E2E_TMP/cut-window.log" ||
        fail "the cut clip did not play 3 s: $(grep video "$E2E_TMP/cut-window.log")"
fi
echo "ok: no black frame, no gap longer than a frame, in every case"
