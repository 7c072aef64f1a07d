# lagebild — `make run` sets everything up and runs the main job; `make test` sets up and runs the suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
SHARED ?= ../shared
DB ?= var/lagebild.sqlite
# Floors for the seed gold ('right' F1 per fact kind). Raise them as the extractors improve; never lower quietly.
EVAL_FLOORS ?= --floor places=0.88 --floor times=0.85 --floor figures=1.0 --floor quotes=0.70 --floor events=1.0 --floor conflicts=1.0 --floor not_quotes=1.0

.PHONY: setup system web run test lint typecheck pytest eval bench bench-short clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e ".[dev]"
	touch $(STAMP)

# Debian packages the tests and the web page need (chromium, postgresql); idempotent.
system:
	@if [ -x scripts/setup-system.sh ]; then scripts/setup-system.sh; fi

# Browser assets of the web page from npm (Leaflet, Leaflet.markercluster, topojson-client, world-atlas borders,
# Swagger UI) into the package.
VENDOR := src/lagebild/serve/static/vendor
web:
	@if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
	mkdir -p $(VENDOR)/images
	cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css $(VENDOR)/
	cp node_modules/leaflet/dist/images/*.png $(VENDOR)/images/
	cp node_modules/leaflet/LICENSE $(VENDOR)/LICENSE.leaflet
	cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js node_modules/leaflet.markercluster/dist/leaflet.markercluster.js.map $(VENDOR)/
	cp node_modules/leaflet.markercluster/dist/MarkerCluster.css node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css $(VENDOR)/
	cp node_modules/leaflet.markercluster/MIT-LICENCE.txt $(VENDOR)/LICENSE.leaflet.markercluster
	cp node_modules/topojson-client/dist/topojson-client.min.js $(VENDOR)/
	cp node_modules/topojson-client/LICENSE $(VENDOR)/LICENSE.topojson-client
	cp node_modules/world-atlas/countries-50m.json $(VENDOR)/
	cp node_modules/world-atlas/LICENSE $(VENDOR)/LICENSE.world-atlas
	cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css $(VENDOR)/
	cp node_modules/swagger-ui-dist/LICENSE $(VENDOR)/LICENSE.swagger-ui
	cp node_modules/swagger-ui-dist/NOTICE $(VENDOR)/NOTICE.swagger-ui

run: setup system
	$(VENV)/bin/lagebild analyze demo/articles.jsonl --format text
	$(VENV)/bin/lagebild ingest demo/articles.jsonl --db $(DB)
	$(VENV)/bin/lagebild serve --db $(DB) --host 127.0.0.1 --port 8080

lint: setup
	$(VENV)/bin/ruff check src tests

typecheck: setup
	$(VENV)/bin/mypy

pytest: setup system
	$(VENV)/bin/pytest -q -m "not slow" -p no:cacheprovider

eval: setup
	$(VENV)/bin/lagebild eval $(SHARED)/gold/seeds.gold.json --quiet $(EVAL_FLOORS)

test: lint typecheck pytest eval bench-short

# Retrain the shipped German NER (a CRF) from $(SHARED)/data (about 2 minutes on one core); prints its held-out F1.
# Its word classes (lang/de/word_clusters.tsv) are rebuilt first from the shareable unlabelled text.
.PHONY: train-ner
train-ner: setup
	OMP_NUM_THREADS=1 $(PY) -m lagebild.training.word_clusters --data $(SHARED)/data
	OMP_NUM_THREADS=1 $(PY) -m lagebild.training.ner_train --data $(SHARED)/data --out src/lagebild/models/ner-de

# Train the optional neural NER (BiLSTM-CRF; installs the `neural` extra, torch's CPU build) into
# build/ner-neural: word2vec vectors of the shareable text first (build/ner/word2vec.npz, about 2 minutes),
# then the tagger on all training sentences for the epoch count the development run kept (15-18 minutes on
# one core). Not shipped: it scored below the CRF on the blind news; see docs/entities.md.
.PHONY: train-ner-neural
NER_NEURAL_EPOCHS ?= 14
train-ner-neural: setup
	$(PIP) install -q -e ".[neural]"
	OMP_NUM_THREADS=1 nice -n 19 $(PY) -m lagebild.training.ner_neural --data $(SHARED)/data --out build/ner-neural --set epochs=$(NER_NEURAL_EPOCHS)

# Retrain the shipped German tagger, morphologizer and dependency parser from UD German GSD dev + PUD in
# $(SHARED)/data (a few minutes on two cores); GSD test stays for `lagebild eval-parser`. See docs/nlp.md.
.PHONY: train-parser
train-parser: setup
	OMP_NUM_THREADS=1 nice -n 10 $(PY) -m lagebild.training.parser_train --data $(SHARED)/data --out src/lagebild/models/parser-de

# Benchmarks (figures printed and written to bench-results/): see docs/benchmarks.md
bench: setup
	$(PY) -m benchmarks --out bench-results/bench.json

bench-short: setup
	$(PY) -m benchmarks --short --out bench-results/bench-short.json

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
