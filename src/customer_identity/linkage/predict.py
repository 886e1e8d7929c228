"""Score candidate pairs with a trained Splink model.

Returns one row per pair at or above a minimum probability, with the per-comparison match
weights as JSON so stewards can see what drove a score.
"""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb
import pyarrow as pa
from splink import Linker

from customer_identity.linkage.database import splink_session

log = logging.getLogger(__name__)

PAIR_SCHEMA = pa.schema(
    [
        ("record_key_l", pa.string()),
        ("record_key_r", pa.string()),
        ("match_weight", pa.float64()),
        ("match_probability", pa.float64()),
        ("blocking_rule", pa.string()),
        ("comparison_match_weights", pa.string()),
    ]
)


def predict_pairs(
    connection: duckdb.DuckDBPyConnection,
    input_sql: str,
    model_path: Path,
    minimum_probability: float,
) -> pa.Table:
    """Pairs of `input_sql` records that the model scores at or above `minimum_probability`."""
    with splink_session(connection, input_sql) as (db_api, table, cursor):
        record_count = cursor.execute(f"select count(*) from {table}").fetchall()[0][0]
        if record_count < 2:
            return PAIR_SCHEMA.empty_table()
        linker = Linker(db_api.register(table), str(model_path), log_level=logging.WARNING)
        predictions = linker.inference.predict(threshold_match_probability=minimum_probability)
        table_out = pairs_table(cursor, predictions.physical_name)
        log.info("scored %s pairs among %s records", table_out.num_rows, record_count)
        return table_out


def pairs_table(cursor: duckdb.DuckDBPyConnection, predictions_table: str) -> pa.Table:
    """Splink's predictions as PAIR_SCHEMA rows (the smaller record key on the left), with
    each comparison's match weight as JSON."""
    columns = [
        row[0]
        for row in cursor.execute(
            f"select column_name from (describe {predictions_table})"
        ).fetchall()
    ]
    weight_columns = [c for c in columns if c.startswith("mw_") and not c.startswith("mw_tf")]
    weights_json = (
        "to_json(struct_pack("
        + ", ".join(f"{c[3:]} := round({c}, 2)" for c in weight_columns)
        + "))"
        if weight_columns
        else "cast(null as json)"
    )
    return (
        cursor.sql(
            f"""
            select
                least(record_key_l, record_key_r) as record_key_l,
                greatest(record_key_l, record_key_r) as record_key_r,
                cast(match_weight as double) as match_weight,
                cast(match_probability as double) as match_probability,
                cast(match_key as varchar) as blocking_rule,
                cast({weights_json} as varchar) as comparison_match_weights
            from {predictions_table}
            """
        )
        .to_arrow_table()
        .cast(PAIR_SCHEMA)
    )
