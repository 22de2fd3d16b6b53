# Quire: `make serve` runs the demo site, `make test` runs every test.
SWIFT ?= swift
APT_PACKAGES := libgit2-dev pkg-config git
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build serve test clean

# Installs the system libraries Quire links against, only when something is missing.
deps:
	@if ! pkg-config --exists libgit2 2>/dev/null || ! command -v git >/dev/null; then \
		echo "Installing $(APT_PACKAGES) ..."; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
	fi

build: deps
	$(SWIFT) build -c release --product quire

serve: build
	.build/release/quire serve

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build .quire
