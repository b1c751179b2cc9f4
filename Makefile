# Two commands set everything up on a fresh clone:
#   make run    the main job on the bundled corpus (tables, figures, summary in output/)
#   make test   ruff, the unit tests and nbval on every notebook
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test figures notebooks bench lint clean

$(STAMP): requirements.lock constraints.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -r requirements.lock -c constraints.txt
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m analysis run --corpus data/corpus --out output

lint: $(STAMP)
	$(PY) -m ruff check analysis tests bench tools

test: $(STAMP) lint
	$(PY) -m pytest tests
	$(PY) -m pytest --nbval --nbval-current-env --nbval-sanitize-with notebooks/nbval_sanitize.cfg notebooks/

# Re-execute the notebooks in place: refreshes their outputs and figures/.
notebooks figures: $(STAMP)
	for nb in notebooks/0*.ipynb; do \
	  $(PY) -m jupyter nbconvert --to notebook --execute --inplace "$$nb" || exit 1; done
	$(PY) tools/strip_execution_times.py notebooks/0*.ipynb

bench: $(STAMP)
	$(PY) bench/bench_vectorize.py
	$(PY) bench/bench_topics.py
	$(PY) bench/bench_stability.py
	$(PY) bench/bench_scale.py

clean:
	rm -rf output .cache
