"""Train the Splink model on the data it will link, and save it as JSON.

Unsupervised: the prior from near-certain rules, u probabilities by random sampling, m
probabilities by expectation maximisation over several blocking rules. Rules and comparisons
on columns the data set leaves empty are skipped.
"""

from __future__ import annotations

import itertools
import json
import logging
import math
from pathlib import Path

import duckdb
from splink import Linker
from splink.internals.splink_dataframe import SplinkDataFrame

from customer_identity.linkage import settings as model_settings
from customer_identity.linkage.database import WORK_SCHEMA, fill_rates, splink_session

log = logging.getLogger(__name__)

U_SAMPLING_MAX_PAIRS = 2e6
# EM runs on a sample of each rule's blocked pairs: half a million pairs estimate the few
# dozen m probabilities as well as millions do, at a quarter of the cost.
EM_MAX_PAIRS = 5e5
DETERMINISTIC_RECALL = 0.7


class NotEnoughDataToTrain(RuntimeError):
    """The records give Splink nothing to learn from: fewer than two, fewer than two filled
    linkage columns, or no blocked pairs for expectation maximisation."""

    def fallback_message(self) -> str:
        """What a build that goes on without a model tells its user."""
        return (
            f"no linkage model can be trained on this data set ({self}); its records are "
            "linked by the deterministic rules only, and the next run tries again"
        )


def train_model(
    connection: duckdb.DuckDBPyConnection,
    input_sql: str,
    model_path: Path,
    charts_dir: Path | None = None,
) -> Path:
    """Train on the rows of `input_sql` and write the model to `model_path`."""
    with splink_session(connection, input_sql) as (db_api, table, cursor):
        [(records,)] = cursor.execute(f"select count(*) from {WORK_SCHEMA}.{table}").fetchall()
        if records < 2:
            raise NotEnoughDataToTrain(f"{records} profile record(s) to train on")
        fill = fill_rates(cursor, f"{WORK_SCHEMA}.{table}", model_settings.LINKAGE_COLUMNS)
        filled = {column for column, rate in fill.items() if rate}
        train_linker(db_api.register(table), filled, model_path, charts_dir, fill=fill)
    return model_path


def train_linker(
    records: SplinkDataFrame,
    filled: set[str],
    model_path: Path,
    charts_dir: Path | None = None,
    fill: dict[str, float] | None = None,
) -> None:
    """Train a model on `records` (a table registered with any Splink backend) for the
    columns `filled`, and save it to `model_path`. With `fill` (the share of records that
    hold a value, per column) the prior is estimated again from the trained model."""
    log.info("training on columns %s", sorted(filled))
    try:
        settings = model_settings.build_settings(filled)
    except ValueError as error:
        raise NotEnoughDataToTrain(str(error)) from error
    linker = Linker(records, settings, log_level=logging.WARNING)
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
        raise NotEnoughDataToTrain("no EM pass succeeded: the model has no m probabilities")
    recall = None
    if deterministic and fill is not None:
        recall = deterministic_recall(
            linker.misc.save_model_to_json(),
            [rule for rule in model_settings.DETERMINISTIC_RULES if set(rule.columns) <= filled],
            fill,
        )
    if recall is not None:
        # The prior again, now that the model says how many true matches those rules find.
        log.info("deterministic rules find %.2f of true matches", recall)
        linker.training.estimate_probability_two_random_records_match(deterministic, recall=recall)
    model = neutralise_untrained_levels(linker.misc.save_model_to_json())
    model_path.parent.mkdir(parents=True, exist_ok=True)
    model_path.write_text(json.dumps(model, indent=2), encoding="utf-8")
    if charts_dir is not None:
        write_charts(linker, charts_dir)


def neutralise_untrained_levels(model: dict) -> dict:
    """Give each level that no EM pass trained an m equal to its u (a match weight of 0).

    Splink would otherwise score such a level with a default m, and a level this data set
    never showed (names swapped, in data where nobody swaps them) would weigh as if it had.
    """
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level") or level.get("m_probability") is not None:
                continue
            if level.get("u_probability") is not None:
                level["m_probability"] = level["u_probability"]
    return model


def deterministic_recall(
    model: dict, rules: list[model_settings.Rule], fill: dict[str, float]
) -> float | None:
    """The share of true matches that `rules` find, by the trained model.

    A rule finds a true pair when both records fill each of its columns and agree on it
    exactly: the product over its columns of fill rate squared times m(exact). Rules combine
    by inclusion and exclusion. None when a column has no trained exact-match level.
    """
    exact_m = {}
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            for column in fill:
                if level.get("sql_condition") == f'"{column}_l" = "{column}_r"':
                    exact_m[column] = level.get("m_probability")
    columns = {column for rule in rules for column in rule.columns}
    if not rules or any(exact_m.get(column) is None for column in columns):
        return None
    recall = 0.0
    for size in range(1, len(rules) + 1):
        for subset in itertools.combinations(rules, size):
            joint = math.prod(
                fill[column] ** 2 * exact_m[column]
                for column in {column for rule in subset for column in rule.columns}
            )
            recall += (-1) ** (size + 1) * joint
    return min(max(recall, 0.01), 1.0)


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
