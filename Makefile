# Two commands do everything on a fresh clone:
#   make run   - set up the virtual environment and the system packages (Chromium for the pack's
#                chart images), then start the dashboard on the sample data
#   make test  - set up the virtual environment, lint (ruff, and lint-imports for the layers of
#                docs/ARCHITECTURE.md) and run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed

.PHONY: run test test-random lint setup system-deps clean

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

setup: $(STAMP)

system-deps:
	bash scripts/system-deps.sh

# The dashboard starts even when the system packages cannot be installed (no network, a refused
# sudo): the meeting pack then builds without its charts and says which command adds them.
run: $(STAMP)
	bash scripts/system-deps.sh || echo "system-deps: not installed; the pack will have no charts until: sudo apt-get install chromium" >&2
	$(BIN)/streamlit run app.py --server.address 127.0.0.1

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo --no-cache

test: $(STAMP) system-deps lint
	$(BIN)/python -m pytest

test-random: $(STAMP) system-deps
	$(BIN)/python -m pytest -p randomly

clean:
	rm -rf $(VENV) data .pytest_cache .hypothesis
