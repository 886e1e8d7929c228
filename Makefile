# The Makefile is the project's interface: every target sets up what it needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SPARK_STAMP := $(VENV)/.installed-spark

export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := False
export DO_NOT_TRACK := 1

RAW_DATA_DIR ?= data/sample
DUCKDB_PATH ?= customer_identity.duckdb
# DBT_TARGET=spark builds on a local Spark session instead; tables and their metastore go to
# SPARK_WAREHOUSE_DIR (docs/scaling.md).
DBT_TARGET ?= duckdb
SPARK_WAREHOUSE_DIR ?= spark-warehouse
# The bundled sample uses the committed model; any other data set gets a model of its own,
# trained on its first run and kept beside its database.
ifeq ($(RAW_DATA_DIR),data/sample)
LINKAGE_MODEL_PATH ?= linkage/sample_model.json
else ifeq ($(DBT_TARGET),spark)
LINKAGE_MODEL_PATH ?= $(SPARK_WAREHOUSE_DIR)/linkage_model.json
else
LINKAGE_MODEL_PATH ?= $(DUCKDB_PATH).linkage_model.json
endif
export RAW_DATA_DIR DUCKDB_PATH LINKAGE_MODEL_PATH DBT_TARGET

DBT := $(BIN)/dbt
DBT_VARS := --vars '{raw_data_dir: "$(RAW_DATA_DIR)", linkage_model_path: "$(LINKAGE_MODEL_PATH)"}'
CLI := $(BIN)/customer-identity
PERSONS ?= 20000
SEED ?= 7
OUT ?= data/generated/persons_$(PERSONS)_seed_$(SEED)

BENCH_PERSONS ?= 230000
BENCH_SEED ?= 555
BENCH_DIR ?= data/bench

.PHONY: help setup setup-spark run test-spark test-spark-refresh train evaluate recall-ceiling review-report quality generate febrl bench bench-spark bench-refresh sample test lint pytest clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 16

$(STAMP): pyproject.toml constraints.txt
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip==25.3"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	@touch $(STAMP)

setup: $(STAMP)  ## Create .venv and install the pinned dependencies

$(SPARK_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev,spark]"
	@touch $(SPARK_STAMP)

setup-spark: $(SPARK_STAMP)  ## setup, plus pyspark and dbt-spark (the optional `spark` extra; needs Java 17)

# dbt builds into a working copy; DUCKDB_PATH is replaced only when every model and data test
# passed (after a second pass over staging when new erasure requests named more records).
# dbt's unit tests check the SQL on fixed inputs, not the data: `make test` runs them, a
# scheduled run does not (dbt's own advice; they would add about 2.5 CPU s to every run).
# FULL_REFRESH=1 rebuilds every model from scratch; customer ids and their history survive it.
# On Spark (DBT_TARGET=spark) the linkage runs as Python steps between dbt invocations.
run: setup  ## Build the golden tables from RAW_DATA_DIR (default: the bundled sample) and print a summary
ifeq ($(DBT_TARGET),spark)
	@$(MAKE) --no-print-directory setup-spark
	$(CLI) spark-build --warehouse "$(SPARK_WAREHOUSE_DIR)" -- --fail-fast $(if $(FULL_REFRESH),--full-refresh) $(DBT_VARS)
else
	$(CLI) build --database "$(DUCKDB_PATH)" -- $(DBT) build --fail-fast --exclude-resource-type unit_test \
		$(if $(FULL_REFRESH),--full-refresh) $(DBT_VARS)
	$(CLI) summary --database "$(DUCKDB_PATH)"
endif

# Training reads a scratch build of the linkage input: the published database is not touched.
train: setup  ## Retrain the Splink model on RAW_DATA_DIR and write its charts under reports/
	rm -f "$(DUCKDB_PATH).train" "$(DUCKDB_PATH).train.wal"
	DUCKDB_PATH="$(DUCKDB_PATH).train" $(DBT) build $(DBT_VARS) --select +int_identity_records_for_linkage \
		--indirect-selection cautious
	$(CLI) train --database "$(DUCKDB_PATH).train" --model "$(LINKAGE_MODEL_PATH)" --charts reports/linkage
	rm -f "$(DUCKDB_PATH).train" "$(DUCKDB_PATH).train.wal"

evaluate: setup  ## Print precision, recall and F1 of the last run against RAW_DATA_DIR/ground_truth.csv
	$(CLI) evaluate --database "$(DUCKDB_PATH)" --ground-truth "$(RAW_DATA_DIR)/ground_truth.csv"

recall-ceiling: setup  ## Recall over all records that oracles reach given what conversations carry (docs/accuracy.md)
	$(CLI) recall-ceiling --database "$(DUCKDB_PATH)" --ground-truth "$(RAW_DATA_DIR)/ground_truth.csv"

review-report: setup  ## Splink comparison viewer and cluster studio for the review queue, in reports/review/
	$(CLI) review-report --database "$(DUCKDB_PATH)" --model "$(LINKAGE_MODEL_PATH)" --out reports/review

quality: setup  ## Great Expectations suite over the published marts; Data Docs in reports/quality/
	@test -f "$(DUCKDB_PATH)" || $(MAKE) --no-print-directory run
	$(CLI) quality --database "$(DUCKDB_PATH)" --docs reports/quality

generate: setup  ## Write synthetic extracts: make generate PERSONS=20000 SEED=7 OUT=dir
	$(CLI) generate --persons $(PERSONS) --seed $(SEED) --out "$(OUT)"

# Each evaluation starts from nothing: a new database, and a model trained on the data set.
febrl: setup  ## FEBRL3 and FEBRL4 as contract extracts, run end to end and evaluated
	@for set in febrl3 febrl4; do \
		rm -f data/benchmarks/$$set.duckdb data/benchmarks/$$set.duckdb.linkage_model.json && \
		$(CLI) febrl $$set --out data/benchmarks/$$set && \
		$(MAKE) --no-print-directory run RAW_DATA_DIR=data/benchmarks/$$set DUCKDB_PATH=data/benchmarks/$$set.duckdb \
			LINKAGE_MODEL_PATH=data/benchmarks/$$set.duckdb.linkage_model.json >/dev/null && \
		echo "== $$set" && \
		$(MAKE) --no-print-directory evaluate RAW_DATA_DIR=data/benchmarks/$$set DUCKDB_PATH=data/benchmarks/$$set.duckdb | grep -v '^\.venv' || exit 1; \
	done

# Runs what `make run` runs, into a fresh database under BENCH_DIR (emptied first).
bench: setup  ## Time the whole job per phase on ~1M generated records, then bare Splink (BENCH_PERSONS=230000)
	$(CLI) bench --persons $(BENCH_PERSONS) --seed $(BENCH_SEED) --work "$(BENCH_DIR)" \
		--report reports/benchmark_$(BENCH_PERSONS).md

SPARK_BENCH_PERSONS ?= 23000
bench-spark: setup-spark  ## The same ~100k generated records on DuckDB and local Spark: times, partitions
	$(CLI) bench-spark --persons $(SPARK_BENCH_PERSONS) --work data/bench-spark \
		--report reports/benchmark_spark_$(SPARK_BENCH_PERSONS).md

REFRESH_PERSONS ?= 100000
bench-refresh: setup  ## Time 1% and 10% refreshes against a full build (REFRESH_PERSONS=100000)
	$(BIN)/python -m customer_identity.benchmarks.refresh --persons $(REFRESH_PERSONS)

sample: setup  ## Regenerate the committed sample in data/sample
	$(CLI) generate --persons 2000 --seed 20261123 --out data/sample

lint: setup  ## ruff and sqlfluff
	$(BIN)/ruff check src tests/python tests/spark
	$(BIN)/ruff format --check src tests/python tests/spark
	$(BIN)/sqlfluff lint models tests/dbt analyses

# Each test builds in its own scratch folder, so two workers can share the machine: one
# keeps a core busy while the other is in dbt's single-threaded parsing and compiling.
PYTEST_WORKERS ?= 2
pytest: setup  ## Python tests (package, macros, end to end; PYTEST_WORKERS=2 in parallel)
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile

test: setup lint pytest  ## lint, pytest (which builds and tests the dbt project)

test-spark: setup-spark  ## Build the sample on local Spark and check it matches the DuckDB build
	$(BIN)/pytest tests/spark/test_similarity.py tests/spark/test_spark_parity.py -x -q

test-spark-refresh: setup-spark  ## Build and refresh the sample on Spark and DuckDB, compare (~10 min)
	SPARK_REFRESH_TEST=1 $(BIN)/pytest tests/spark/test_spark_refresh.py -x -q

clean:  ## Remove build output (keeps .venv)
	rm -rf target logs reports dbt_packages spark-warehouse *.duckdb *.duckdb.wal *.duckdb.building* *.duckdb.lock *.duckdb.train*
