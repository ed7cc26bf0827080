# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p out
	$(BIN)/extractor extract corpus/clean corpus/scraped -o out/corpus.jsonl
	$(BIN)/extractor summarize out/corpus.jsonl

test: $(STAMP)
	$(BIN)/pytest
	$(BIN)/extractor eval corpus/gold --floors corpus/floors.toml

lint: $(STAMP)
	$(BIN)/ruff check extractor tests bench
	$(BIN)/ruff format --check extractor tests bench

$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python bench/run.py --output bench/results.md

clean:
	rm -rf out .pytest_cache .ruff_cache .hypothesis
