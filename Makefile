# The two commands the README promises: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: run test lint data check-data bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## run: install if needed, then serve the map on http://127.0.0.1:8000/ (Ctrl-C stops it)
run: $(STAMP)
	$(BIN)/electoral serve

## test: lint, format check, type check, the import layers and the whole test suite
test: $(STAMP) lint
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests scripts bench
	$(BIN)/mypy
	$(BIN)/lint-imports

## data: rebuild all of src/electoral/data from ../shared/data (maintainers only); a source
## whose sha256 differs from the recorded one stops it: `make data UPDATE=1` accepts the change
data: $(STAMP)
	$(BIN)/python scripts/build_all.py $(if $(UPDATE),--update-sources)

## check-data: rebuild the data into a temporary folder; fail unless it equals what is committed
check-data: $(STAMP)
	$(BIN)/python scripts/build_all.py --check

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
