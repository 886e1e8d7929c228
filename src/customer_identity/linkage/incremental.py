"""Score only the records that changed since the last run.

A refresh reads every extract in full, but most records are as they were. Each record of the
linkage input carries `linkage_hash`, a fingerprint of the values the model compares. After
every scoring run the fingerprints are kept in a state table beside the pairs, with a
fingerprint of the model file. The next run scores only new and changed records: against
each other (Splink's `predict_within`) and against every unchanged record
(`predict_between`), with term frequencies taken from all records. Pairs that involve a
changed or removed record are deleted from the pairs table first; the new pairs are then
appended by dbt. A new model file, a missing state table or a full refresh scores
everything again.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
from splink import Linker

from customer_identity.linkage.database import WORK_SCHEMA, splink_session
from customer_identity.linkage.predict import PAIR_SCHEMA, pairs_table

log = logging.getLogger(__name__)

FINGERPRINT_COLUMN = "linkage_hash"
KEY_COLUMN = "record_key"


@dataclass(frozen=True)
class ScoringOutcome:
    """What one scoring run did."""

    pairs: pa.Table
    records: int
    scored_records: int
    full: bool


def model_fingerprint(model_path: Path) -> str:
    """A fingerprint of the trained model file: new parameters mean new scores."""
    return hashlib.sha256(model_path.read_bytes()).hexdigest()


def _relation_exists(cursor: duckdb.DuckDBPyConnection, relation: str) -> bool:
    schema, _, name = relation.replace('"', "").rpartition(".")
    schema = schema.rpartition(".")[2]
    found = cursor.execute(
        "select count(*) from duckdb_tables() where schema_name = ? and table_name = ?",
        [schema, name],
    ).fetchall()
    return found[0][0] > 0


def score_changed_records(
    connection: duckdb.DuckDBPyConnection,
    input_sql: str,
    model_path: Path,
    minimum_probability: float,
    pairs_relation: str | None,
    state_relation: str,
) -> ScoringOutcome:
    """Pairs to add to `pairs_relation` (None on a first or full build, scoring everything).

    `state_relation` keeps the fingerprints of the records as scored; it is replaced at the end.
    """
    fingerprint = model_fingerprint(model_path)
    with splink_session(connection, input_sql) as (db_api, table, cursor):
        input_table = f"{WORK_SCHEMA}.{table}"
        record_count = cursor.execute(f"select count(*) from {input_table}").fetchall()[0][0]
        incremental = (
            pairs_relation is not None
            and _relation_exists(cursor, state_relation)
            and cursor.execute(
                f"select count(*) from {state_relation} where model_fingerprint != ?",
                [fingerprint],
            ).fetchall()[0][0]
            == 0
        )
        if pairs_relation is not None and not incremental:
            cursor.execute(f"delete from {pairs_relation}")
        cursor.execute(
            f"""
            create table {WORK_SCHEMA}.changed_records as
            select {KEY_COLUMN} from {input_table}
            {
                f'''
                except
                select {KEY_COLUMN} from {input_table}
                semi join {state_relation} as scored
                    using ({KEY_COLUMN}, {FINGERPRINT_COLUMN})
                '''
                if incremental
                else ""
            }
            """
        )
        changed = cursor.execute(f"select count(*) from {WORK_SCHEMA}.changed_records").fetchall()[
            0
        ][0]
        if incremental:
            # Pairs of a changed or removed record are stale; the rest stand as scored.
            cursor.execute(
                f"""
                create table {WORK_SCHEMA}.stale_records as
                select {KEY_COLUMN} from {WORK_SCHEMA}.changed_records
                union
                select {KEY_COLUMN} from {state_relation}
                anti join {input_table} using ({KEY_COLUMN})
                """
            )
            cursor.execute(
                f"""
                delete from {pairs_relation}
                where record_key_l in (select {KEY_COLUMN} from {WORK_SCHEMA}.stale_records)
                    or record_key_r in (select {KEY_COLUMN} from {WORK_SCHEMA}.stale_records)
                """
            )
        if changed == 0 or record_count < 2:
            pairs = PAIR_SCHEMA.empty_table()
        elif not incremental or changed == record_count:
            linker = Linker(db_api.register(table), str(model_path), log_level=logging.WARNING)
            predictions = linker.inference.predict(threshold_match_probability=minimum_probability)
            pairs = pairs_table(cursor, predictions.physical_name)
        else:
            pairs = _score_against_the_rest(db_api, cursor, table, model_path, minimum_probability)
        cursor.execute(
            f"""
            create or replace table {state_relation} as
            select {KEY_COLUMN}, {FINGERPRINT_COLUMN}, ? as model_fingerprint
            from {input_table}
            """,
            [fingerprint],
        )
    log.info(
        "scored %s of %s records (%s): %s pairs",
        changed,
        record_count,
        "changed only" if incremental else "all",
        pairs.num_rows,
    )
    return ScoringOutcome(pairs, record_count, changed, not incremental)


def _score_against_the_rest(db_api, cursor, table, model_path, minimum_probability) -> pa.Table:
    """Changed records against each other and against every unchanged record."""
    for name, condition in (("changed_input", "semi"), ("unchanged_input", "anti")):
        cursor.execute(
            f"""
            create view {WORK_SCHEMA}.{name} as
            select * from {WORK_SCHEMA}.{table}
            {condition} join {WORK_SCHEMA}.changed_records using ({KEY_COLUMN})
            """
        )
    linker = Linker(db_api.register(table), str(model_path), log_level=logging.WARNING)
    # Term frequencies come from every record, as a full build computes them.
    for column in linker._settings_obj._term_frequency_columns:
        linker.table_management.compute_tf_table(column.unquote().name)
    changed = db_api.register("changed_input")
    unchanged = db_api.register("unchanged_input")
    within = linker.inference.predict_within(
        changed, threshold_match_probability=minimum_probability, warning_mode="never"
    )
    between = linker.inference.predict_between(
        changed, unchanged, threshold_match_probability=minimum_probability, warning_mode="never"
    )
    return pa.concat_tables(
        [pairs_table(cursor, within.physical_name), pairs_table(cursor, between.physical_name)]
    )
