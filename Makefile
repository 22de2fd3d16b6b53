# Quire: `make serve` runs the demo site, `make test` runs every test, `make bench` benchmarks.
SWIFT ?= swift
APT_PACKAGES := libgit2-dev zlib1g-dev libgumbo-dev libvips-dev pkg-config git
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps test-deps build serve test screenshots bench soak soak-ci load load-ci fuzz clean

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
	@# The SMTP TLS tests make their throwaway CA and certificates with the openssl CLI.
	@if ! command -v openssl >/dev/null; then \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl; \
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

# Soak with faults (Tests/soak, RELIABILITY.md): two servers on a shared remote, mixed traffic,
# SIGKILLs at random moments, then every acknowledged write is looked for. `make soak` is the
# full run on the release build; `make soak-ci` the short one CI runs on the debug build.
SOAK_ARTICLES ?= 100000
SOAK_MINUTES ?= 30
soak: build
	python3 Tests/soak/soak.py --quire .build/release/quire --articles $(SOAK_ARTICLES) --minutes $(SOAK_MINUTES) --out soak-report.json

soak-ci: deps
	$(SWIFT) build --product quire
	python3 Tests/soak/soak.py --quire .build/debug/quire --articles 10000 --minutes 3 --out soak-report.json

# Load (Tests/load): wrk -c512 on the list routes, then a slow-client flood.
load: build
	@command -v wrk >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	python3 Tests/load/load.py --quire .build/release/quire --articles 100000 --seconds 30 --slow 4000 --out load-report.json

load-ci: deps
	@command -v wrk >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	$(SWIFT) build --product quire
	python3 Tests/load/load.py --quire .build/debug/quire --articles 5000 --seconds 10 --slow 2000 --flood-seconds 40 --out load-report.json
# libFuzzer targets with address sanitizer for the parsers of untrusted input (Fuzz/run.sh):
# FUZZ_SECONDS per target; non-zero exit on any crash, hang or AddressSanitizer report.
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) bash Fuzz/run.sh

clean:
	rm -rf .build .quire

# Contract tests (Tests/contract/run.py): schemathesis sends generated requests to the debug
# `quire serve` of a copy of the demo site and checks the answers against /api/openapi.json and
# against Apostrophe's official OpenAPI file. `contract` is CI's deterministic run (a few
# minutes); `contract-long` adds the stateful phase and more examples per operation.
.PHONY: contract-deps contract contract-long
SCHEMATHESIS_VERSION := 4.32.5
contract-deps: deps
	@python3 -c 'import schemathesis, yaml, sys; sys.exit(schemathesis.__version__ != "$(SCHEMATHESIS_VERSION)")' 2>/dev/null || \
		PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install --quiet "schemathesis==$(SCHEMATHESIS_VERSION)" PyYAML

# The same flags as `make test`'s build, so that after it this build has nothing to do.
contract: contract-deps
	$(SWIFT) build --product quire --explicit-target-dependency-import-check error
	PYTHONDONTWRITEBYTECODE=1 python3 Tests/contract/run.py

contract-long: contract-deps
	$(SWIFT) build --product quire --explicit-target-dependency-import-check error
	PYTHONDONTWRITEBYTECODE=1 python3 Tests/contract/run.py --long
