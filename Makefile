# Named tasks for developers. Each assumes `make venv` has run once.
PY := .venv/bin

.PHONY: venv test lint typecheck check schema validate samples bench bench-site

venv:
	python3 -m venv .venv && $(PY)/pip install -q -e '.[test]'

test:
	$(PY)/pytest

lint:
	$(PY)/ruff check src tests benchmarks scripts && $(PY)/ruff format --check src tests benchmarks scripts

typecheck:
	$(PY)/mypy src

check: lint typecheck test

schema:  ## regenerate the committed editor schema
	$(PY)/cplan schema -o schema/plan.schema.json

validate:
	$(PY)/cplan validate examples plans

samples:  ## rendered sample reports in examples/reports and their pictures in docs/images
	$(PY)/python scripts/render_samples.py
	$(PY)/python scripts/site_samples.py

bench:  ## report rendering benchmark
	$(PY)/python benchmarks/bench_report.py

bench-site:  ## cplan site against cplan validate on 1,000 plans
	$(PY)/python benchmarks/bench_site.py
