# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
# The wheel `pip install .` makes (its pipeline modules compiled with Cython, hatch_build.py),
# unpacked here: what the benchmarks measure and `make test-compiled` tests.
COMPILED := build/compiled
COMPILED_STAMP := $(COMPILED)/.built

.PHONY: demo test compiled test-compiled lint bench bench-scale clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p out
	$(BIN)/extractor extract corpus/clean corpus/scraped -o out/corpus.jsonl
	$(BIN)/extractor summarize out/corpus.jsonl
	$(BIN)/extractor load out/corpus.jsonl --db sqlite:///out/corpus.sqlite
	$(BIN)/extractor query --db sqlite:///out/corpus.sqlite "SELECT d.title, count(*) AS amounts, \
	  max(a.value) AS largest_yuan FROM amounts a JOIN documents d ON d.id = a.document_id \
	  WHERE a.currency = 'CNY' AND a.value > 10000 GROUP BY d.id, d.title \
	  ORDER BY largest_yuan DESC LIMIT 5"

test: $(STAMP)
	$(BIN)/pytest
	$(BIN)/extractor eval corpus/gold --floors corpus/floors.toml

$(COMPILED_STAMP): $(STAMP) pyproject.toml hatch_build.py $(wildcard extractor/*.py extractor/*.pxd rules/* rules/*/*)
	rm -rf $(COMPILED) build/wheel
	$(BIN)/pip wheel --quiet --no-deps --wheel-dir build/wheel .
	$(BIN)/pip install --quiet --no-deps --target $(COMPILED) build/wheel/extractor-*.whl
	@ls $(COMPILED)/extractor/pipeline.*.so >/dev/null 2>&1 || { echo "the wheel was built \
	without compiled modules: see why with '$(BIN)/pip wheel -v --no-deps .' (it needs gcc \
	and the Python headers)"; exit 1; }
	touch $@

compiled: $(COMPILED_STAMP)

# The test-suite on the compiled build: the same behaviour as the source it was compiled from.
test-compiled: $(COMPILED_STAMP)
	PYTHONPATH=$(COMPILED) $(BIN)/pytest
	PYTHONPATH=$(COMPILED) $(BIN)/extractor eval corpus/gold --floors corpus/floors.toml

lint: $(STAMP)
	$(BIN)/ruff check extractor tests bench hatch_build.py
	$(BIN)/ruff format --check extractor tests bench hatch_build.py

$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP) $(COMPILED_STAMP)
	PYTHONPATH=$(COMPILED) $(BIN)/python bench/run.py --runs 3 --output bench/results.md

# 10,000 simulated pages with --jobs 1 and 2, then 100,000 inputs streamed (hours)
bench-scale: $(BENCH_STAMP) $(COMPILED_STAMP)
	PYTHONPATH=$(COMPILED) $(BIN)/python bench/scale.py --output bench/results-scale.md

clean:
	rm -rf out build .pytest_cache .ruff_cache .hypothesis
