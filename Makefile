# `make run`: set up on first use and run the default config over the seeds.
# `make test`: set up on first use and run the test suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test bench setup clean

$(BIN)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# hanlp depends on torch: the CPU build first, or pip pulls several GB of CUDA packages.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

setup: $(BIN)/.installed

run: setup
	$(BIN)/python -m pipeline run configs/default.yaml

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) outputs/*/ outputs/.*.tmp-*
