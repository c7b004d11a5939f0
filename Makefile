# Two commands for a fresh machine with Python >= 3.10 and make:
#   make run    set up .venv and run the main job on the datasets shipped in the installed package
#   make test   set up .venv and run every check: ruff, mypy, pytest (doctests, notebooks)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup run test lint typecheck pytest coverage pictures bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

run: setup
	$(BIN)/orggraph summary "$$($(BIN)/python -m orggraph.datasets ishoj)"
	$(BIN)/orggraph summary "$$($(BIN)/python -m orggraph.datasets roskilde)"
	mkdir -p out
	$(BIN)/orggraph chart "$$($(BIN)/python -m orggraph.datasets ishoj)" -o out/ishoj.png
	$(BIN)/orggraph chart "$$($(BIN)/python -m orggraph.datasets roskilde)" -o out/roskilde.png
	$(BIN)/orggraph chart "$$($(BIN)/python -m orggraph.datasets roskilde)" -o out/roskilde.html

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

pytest: setup
	$(BIN)/python -m pytest -q

test: lint typecheck pytest

coverage: setup
	$(BIN)/python -m coverage run -m pytest -q
	$(BIN)/python -m coverage report --skip-covered

pictures: setup
	$(BIN)/python scripts/make_pictures.py

bench: setup
	$(BIN)/python benchmarks/run.py --sizes 1000 10000 100000

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis .coverage
