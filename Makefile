# Quire: `make serve` runs the demo site, `make test` runs every test, `make bench` benchmarks.
SWIFT ?= swift
APT_PACKAGES := libgit2-dev zlib1g-dev libgumbo-dev libvips-dev pkg-config git
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps test-deps build serve test screenshots bench fuzz clean

# Installs the system libraries Quire links against, only when something is missing.
deps:
	@if ! pkg-config --exists libgit2 zlib gumbo vips 2>/dev/null || ! command -v git >/dev/null; then \
		echo "Installing $(APT_PACKAGES) ..."; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
	fi

# The tests check the generated OpenAPI and JSON Schema documents with independent Python validators.
test-deps: deps
	@if ! command -v python3 >/dev/null || ! python3 -m pip --version >/dev/null 2>&1; then \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-pip; \
	fi
	@python3 -c 'import openapi_spec_validator, jsonschema, yaml' 2>/dev/null || \
		PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install --quiet openapi-spec-validator jsonschema PyYAML
	@# The review desk's tests drive Debian's chromium through chromedriver with selenium.
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	fi
	@python3 -c 'import selenium, pytest' 2>/dev/null || \
		PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install --quiet selenium pytest

build: deps
	$(SWIFT) build -c release --product quire

serve: build
	.build/release/quire serve

# Every module must declare each target it imports (the data flows one way): the build fails otherwise.
test: test-deps
	$(SWIFT) build --build-tests --explicit-target-dependency-import-check error
	$(SWIFT) test --skip-build
	PYTHONDONTWRITEBYTECODE=1 python3 -m pytest -q -p no:cacheprovider Tests/browser

# PNGs of the review desk for README (docs/desk-*.png), made by the browser tests' tooling.
screenshots: test-deps
	$(SWIFT) build --product quire
	PYTHONDONTWRITEBYTECODE=1 python3 -m pytest -q -p no:cacheprovider Tests/browser/screenshots.py

# Articles in the benchmark site: `make bench N=2000` for a quick run; BENCH_LARGE=1 adds 100,000.
# Other knobs (BENCH_DURATION, BENCH_SKIP_BUILD, ...) are described in Benchmarks/run.sh.
N ?= 10000
bench: deps
	N=$(N) bash Benchmarks/run.sh

# libFuzzer targets with address sanitizer for the parsers of untrusted input (Fuzz/run.sh):
# FUZZ_SECONDS per target; non-zero exit on any crash, hang or AddressSanitizer report.
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) bash Fuzz/run.sh

clean:
	rm -rf .build .quire
