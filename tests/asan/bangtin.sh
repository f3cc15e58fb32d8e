#!/bin/sh
# The ASan player for the e2e tests (make test-asan sets BANGTIN to this).
# Mesa's GL and EGL drivers, loaded and unloaded by SDL through libglvnd,
# leave blocks that LeakSanitizer can only report as "<unknown module>" (or
# under a wrong name) once the driver is unloaded, so they could be neither
# told from ours nor suppressed. Loading them first keeps them mapped to the
# end: then what they hold is still reachable and nothing is reported.
preload=""
for lib in /usr/lib/*/dri/swrast_dri.so /usr/lib/*/libEGL_mesa.so.0 /usr/lib/*/libGLX_mesa.so.0; do
    [ -f "$lib" ] && preload="$preload${preload:+ }$lib"
done
if [ -n "$preload" ]; then
    LD_PRELOAD="$preload${LD_PRELOAD:+ $LD_PRELOAD}"
    # The preloaded drivers come before the ASan runtime: that is intended.
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
    export LD_PRELOAD ASAN_OPTIONS
fi
exec "${BT_ASAN_BUILD:-build-asan}/bangtin" "$@"
