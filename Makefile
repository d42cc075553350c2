# 五型模范机关建设手册 — the two commands a user needs are `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ZVENV  := .venv-zensical
ZBIN   := $(ZVENV)/bin
HOST   ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build build-zensical check pages new-case bundle test build-deps system-deps bench clean release

# The venv is rebuilt whenever a pin changes.
$(BIN)/.site-deps: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Zensical in a venv of its own: its pins must not move the MkDocs build's.
$(ZBIN)/.zensical-deps: requirements-zensical.txt
	test -x $(ZBIN)/python || $(PYTHON) -m venv $(ZVENV)
	$(ZBIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	touch $@

$(BIN)/.test-deps: requirements-test.txt requirements.txt $(BIN)/.site-deps
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

## serve: build and serve the handbook on http://$(HOST); edits to data/, handbook/, macros/,
##        docs/, overrides/ or mkdocs.yml rebuild it and reload the page (errors shown in the page)
serve: $(BIN)/.site-deps build-deps
	$(BIN)/python -m handbook serve --address $(HOST)

## build: validate data, then build site/ (a failed build keeps the previous site/)
build: $(BIN)/.site-deps build-deps
	$(BIN)/python -m handbook build

## build-zensical: the same, with Zensical instead of MkDocs (installs it into .venv-zensical)
build-zensical: $(BIN)/.site-deps $(ZBIN)/.zensical-deps build-deps
	$(BIN)/python -m handbook build --generator zensical

## bundle: build, then zip site/ into dist/ to hand out for offline use (open index.html)
bundle: build
	$(BIN)/python -m handbook bundle

## check: validate data/ without building
check: $(BIN)/.site-deps
	$(BIN)/python -m handbook check

## build-deps: the CJK font embedded in checklist PDFs (installed with apt-get when run as root)
build-deps:
	@bash .ci/system-deps.sh build

## system-deps: Chromium, CJK fonts and poppler for browser and print tests (root only)
system-deps:
	@bash .ci/system-deps.sh

## test: install everything the tests need, then run every test (the browser's pure logic under Node
##       first: tests/js/*.test.js, a second; then pytest)
test: $(BIN)/.test-deps $(ZBIN)/.zensical-deps system-deps
	node --test tests/js/
	$(BIN)/python -m pytest

## pages: write the continuation stubs (docs/gc-2.md …) long pages need, delete left-over ones; commit them
pages: $(BIN)/.site-deps
	$(BIN)/python -m handbook pages

## release: record the current edition in data/editions/<version>.json for 修订说明 (commit it);
##          raise the version in data/edition.yaml first when the data changed since the last release
release: $(BIN)/.site-deps
	$(BIN)/python -m handbook release

## new-case: scaffold data/cases/ID.yaml for a 来稿 (make new-case ID=laigao-xuexi), then fill it in and run make check
new-case: $(BIN)/.site-deps
	$(BIN)/python -m handbook new-case $(ID)

## bench: one table: build vs plain-Material floor at each scale, RSS, sizes, cold/warm,
##        reproducibility, search (e.g. make bench SCALES="1 10"; ×100 takes long)
SCALES ?= 1 10 100
bench: $(BIN)/.site-deps build-deps
	SCALES="$(SCALES)" $(BIN)/python bench/run.py

clean:
	rm -rf site .build dist tests/artifacts .pytest_cache
