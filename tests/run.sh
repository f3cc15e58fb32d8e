#!/bin/sh
# Runs every test: the cmocka binaries in build/tests, then the shell tests
# (render and end-to-end) in tests/*.sh. Prints one summary line at the end.
# BT_BUILD names another build folder (make test-asan: build-asan); the shell
# tests then take the player from BANGTIN, and those that do not are skipped.
cd "$(dirname "$0")/.." || exit 2
build=${BT_BUILD:-build}
passed=0
failed=0
failures=""
for t in "$build"/tests/test_* tests/e2e/*.sh; do
    [ -x "$t" ] || continue
    case "$t" in *.d) continue ;; esac
    # Another build (ASan) has nothing to add to a shell test that does not
    # take its player from BANGTIN (it tests build/, arm64 or an install).
    case "$t" in
    *.sh) [ "$build" = build ] || grep -q '${BANGTIN[:}]' "$t" || continue ;;
    esac
    # BT_E2E="cli hostile": only these shell tests (a shorter CI run).
    case "$t" in
    *.sh) [ -z "${BT_E2E:-}" ] || case " $BT_E2E " in *" $(basename "$t" .sh) "*) ;; *) continue ;; esac ;;
    esac
    echo "== $t"
    start=$(date +%s)
    if "$t"; then
        passed=$((passed + 1))
        echo "ok $t ($(( $(date +%s) - start )) s)"
    else
        failed=$((failed + 1))
        failures="$failures $t"
        echo "FAILED $t ($(( $(date +%s) - start )) s)"
    fi
done
[ -n "$failures" ] && echo "failed:$failures"
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
