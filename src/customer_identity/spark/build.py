"""`dbt build` on Spark, with the linkage steps between its invocations.

One Spark session serves everything: dbt-spark's `session` method picks up the session this
process started (getOrCreate), so the dbt invocations run in-process through dbtRunner and
the tables they write are read by the linkage steps directly. The order:

1. dbt: everything upstream of the linkage (staging, identifiers, linkage input).
2. Python: Splink scores pairs -> int_identity_pairs_scored.
3. dbt: that model's tests and the models after it, up to the linked edges.
4. Python: clustering -> int_identity_profile_clusters.
5. dbt: that model's tests and the models after it, up to the proposed clusters.
6. Python: steward decisions on conversations -> int_identity_interactions_decided.
7. dbt: that model's tests and everything after it (marts).

When new erasure requests resolved to more records, the whole sequence runs once more, as
`make run` does on DuckDB. Unlike the DuckDB build, tables are replaced as they are built:
there is no atomic publish of the whole run on Spark.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

from dbt.cli.main import dbtRunner

from customer_identity.linkage.clustering import ClusterCaps
from customer_identity.spark import linkage
from customer_identity.spark.session import spark_session

log = logging.getLogger(__name__)

PACKAGE = "customer_identity"
PAIRS_MODEL = "int_identity_pairs_scored"
CLUSTERS_MODEL = "int_identity_profile_clusters"
DECIDED_MODEL = "int_identity_interactions_decided"


class SparkBuildError(RuntimeError):
    """A dbt invocation or a linkage step failed."""


def _invoke(args: Sequence[str], manifest=None):
    result = dbtRunner(manifest=manifest).invoke(list(args))
    if not result.success:
        raise SparkBuildError(f"dbt {' '.join(args[:1])} failed: {result.exception or 'see above'}")
    return result.result


def build_on_spark(
    warehouse: Path, dbt_args: Sequence[str] = (), *, data_tests: bool = True
) -> None:
    """Run the project's build on the Spark session over `warehouse`; `dbt_args` are passed
    to every dbt invocation (e.g. --vars). Without `data_tests`, only seeds and models are
    built (unit tests always run on DuckDB only)."""
    os.environ.setdefault("DBT_TARGET", "spark")
    spark = spark_session(warehouse)
    excluded = ["unit_test"] if data_tests else ["unit_test", "test"]
    common = [*dbt_args, "--exclude-resource-type", *excluded]
    manifest = _invoke(["parse", *dbt_args])
    nodes = {node.name: node for node in manifest.nodes.values() if node.resource_type == "model"}

    def table(name: str) -> str:
        return f"{nodes[name].schema}.{nodes[name].alias}"

    pairs, clusters = nodes[PAIRS_MODEL], nodes[CLUSTERS_MODEL]
    metrics = table("identity_metrics")
    for attempt in (1, 2):
        _invoke(["build", *common, "--exclude", f"{PAIRS_MODEL}+", f"{CLUSTERS_MODEL}+"], manifest)
        linkage.score_pairs(
            spark,
            table("int_identity_records_for_linkage"),
            table(PAIRS_MODEL),
            Path(pairs.config.get("linkage_model_path")),
            float(pairs.config.get("review_threshold")),
        )
        _invoke(
            [
                "build",
                *common,
                "--select",
                f"{PAIRS_MODEL}+",
                "--exclude",
                f"{PAIRS_MODEL},resource_type:model",
                f"{CLUSTERS_MODEL}+",
            ],
            manifest,
        )
        linkage.cluster_records(
            spark,
            table("int_identity_records_for_linkage"),
            table("int_identity_edges_linked"),
            table("int_identity_steward_decisions_latest"),
            table(CLUSTERS_MODEL),
            ClusterCaps(
                max_records=int(clusters.config.get("max_profile_records_per_customer")),
                max_birth_dates=int(clusters.config.get("max_birth_dates_per_customer")),
                split_link_strength=float(clusters.config.get("split_link_strength")),
            ),
        )
        _invoke(
            [
                "build",
                *common,
                "--select",
                f"{CLUSTERS_MODEL}+",
                "--exclude",
                f"{CLUSTERS_MODEL},resource_type:model",
                f"{DECIDED_MODEL}+",
            ],
            manifest,
        )
        linkage.decide_interactions(
            spark,
            table("int_identity_clusters_proposed"),
            table("int_identity_steward_decisions_latest"),
            table("int_identity_records_unioned"),
            table(DECIDED_MODEL),
        )
        _invoke(
            [
                "build",
                *common,
                "--select",
                f"{DECIDED_MODEL}+",
                "--exclude",
                f"{DECIDED_MODEL},resource_type:model",
            ],
            manifest,
        )
        pending = spark.sql(
            f"select coalesce(sum(metric_value), 0) as pending from {metrics} "
            "where metric = 'erasure_pending_records'"
        ).first()["pending"]
        if not pending or attempt == 2:
            break
        print("erasure requests resolved to more records: masking them in a second pass")
    for row in spark.sql(
        f"select metric, dimension, metric_value from {metrics} order by 1, 2"
    ).collect():
        print(f"  {row['metric']} {row['dimension']}: {row['metric_value']:g}")
