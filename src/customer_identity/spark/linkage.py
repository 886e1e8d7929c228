"""The linkage steps on Spark: Splink scores pairs with its Spark backend, records are
clustered along the linked edges, and steward decisions on conversations are applied. They
read and write the same tables the dbt Python models int_identity_pairs_scored,
int_identity_profile_clusters and int_identity_interactions_decided build on DuckDB."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import duckdb
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import ArrayType
from splink import Linker, SparkAPI

from customer_identity.linkage import settings as model_settings
from customer_identity.linkage.clustering import ClusterCaps, connected_components
from customer_identity.linkage.predict import PAIR_SCHEMA
from customer_identity.linkage.stewardship import DECIDED_SCHEMA, decide, named_records
from customer_identity.linkage.train import NotEnoughDataToTrain, train_linker

log = logging.getLogger(__name__)


def fill_rates(records: DataFrame, columns: tuple[str, ...]) -> dict[str, float]:
    """The share of the rows of `records` that hold a value (a non-empty array, for arrays)
    in each of `columns`."""
    types = {field.name: field.dataType for field in records.schema.fields}
    missing = [column for column in columns if column not in types]
    if missing:
        raise ValueError(f"the linkage input lacks the columns {missing}")

    def has_value(column: str):
        if isinstance(types[column], ArrayType):
            return F.when(F.size(column) > 0, 1)
        return F.col(column)

    counts = records.agg(
        F.count(F.lit(1)).alias("__rows"),
        *[F.count(has_value(column)).alias(column) for column in columns],
    ).first()
    return {column: counts[column] / max(counts["__rows"], 1) for column in columns}


def score_pairs(
    spark: SparkSession,
    records_table: str,
    output_table: str,
    model_path: Path,
    minimum_probability: float,
) -> int:
    """Write the pairs of `records_table` that the model scores at or above
    `minimum_probability` to `output_table` (the columns of int_identity_pairs_scored);
    train the model first when `model_path` does not exist. Returns the number of pairs."""
    records = spark.table(records_table)
    fill = fill_rates(records, model_settings.LINKAGE_COLUMNS)
    filled = {column for column, rate in fill.items() if rate}
    db_api = SparkAPI(
        spark_session=spark,
        break_lineage_method="parquet",
        register_udfs_automatically=False,
    )
    enough_records = records.count() >= 2
    trained = model_path.exists()
    if not trained and enough_records:
        log.info("no linkage model at %s: training one on this data set", model_path)
        try:
            train_linker(db_api.register(records), filled, model_path, fill=fill)
            trained = True
        except NotEnoughDataToTrain as error:
            log.warning(error.fallback_message())
    if not (enough_records and trained):
        pairs = spark.createDataFrame(PAIR_SCHEMA.empty_table())
    else:
        settings = model_settings.settings_for_dialect(
            filled, json.loads(model_path.read_text()), "spark"
        )
        linker = Linker(db_api.register(records), settings, log_level=logging.WARNING)
        predictions = linker.inference.predict(
            threshold_match_probability=minimum_probability
        ).as_spark_dataframe()
        weight_columns = [
            c for c in predictions.columns if c.startswith("mw_") and not c.startswith("mw_tf")
        ]
        weights = (
            F.to_json(
                F.struct(*[F.round(c, 2).alias(c[3:]) for c in weight_columns]),
                {"ignoreNullFields": "false"},
            )
            if weight_columns
            else F.lit(None).cast("string")
        )
        pairs = predictions.select(
            F.col("record_key_l").cast("string"),
            F.col("record_key_r").cast("string"),
            F.col("match_weight").cast("double"),
            F.col("match_probability").cast("double"),
            F.col("match_key").cast("string").alias("blocking_rule"),
            weights.alias("comparison_match_weights"),
        )
    pairs.write.mode("overwrite").saveAsTable(output_table)
    count = spark.table(output_table).count()
    log.info("scored %s pairs", count)
    return count


def cluster_records(
    spark: SparkSession,
    nodes_table: str,
    edges_table: str,
    decisions_table: str,
    output_table: str,
    caps: ClusterCaps,
) -> int:
    """Cluster the records of `nodes_table` along `edges_table` with the DuckDB clustering
    code (the same cuts and caps), on the driver: nodes and edges are two short columns each,
    so tens of millions of records fit in memory. Writes `output_table` (the columns of
    int_identity_profile_clusters); returns its row count."""
    nodes = spark.table(nodes_table).select("record_key", "date_of_birth").toArrow()
    edges = spark.table(edges_table).select("record_key_l", "record_key_r", "link_strength")
    cannot_link = (
        spark.table(decisions_table)
        .where("decision = 'no_match'")
        .select("record_key_l", "record_key_r")
        .toArrow()
    )
    edges = edges.toArrow()
    with duckdb.connect() as connection:
        # Tables, not registered views: the clustering code works on its own cursor.
        for name, table in (("nodes_in", nodes), ("edges_in", edges), ("cannot_in", cannot_link)):
            connection.register(f"{name}_arrow", table)
            connection.execute(f"create table {name} as select * from {name}_arrow")
        clusters = connected_components(
            connection,
            "select * from nodes_in",
            "select * from edges_in",
            "select * from cannot_in",
            caps,
        )
    spark.createDataFrame(clusters).write.mode("overwrite").saveAsTable(output_table)
    return clusters.num_rows


def decide_interactions(
    spark: SparkSession,
    proposed_table: str,
    decisions_table: str,
    records_table: str,
    output_table: str,
) -> int:
    """Apply the steward decisions that name conversations with the DuckDB code
    (customer_identity.linkage.stewardship), on the driver: it reads only the decisions and
    the records of the customers they name. Writes `output_table` (the columns of
    int_identity_interactions_decided); returns its row count."""
    decision_rows = [
        tuple(row)
        for row in spark.table(decisions_table)
        .select(
            "record_key_l",
            "record_key_r",
            "decision",
            "decided_by",
            F.col("decided_at").cast("string"),
        )
        .collect()
    ]
    decided = DECIDED_SCHEMA.empty_table()
    if decision_rows:
        named = named_records(decision_rows)
        proposed = spark.table(proposed_table)
        clusters = [
            row["cluster_key"]
            for row in proposed.where(F.col("record_key").isin(named))
            .where(F.col("cluster_key").isNotNull())
            .select("cluster_key")
            .distinct()
            .collect()
        ]
        started = spark.table(records_table).select(
            "record_key", F.col("first_seen_at").cast("string").alias("started_at")
        )
        proposed_rows = [
            tuple(row)
            for row in proposed.where(
                F.col("record_key").isin(named) | F.col("cluster_key").isin(clusters)
            )
            .join(started, "record_key")
            .select("record_key", "is_profile", "cluster_key", "started_at")
            .collect()
        ]
        decided = decide(decision_rows, proposed_rows)
    spark.createDataFrame(decided).write.mode("overwrite").saveAsTable(output_table)
    return decided.num_rows
