"""Train the Splink model on the data it will link, and save it as JSON.

Unsupervised: the prior from near-certain rules, u probabilities by random sampling, m
probabilities by expectation maximisation over several blocking rules. Rules and comparisons
on columns the data set leaves empty are skipped.
"""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb
from splink import Linker
from splink.internals.splink_dataframe import SplinkDataFrame

from customer_identity.linkage import settings as model_settings
from customer_identity.linkage.database import WORK_SCHEMA, filled_columns, splink_session

log = logging.getLogger(__name__)

U_SAMPLING_MAX_PAIRS = 2e6
# EM runs on a sample of each rule's blocked pairs: half a million pairs estimate the few
# dozen m probabilities as well as millions do, at a quarter of the cost.
EM_MAX_PAIRS = 5e5
DETERMINISTIC_RECALL = 0.7


def train_model(
    connection: duckdb.DuckDBPyConnection,
    input_sql: str,
    model_path: Path,
    charts_dir: Path | None = None,
) -> Path:
    """Train on the rows of `input_sql` and write the model to `model_path`."""
    with splink_session(connection, input_sql) as (db_api, table, cursor):
        filled = filled_columns(cursor, f"{WORK_SCHEMA}.{table}", model_settings.LINKAGE_COLUMNS)
        train_linker(db_api.register(table), filled, model_path, charts_dir)
    return model_path


def train_linker(
    records: SplinkDataFrame,
    filled: set[str],
    model_path: Path,
    charts_dir: Path | None = None,
) -> None:
    """Train a model on `records` (a table registered with any Splink backend) for the
    columns `filled`, and save it to `model_path`."""
    log.info("training on columns %s", sorted(filled))
    linker = Linker(records, model_settings.build_settings(filled), log_level=logging.WARNING)
    deterministic = model_settings.usable(model_settings.DETERMINISTIC_RULES, filled)
    if deterministic:
        linker.training.estimate_probability_two_random_records_match(
            deterministic, recall=DETERMINISTIC_RECALL
        )
    linker.training.estimate_u_using_random_sampling(max_pairs=U_SAMPLING_MAX_PAIRS, seed=42)
    trained_rules = 0
    for rule in model_settings.usable(model_settings.TRAINING_RULES, filled):
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, max_pairs=EM_MAX_PAIRS
            )
            trained_rules += 1
        except Exception as error:
            log.warning("EM on %s skipped: %s", rule, error)
    if trained_rules == 0:
        raise RuntimeError("no EM pass succeeded: the model has no m probabilities")
    model_path.parent.mkdir(parents=True, exist_ok=True)
    linker.misc.save_model_to_json(str(model_path), overwrite=True)
    if charts_dir is not None:
        write_charts(linker, charts_dir)


def write_charts(linker: Linker, charts_dir: Path) -> None:
    """Splink's own training charts as standalone HTML."""
    charts_dir.mkdir(parents=True, exist_ok=True)
    charts = {
        "match_weights": linker.visualisations.match_weights_chart,
        "m_u_parameters": linker.visualisations.m_u_parameters_chart,
        "parameter_estimates": linker.visualisations.parameter_estimate_comparisons_chart,
    }
    for name, chart in charts.items():
        try:
            chart().save(str(charts_dir / f"{name}.html"))
        except Exception as error:
            log.warning("chart %s not written: %s", name, error)
