"""Splink's comparison viewer and cluster studio dashboards for the review queue."""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb
from splink import Linker
from splink.internals.duckdb.dataframe import DuckDBDataFrame

from customer_identity.linkage.database import WORK_SCHEMA, splink_session

log = logging.getLogger(__name__)

RECORDS_SQL = "select * from identity.int_identity_records_for_linkage"


def write_review_report(
    database: Path, model_path: Path, out_dir: Path, max_customers: int = 20
) -> list[Path]:
    """Write the dashboards for the pairs in identity_review_queue; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(database)) as connection:
        queued = connection.execute("select count(*) from main.identity_review_queue").fetchall()
        if queued[0][0] == 0:
            log.info("the review queue is empty: no dashboards written")
            return []
        with splink_session(connection, RECORDS_SQL) as (db_api, table, cursor):
            linker = Linker(db_api.register(table), str(model_path), log_level=logging.WARNING)
            threshold = cursor.execute(
                "select min(match_probability) from main.identity_review_queue"
            ).fetchall()[0][0]
            predictions = linker.inference.predict(threshold_match_probability=threshold)
            cursor.execute(
                f"""
                create table {WORK_SCHEMA}.queued_predictions as
                select predictions.*
                from {predictions.physical_name} as predictions
                join main.identity_review_queue as queue
                    on least(predictions.record_key_l, predictions.record_key_r)
                        = least(split_part(queue.review_pair_id, '|', 1),
                                split_part(queue.review_pair_id, '|', 2))
                    and greatest(predictions.record_key_l, predictions.record_key_r)
                        = greatest(split_part(queue.review_pair_id, '|', 1),
                                   split_part(queue.review_pair_id, '|', 2))
                """
            )
            # The viewer's SQL reads its input under Splink's own name for predictions.
            queued_predictions = DuckDBDataFrame(
                "__splink__df_predict", "queued_predictions", db_api
            )
            viewer = out_dir / "comparison_viewer.html"
            linker.visualisations.comparison_viewer_dashboard(
                queued_predictions, str(viewer), overwrite=True
            )
            cursor.execute(
                f"""
                create table {WORK_SCHEMA}.queued_clusters as
                select records.*, assignments.customer_id as cluster_id
                from {WORK_SCHEMA}.{table} as records
                join main.customer_xref as assignments using (record_key)
                where assignments.customer_id in (
                    select customer_id_l from main.identity_review_queue
                    union
                    select customer_id_r from main.identity_review_queue
                )
                """
            )
            top_customers = [
                row[0]
                for row in cursor.execute(
                    f"""
                    select customer_id from (
                        select customer_id_l as customer_id, review_priority
                        from main.identity_review_queue
                        union all
                        select customer_id_r, review_priority from main.identity_review_queue
                    )
                    group by customer_id
                    order by max(review_priority) desc, customer_id
                    limit {int(max_customers)}
                    """
                ).fetchall()
            ]
            studio = out_dir / "cluster_studio.html"
            linker.visualisations.cluster_studio_dashboard(
                predictions,
                db_api.register(f"{WORK_SCHEMA}.queued_clusters"),
                str(studio),
                cluster_ids=top_customers,
                overwrite=True,
            )
    return [viewer, studio]
