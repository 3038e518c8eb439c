# The two set-up commands are `make demo` and `make test`; both create .venv and install
# into it from requirements.lock, and skip the install when nothing changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
STAMP := $(VENV)/.installed

.PHONY: demo test chromium lint bench airflow lock install clean-state

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check "uv==$(UV_VERSION)"
	$(BIN)/uv pip install -q --python $(BIN)/python --require-hashes -r requirements.lock
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	@touch $@

demo: $(STAMP)
	$(BIN)/python -m devtools demo

# The Airflow UI test drives Debian's Chromium: installed first when missing (as root, with
# apt-get; otherwise the command to run is printed), a no-op once present.
test: $(STAMP) chromium
	$(BIN)/python -m pytest -q

chromium:
	@devtools/ensure-chromium

# ruff (rules and thresholds in pyproject.toml) and mypy over pipeline/ ([tool.mypy]).
lint: $(STAMP)
	$(BIN)/ruff check pipeline dags tests bench devtools
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m bench

airflow: $(STAMP)
	$(BIN)/python -m devtools airflow

# Re-resolve the pins after editing pyproject.toml's dependencies.
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -q -o requirements.lock

# Stop the embedded Postgres and remove all local state (.pipeline/).
clean-state:
	-$(BIN)/python -c "import pgserver,pathlib; p=pathlib.Path('.pipeline/pgdata'); p.exists() and pgserver.get_server(p).cleanup()"
	rm -rf .pipeline
