"""The bundled sample built on local Spark groups records exactly as the DuckDB build does and
publishes the same golden values (`make test-spark`; needs the `spark` extra and Java 17)."""

from __future__ import annotations

import datetime as dt
import decimal
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
CLI = Path(sys.executable).parent / "customer-identity"
DBT = Path(sys.executable).parent / "dbt"
VARS = '{raw_data_dir: "data/sample", linkage_model_path: "linkage/sample_model.json"}'


def _run(command: list[str], env: dict[str, str]) -> None:
    completed = subprocess.run(command, cwd=PROJECT_DIR, env={**os.environ, **env}, check=False)
    assert completed.returncode == 0, f"{' '.join(command[:2])} failed"


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """(DuckDB database, Spark session over the Spark warehouse), both built from the sample."""
    work = tmp_path_factory.mktemp("parity")
    env = {"DBT_PROFILES_DIR": str(PROJECT_DIR), "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"}
    database = work / "duckdb.duckdb"
    _run(
        [str(CLI), "build", "--database", str(database), "--", str(DBT), "build", "--vars", VARS],
        {**env, "DBT_TARGET": "duckdb"},
    )
    warehouse = work / "spark-warehouse"
    _run(
        [str(CLI), "spark-build", "--warehouse", str(warehouse), "--", "--vars", VARS],
        {**env, "DBT_TARGET": "spark"},
    )
    from customer_identity.spark.session import spark_session

    spark = spark_session(warehouse, master="local[2]")
    yield database, spark
    spark.stop()


def _plain(value):
    """A value as both backends can agree on it: text, numbers as Decimal, times in UTC."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (float, decimal.Decimal)) and not isinstance(value, bool):
        return decimal.Decimal(str(value)).normalize()
    return value


def _duckdb_rows(database: Path, query: str) -> list[dict]:
    with duckdb.connect(str(database), read_only=True) as connection:
        table = connection.sql(query).to_arrow_table()
    return [{k: _plain(v) for k, v in row.items()} for row in table.to_pylist()]


def _spark_rows(spark, query: str) -> list[dict]:
    return [
        {k: _plain(v) for k, v in row.items()} for row in spark.sql(query).toArrow().to_pylist()
    ]


def _partition(rows: list[dict]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row["customer_id"] is not None:
            groups[row["customer_id"]].add(row["record_key"])
    return {frozenset(group) for group in groups.values()}


def test_same_grouping_of_records(builds):
    database, spark = builds
    query = "select record_key, customer_id from main.customer_xref"
    on_duckdb, on_spark = _duckdb_rows(database, query), _spark_rows(spark, query)
    assert len(on_duckdb) == len(on_spark)
    unassigned = {r["record_key"] for r in on_duckdb if r["customer_id"] is None}
    assert unassigned == {r["record_key"] for r in on_spark if r["customer_id"] is None}
    duckdb_groups, spark_groups = _partition(on_duckdb), _partition(on_spark)
    only_duckdb, only_spark = duckdb_groups - spark_groups, spark_groups - duckdb_groups
    assert not only_duckdb and not only_spark, (
        f"{len(only_duckdb)} DuckDB customers and {len(only_spark)} Spark customers differ, "
        f"e.g. {sorted(map(sorted, only_duckdb))[:3]} vs {sorted(map(sorted, only_spark))[:3]}"
    )
    # Customer ids are a hash of the cluster's smallest record key: the same on both.
    assert {(r["record_key"], r["customer_id"]) for r in on_duckdb} == {
        (r["record_key"], r["customer_id"]) for r in on_spark
    }


def test_same_golden_values(builds):
    database, spark = builds
    query = "select * from main.golden_customer"
    on_duckdb = {row["customer_id"]: row for row in _duckdb_rows(database, query)}
    on_spark = {row["customer_id"]: row for row in _spark_rows(spark, query)}
    assert on_duckdb.keys() == on_spark.keys()
    differing = [
        (customer_id, column, value, on_spark[customer_id].get(column))
        for customer_id, row in on_duckdb.items()
        for column, value in row.items()
        if on_spark[customer_id].get(column) != value
    ]
    assert not differing, f"{len(differing)} golden cells differ, e.g. {differing[:5]}"
