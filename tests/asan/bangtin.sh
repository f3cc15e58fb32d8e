#!/bin/sh
# The ASan player for the e2e tests (make test-asan sets BANGTIN to this).
# Mesa's software GL driver, loaded and unloaded by SDL, leaves blocks that
# LeakSanitizer can only report as "<unknown module>" once it is unloaded,
# so they could be neither told from ours nor suppressed. Loading it first
# keeps it mapped to the end: then it leaks nothing that is not reachable.
dri=$(ls /usr/lib/*/dri/swrast_dri.so 2>/dev/null | head -n 1)
if [ -n "$dri" ]; then
    LD_PRELOAD="$dri${LD_PRELOAD:+ $LD_PRELOAD}"
    # The preloaded driver comes before the ASan runtime: that is intended.
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
    export LD_PRELOAD ASAN_OPTIONS
fi
exec "${BT_ASAN_BUILD:-build-asan}/bangtin" "$@"
