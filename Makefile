# 年报助手 — two commands on a fresh machine: `make run` and `make test`.
VENV    ?= .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
PORT    ?= 8501

.PHONY: install run test rules clean fuzz

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q -U pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/streamlit run app.py --server.headless true --server.address localhost --server.port $(PORT)

test: $(STAMP)
	$(PY) -m pytest -q

# Lint over the real-report corpus compared with the hand-written answer keys (fixtures/corpus/).
.PHONY: corpus
corpus: $(STAMP)
	$(PY) -m tests.corpus

# Fuzz every reader and the command line (tests/fuzz.py), FUZZ_SECONDS in all; `make test`
# runs the same targets with a small fixed budget (tests/test_fuzz.py).
FUZZ_SECONDS ?= 300
fuzz: $(STAMP)
	$(PY) -m tests.fuzz --seconds $(FUZZ_SECONDS)

# Regenerate the rule table and the table of input bounds in README.md.
rules: $(STAMP)
	$(PY) -m drafting.readme

# Rewrite the rule snapshots (tests/snapshots/rules/) after a reviewed change in what a rule reports.
.PHONY: snapshots
snapshots: $(STAMP)
	UPDATE_SNAPSHOTS=1 $(PY) -m pytest -q tests/test_rules.py
	git diff --stat -- tests/snapshots

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info

# Export the example report to .docx, render it with LibreOffice (fonts mapped by
# drafting/export/fonts.conf) and write page images to build/render/ for a person to look at.
.PHONY: render
render: $(STAMP)
	$(PY) -m drafting.export.render drafting/data/example.yaml --out build/render

# Benchmarks: validator, lint, offline draft, export, store and app rerun (bench/core_bench.py); then a
# model whose every answer takes 2 s (loopback replay server): prints the
# ratio of a full parallel draft to the slowest single call, and the prompt tokens per draft; then
# the batch review of 200 invented units' published reports (time per report) and a 12-unit roll-up.
.PHONY: bench record replay-refresh
bench: $(STAMP)
	$(PY) bench/core_bench.py
	$(PY) bench/draft_bench.py
	$(PY) bench/lint_bench.py
	$(PY) bench/rollup_bench.py

# Re-record fixtures/llm/recorded_<model>.json against a real OpenAI-compatible endpoint:
#   OPENAI_BASE_URL=http://127.0.0.1:8765/v1 DRAFTING_MODEL=gemma-3-270m make record
record: $(STAMP)
	$(PY) tests/replay_record.py

# After changing a prompt (or what the engine sends): run the suite in learning mode, write the
# request hashes each scripted fixture answers (fixtures/llm/*.json, match.request_hashes) and
# show the diff for review. Recorded fixtures are never rewritten: re-record them with make record.
replay-refresh: $(STAMP)
	$(PY) tests/replay_refresh.py

# Screenshots of every app page (real app, headless Chromium) into build/screenshots/.
.PHONY: screenshots
screenshots: $(STAMP)
	$(PY) -m tests.e2e.screenshots build/screenshots
