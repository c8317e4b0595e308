# Bootstrap a local virtual environment, then hand over to the invoke tasks
# in tasks.py. Every target below only delegates.

PYTHON ?= python3
VENV ?= .venv
INVOKE = $(VENV)/bin/invoke
STAMP = $(VENV)/.installed

.DEFAULT_GOAL := html
.PHONY: html test check devserver serve preview publish clean lint bench

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(VENV)/bin/python || { tools/system-deps venv && $(PYTHON) -m venv $(VENV); }
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $(STAMP)

html: $(STAMP)
	$(INVOKE) build

test: $(STAMP)
	tools/system-deps browser
	$(INVOKE) test

check: $(STAMP)
	$(INVOKE) check

lint: $(STAMP)
	$(INVOKE) lint

devserver: $(STAMP)
	$(INVOKE) livereload

serve: $(STAMP)
	$(INVOKE) serve

preview: $(STAMP)
	$(INVOKE) preview

publish: $(STAMP)
	$(INVOKE) publish

bench: $(STAMP)
	$(INVOKE) bench

clean: $(STAMP)
	$(INVOKE) clean
