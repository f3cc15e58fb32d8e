# Shared by the end-to-end tests: a private Xvfb, screenshots, and waiting on
# conditions with a timeout (never a fixed sleep). Source it; call e2e_start.

E2E_TMP=$(mktemp -d /tmp/bangtin-e2e.XXXXXX)
E2E_XVFB=""
E2E_PIDS=""

e2e_cleanup() {
    [ -n "${E2E_KEEP:-}" ] && cp -r "$E2E_TMP" /tmp/e2e-kept
    for pid in $E2E_PIDS $E2E_XVFB; do kill "$pid" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$E2E_TMP"
}
trap e2e_cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    for log in "$E2E_TMP"/*.log; do
        [ -s "$log" ] && { echo "--- $log" >&2; tail -n 20 "$log" >&2; }
    done
    exit 1
}

# e2e_start WxH: starts Xvfb on a free display and exports DISPLAY.
e2e_start() {
    exec 5>"$E2E_TMP/display"
    Xvfb -displayfd 5 -screen 0 "${1}x24" -nolisten tcp >"$E2E_TMP/xvfb.log" 2>&1 &
    E2E_XVFB=$!
    wait_for 10 "Xvfb writes its display number" test -s "$E2E_TMP/display"
    export DISPLAY=":$(head -n1 "$E2E_TMP/display")"
    E2E_SIZE=$1
    wait_for 10 "our X server answers" xdpyinfo_ok
}

# window_up: the player's window exists on the X screen.
window_up() {
    xdotool search --name "^bangtin$" >/dev/null 2>&1
}

# The server that answers is ours (alive, and of the size asked), not one
# that another test is shutting down.
xdpyinfo_ok() {
    kill -0 "$E2E_XVFB" 2>/dev/null &&
        [ "$(xdotool getdisplaygeometry 2>/dev/null | tr ' ' x)" = "$E2E_SIZE" ]
}

# wait_for SECONDS WHAT CMD...: runs CMD every 0.1 s until it succeeds.
wait_for() {
    local limit=$1 what=$2
    shift 2
    local end=$(($(date +%s%N) / 1000000 + limit * 1000))
    until "$@"; do
        [ $(($(date +%s%N) / 1000000)) -lt "$end" ] || fail "timed out after ${limit}s waiting for: $what"
        sleep 0.1
    done
}

# shot FILE: a screenshot of the whole X screen as PNG.
shot() {
    xwd -root -silent | convert xwd:- "png:$1" 2>/dev/null
}

# differing_pixels A B: how many pixels differ between two images.
differing_pixels() {
    compare -metric AE "$1" "$2" null: 2>&1 | sed 's/ .*//'
}

# colours FILE [GEOMETRY]: the number of distinct colours (in a crop).
colours() {
    if [ -n "${2:-}" ]; then
        convert "$1" -crop "$2" +repage -format %k info:
    else
        convert "$1" -format %k info:
    fi
}

# pixel FILE X Y: the colour at x,y as "r,g,b".
pixel() {
    convert "$1" -format "%[fx:int(255*p{$2,$3}.r)],%[fx:int(255*p{$2,$3}.g)],%[fx:int(255*p{$2,$3}.b)]" info:
}
