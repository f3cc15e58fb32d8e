# mk/asan.mk: the whole suite built with AddressSanitizer and
# UndefinedBehaviorSanitizer (SAN_FLAGS and SAN_ENV are in mk/fuzz.mk).
#   make test-asan   every test, e2e included, in build-asan/, plus the fuzz
#                    regressions

# The whole suite with ASan+UBSan, in its own build folder so the normal
# build is untouched; the e2e tests take the binary from BANGTIN.
# ASAN_E2E="cli hostile play" runs only those shell tests (default: every
# one that takes its player from BANGTIN). BT_SANITIZER tells the tests that
# resident memory is ASan's (its quarantine holds freed blocks), not ours.
ASAN_B = build-asan
ASAN_E2E ?=
test-asan: deps-test deps-fuzz
	@$(MAKE) -s B=$(ASAN_B) CFLAGS="-O1 -g $(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" all tests
	@$(SAN_ENV) BT_SANITIZER=asan BT_E2E="$(ASAN_E2E)" BT_BUILD=$(ASAN_B) BT_ASAN_BUILD=$(ASAN_B) \
		BANGTIN=tests/asan/bangtin.sh tests/run.sh
	@$(MAKE) -s fuzz-regress

.PHONY: test-asan
