# The two commands the README promises: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: run test lint data bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## run: install if needed, then serve the map on http://127.0.0.1:8000/ (Ctrl-C stops it)
run: $(STAMP)
	$(BIN)/electoral serve

## test: lint, format check, type check and the whole test suite
test: $(STAMP) lint
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests scripts bench
	$(BIN)/mypy

## data: rebuild src/electoral/data from ../shared/data (maintainers only)
data: $(STAMP)
	$(BIN)/python scripts/build_data.py
	$(BIN)/python scripts/build_polls.py
	$(BIN)/python scripts/build_fundamentals.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
