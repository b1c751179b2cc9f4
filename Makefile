# Two commands set everything up on a fresh clone:
#   make run    the main job on the bundled corpus (tables, figures, summary and
#               report.html in output/)
#   make test   ruff, the unit tests and nbval on every notebook (installs Debian's
#               chromium first when it is missing and make runs as root)
# Both install requirements.lock into .venv first, which holds the figures' CJK font:
# Noto Sans SC from the pinned pylopdf-fonts-zh-cn wheel, the same file on every
# machine (no system font package is needed to draw Chinese in PNG and SVG figures).
# `make` alone (or `make help`) lists every target.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.DEFAULT_GOAL := help
.PHONY: help run test lint lab figures notebooks bench clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z ]*:.*## / {printf "  make %-16s %s\n", $$1, $$2}' \
	  $(MAKEFILE_LIST)

$(STAMP): requirements.lock constraints.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -r requirements.lock -c constraints.txt
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP) ## the main job on the bundled corpus, into output/ (sets up .venv first)
	$(PY) -m analysis run --corpus data/corpus --out output

lint: $(STAMP) ## ruff on the package, tests, benchmarks and tools
	$(PY) -m ruff check analysis tests bench tools

test: $(STAMP) lint ## ruff, the unit tests (one opens report.html in Chromium), then nbval
	sh tools/ensure_chromium.sh
	$(PY) -m pytest tests
	$(PY) -m pytest --nbval --nbval-current-env --nbval-sanitize-with notebooks/nbval_sanitize.cfg notebooks/

lab: $(STAMP) ## open the notebooks in JupyterLab (sets up .venv first)
	$(PY) -m jupyter lab notebooks/

notebooks figures: $(STAMP) ## re-execute the notebooks in place (refreshes their outputs and figures/)
	for nb in notebooks/0*.ipynb; do \
	  $(PY) -m jupyter nbconvert --to notebook --execute --inplace "$$nb" || exit 1; done
	$(PY) tools/strip_execution_times.py notebooks/0*.ipynb

bench: $(STAMP) ## the benchmarks (bench/*.py, need ../shared/benchmarks); see bench/RESULTS.md
	$(PY) bench/bench_vectorize.py
	$(PY) bench/bench_keywords.py
	$(PY) bench/bench_topics.py
	$(PY) bench/bench_translations.py
	$(PY) bench/bench_stability.py
	$(PY) bench/bench_scale.py

clean: ## remove output/ and the cache (.cache/)
	rm -rf output .cache
