#!/bin/sh
# mk/layers.sh: the build's check of the layers (Makefile, "the layers").
#
#   mk/layers.sh includes SRC    every #include "..." of every file below SRC
#                                names its own folder or one this table allows
#   mk/layers.sh calls OBJ...    no two objects call each other in a circle
#                                (A uses a symbol B defines, and B one of A's,
#                                through any number of steps)
#
# The layers, lowest first, and what each may include besides itself:
#   base      nothing: log, diagnostics, UTF-8, paths, values, file I/O
#   model     base: the playlist and what decides what is on screen (no SDL)
#   library   base model: imports, the store, the play log, reports (no SDL)
#   render    base model: painting into surfaces (SDL)
#   sys       base model library: threads turning OS events into SDL events
#   player    every layer below: the window and its loop
#   src/      (the command layer) every layer
set -eu

allowed() {
    case $1 in
    base) echo "" ;;
    model) echo "base" ;;
    library) echo "base model" ;;
    render) echo "base model" ;;
    sys) echo "base model library" ;;
    player) echo "base model library render sys" ;;
    .) echo "base model library render sys player" ;;
    *) echo "?" ;;
    esac
}

check_includes() {
    src=$1
    bad=0
    for f in $(find "$src" -name '*.[ch]' | sort); do
        rel=${f#"$src"/}
        case $rel in */*) layer=${rel%%/*} ;; *) layer=. ;; esac
        ok=$(allowed "$layer")
        if [ "$ok" = "?" ]; then
            echo "$f: the folder $layer is not a layer (mk/layers.sh)" >&2
            bad=1
            continue
        fi
        # Each quoted include: "name.h" is this folder's, "layer/name.h" another's.
        grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" | while IFS= read -r line; do
            n=${line%%:*}
            inc=$(printf '%s\n' "$line" | sed 's/.*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/')
            case $inc in
            */*) to=${inc%%/*}
                 if [ "$to" = "$layer" ]; then
                     echo "$f:$n: include \"${inc#*/}\", this folder's own" >&2; echo x
                 elif ! printf ' %s ' $ok | grep -q " $to "; then
                     echo "$f:$n: the $layer layer may not include $inc (allowed: ${ok:-none})" >&2; echo x
                 fi ;;
            *) [ -f "$(dirname "$f")/$inc" ] ||
                 { echo "$f:$n: \"$inc\" is not in this folder" >&2; echo x; } ;;
            esac
        done | grep -q x && bad=1
        # The layers built without SDL (Makefile: NOSDL_LAYERS) never name it.
        case $layer in base | model | library)
            if grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*<SDL' "$f" >&2; then
                echo "$f: the $layer layer is built without SDL" >&2
                bad=1
            fi ;;
        esac
    done
    return $bad
}

check_calls() {
    edges=$(mktemp)
    trap 'rm -f "$edges"' EXIT
    defs=$(mktemp)
    trap 'rm -f "$edges" "$defs"' EXIT
    for o in "$@"; do
        nm --defined-only -g "$o" | awk -v o="$o" 'NF == 3 && $2 ~ /[TDBRC]/ {print $3, o}'
    done | sort >"$defs"
    for o in "$@"; do
        nm -u "$o" | awk '{print $NF}' | sort -u | join - "$defs" | awk -v o="$o" '$2 != o {print $2, o}'
    done | sort -u >"$edges"
    # Every object is a node, so tsort lists lone ones too; a loop fails it.
    for o in "$@"; do echo "$o $o"; done >>"$edges"
    if ! out=$(tsort "$edges" 2>&1 >/dev/null) || [ -n "$out" ]; then
        echo "these files call each other in a circle (A calls B calls ... A):" >&2
        printf '%s\n' "$out" | grep -v 'input contains a loop' | sed 's/^tsort: /  /' >&2
        exit 1
    fi
}

case ${1:-} in
includes) check_includes "$2" ;;
calls) shift; check_calls "$@" ;;
*) echo "usage: $0 includes SRC | calls OBJ..." >&2; exit 2 ;;
esac
