# Muscle Twitch Guide: every command a developer or CI needs. `make help` lists them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# Nothing here may reach AWS: fake credentials, no instance-metadata probe, no SAM telemetry.
export AWS_EC2_METADATA_DISABLED := true
export SAM_CLI_TELEMETRY := 0
export AWS_ACCESS_KEY_ID ?= testing
export AWS_SECRET_ACCESS_KEY ?= testing
export AWS_DEFAULT_REGION ?= us-east-1

.PHONY: help venv chat test pytest lint typecheck template build models inflections recall bench clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): requirements-dev.txt lambda/requirements.txt pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

venv: $(STAMP)  ## create the virtual environment from the pinned requirements

chat: $(STAMP)  ## talk to the skill in the terminal (LOCALE=en-GB to change locale)
	$(BIN)/skill-sim --locale $(or $(LOCALE),en-US)

test: $(STAMP)  ## every check: tests, lint, types, template, build
	$(MAKE) --no-print-directory pytest lint typecheck template build

pytest: $(STAMP)  ## the test suite only
	$(BIN)/pytest -q

lint: $(STAMP)  ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)  ## mypy --strict on the skill and the simulator
	$(BIN)/mypy

template: $(STAMP)  ## cfn-lint and sam validate --lint on template.yaml
	$(BIN)/cfn-lint template.yaml
	$(BIN)/sam validate --lint --template-file template.yaml

build: $(STAMP)  ## sam build (no Docker: the function's own Makefile cross-installs wheels)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/sam build --template-file template.yaml

models: $(STAMP)  ## regenerate the interaction models from the triage rules
	$(BIN)/python tools/build_models.py

inflections: $(STAMP)  ## regenerate the inflection table of the rules' vocabulary (lemminflect, build time only)
	$(BIN)/python tools/build_inflections.py

recall: $(STAMP)  ## how much of the corpus the skill understands at once (tests/corpus), with every miss
	$(BIN)/python tools/recall.py

bench: $(STAMP)  ## benchmarks: cold start, warm latency, package size, answer length, understanding
	$(BIN)/python tools/bench/run.py
	$(BIN)/python tools/bench/understanding.py

clean:  ## remove the virtual environment and build output
	rm -rf $(VENV) .aws-sam .mypy_cache .pytest_cache .ruff_cache
