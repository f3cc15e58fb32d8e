# mk/lint.mk: static analysis.
#   make lint   cppcheck and clang-tidy over every source, warnings as errors

# Static analysis; every check and exclusion is explained in .clang-tidy and
# tests/lint/cppcheck.supp.
LINT_SRCS = $(SRCS)
# Written for the shell both bare and inside "...": \" is a quote either way.
LINT_DEFS = -D_DEFAULT_SOURCE -D_GNU_SOURCE -DBT_VERSION=\"lint\" -DBT_BUILD_DATE=\"2026-01-01\" \
	-DBT_DATADIR=\"$(DATADIR)\"
lint: deps po-check
	@command -v cppcheck >/dev/null && command -v clang-tidy >/dev/null || \
		$(MAKE) -s deps-install WANT_CMDS="cppcheck:cppcheck clang-tidy:clang-tidy"
	@mkdir -p $(B); status=0; \
	echo "cppcheck: $(words $(LINT_SRCS)) files"; \
	cppcheck --quiet --std=c11 --language=c --enable=warning,performance,portability \
		--error-exitcode=1 --inline-suppr --suppressions-list=tests/lint/cppcheck.supp \
		-j $$(nproc) $(LINT_DEFS) -Isrc $(LINT_SRCS) || status=1; \
	echo "clang-tidy: $(words $(LINT_SRCS)) files (checks in .clang-tidy)"; \
	flags="-std=c11 $(LINT_DEFS) -iquote src $(LIB_CFLAGS)"; export flags; \
	printf '%s\n' $(LINT_SRCS) | xargs -P $$(nproc) -n 4 \
		sh -c 'clang-tidy --quiet "$$@" -- $$flags' clang-tidy 2>&1 | \
		grep -v '^[0-9]* warnings\? generated\.$$' | tee $(B)/clang-tidy.log; \
	grep -q "error:" $(B)/clang-tidy.log && status=1; \
	exit $$status

.PHONY: lint
