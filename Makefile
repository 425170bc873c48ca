# `make demo` and `make test` work on a fresh clone: they create .venv and install what they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SAMPLE := samples/leicestershire-cfs/config.yaml
OUT    := out/leicestershire-cfs-q1-2024-25.docx
CODE   := narrator tests samples/tools $(wildcard bench)

.PHONY: demo test lint typecheck unit bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p out
	$(BIN)/narrator build $(SAMPLE) -o $(OUT)
	@echo "Report written to $(OUT). The sample dashboard is the department's as published;"
	@echo "samples/leicestershire-cfs/national/SOURCE.md says what narrator queries in it and why."

test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) out build *.egg-info
