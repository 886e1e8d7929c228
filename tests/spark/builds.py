"""Builds of one set of extracts on DuckDB and on local Spark, and the readers that compare
them. The Spark tables are read from their Parquet files in the warehouse
(`<schema>.db/<table>/`), so no second Spark session is started for a comparison."""

from __future__ import annotations

import datetime as dt
import decimal
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parents[2]
CLI = Path(sys.executable).parent / "customer-identity"
DBT = Path(sys.executable).parent / "dbt"
SAMPLE_DIR = PROJECT_DIR / "data" / "sample"
SAMPLE_MODEL = PROJECT_DIR / "linkage" / "sample_model.json"
# Columns that say when or in which run a row was written: they differ between any two
# builds, so they are no result to compare.
RUN_COLUMNS = frozenset(
    {"refreshed_at", "assigned_at", "assigned_in_run_id", "updated_at", "first_published_at"}
)


def _run(command: list[str], work: Path, target: str) -> None:
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(PROJECT_DIR),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "DBT_TARGET_PATH": str(work / f"target-{target}"),
        "DBT_LOG_PATH": str(work / f"logs-{target}"),
        "DBT_TARGET": target,
    }
    completed = subprocess.run(command, cwd=PROJECT_DIR, env=env, check=False)
    assert completed.returncode == 0, f"{' '.join(command[:2])} failed"


def _vars(extracts: Path) -> str:
    return f'{{raw_data_dir: "{extracts}", linkage_model_path: "{SAMPLE_MODEL}"}}'


def build_on_duckdb(extracts: Path, database: Path, work: Path) -> None:
    """`make run`'s build of `extracts` into `database` (the committed sample model)."""
    command = [str(CLI), "build", "--database", str(database), "--"]
    _run([*command, str(DBT), "build", "--vars", _vars(extracts)], work, "duckdb")


def build_on_spark(extracts: Path, warehouse: Path, work: Path) -> None:
    """`DBT_TARGET=spark make run`'s build of `extracts` into `warehouse`, without dbt's data
    tests: the DuckDB build runs them, and the tests compare the two builds' tables."""
    command = [str(CLI), "spark-build", "--warehouse", str(warehouse), "--skip-data-tests"]
    _run([*command, "--", "--vars", _vars(extracts)], work, "spark")


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


def _rows(connection: duckdb.DuckDBPyConnection, query: str) -> list[dict]:
    table = connection.sql(query).to_arrow_table()
    return [
        {k: _plain(v) for k, v in row.items() if k not in RUN_COLUMNS} for row in table.to_pylist()
    ]


def duckdb_rows(database: Path, table: str) -> list[dict]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return _rows(connection, f"select * from {table}")


def spark_rows(warehouse: Path, table: str) -> list[dict]:
    schema, name = table.split(".")
    files = warehouse / f"{schema}.db" / name / "*.parquet"
    with duckdb.connect() as connection:
        return _rows(connection, f"select * from read_parquet('{files}')")


def customer_records(xref: list[dict]) -> dict[str, frozenset[str]]:
    """Each customer id's records, from customer_xref rows."""
    records: dict[str, set[str]] = defaultdict(set)
    for row in xref:
        if row["customer_id"] is not None:
            records[row["customer_id"]].add(row["record_key"])
    return {customer_id: frozenset(keys) for customer_id, keys in records.items()}


def assert_same_grouping(on_duckdb: list[dict], on_spark: list[dict]) -> None:
    """Both customer_xref tables hold the same records and group them into the same customers."""
    assert len(on_duckdb) == len(on_spark)
    unassigned = {r["record_key"] for r in on_duckdb if r["customer_id"] is None}
    assert unassigned == {r["record_key"] for r in on_spark if r["customer_id"] is None}
    duckdb_groups = set(customer_records(on_duckdb).values())
    spark_groups = set(customer_records(on_spark).values())
    only_duckdb, only_spark = duckdb_groups - spark_groups, spark_groups - duckdb_groups
    assert not only_duckdb and not only_spark, (
        f"{len(only_duckdb)} DuckDB customers and {len(only_spark)} Spark customers differ, "
        f"e.g. {sorted(map(sorted, only_duckdb))[:3]} vs {sorted(map(sorted, only_spark))[:3]}"
    )


def by_customer_records(rows: list[dict], xref: list[dict], key_columns: tuple[str, ...]) -> dict:
    """Rows keyed by their customer's records (and `key_columns`), ids left out: the same
    customer is compared across backends even where its id differs."""
    groups = customer_records(xref)
    keyed = {}
    for row in rows:
        key = (groups.get(row["customer_id"]), *(row[column] for column in key_columns))
        keyed[key] = {k: v for k, v in row.items() if k not in ("customer_id", "cell_id")}
    assert len(keyed) == len(rows), "rows repeat a customer and key"
    return keyed


def assert_same_rows(on_duckdb: dict, on_spark: dict, table: str) -> None:
    """Two tables keyed alike hold the same keys and the same values under each."""
    assert on_duckdb.keys() == on_spark.keys(), (
        f"{table}: {len(on_duckdb.keys() - on_spark.keys())} keys only on DuckDB, "
        f"{len(on_spark.keys() - on_duckdb.keys())} only on Spark"
    )
    differing = [
        (key, column, value, on_spark[key].get(column))
        for key, row in on_duckdb.items()
        for column, value in row.items()
        if on_spark[key].get(column) != value
    ]
    assert not differing, f"{len(differing)} cells of {table} differ, e.g. {differing[:5]}"


# The golden tables and the columns that key a row within its customer.
GOLDEN_TABLES = [("main.golden_customer", ()), ("main.golden_customer_lineage", ("attribute",))]


def xref_rows(database: Path, warehouse: Path) -> tuple[list[dict], list[dict]]:
    """customer_xref of the DuckDB build and of the Spark build."""
    return duckdb_rows(database, "main.customer_xref"), spark_rows(warehouse, "main.customer_xref")


def assert_same_ids(on_duckdb: list[dict], on_spark: list[dict]) -> None:
    """Every record belongs to the customer of the same id on both backends."""
    assert {(r["record_key"], r["customer_id"]) for r in on_duckdb} == {
        (r["record_key"], r["customer_id"]) for r in on_spark
    }


def assert_same_golden_values(
    database: Path, warehouse: Path, xrefs: tuple, table: str, key_columns: tuple[str, ...]
) -> None:
    """A golden table holds the same values per customer (by its records) on both backends."""
    assert_same_rows(
        by_customer_records(duckdb_rows(database, table), xrefs[0], key_columns),
        by_customer_records(spark_rows(warehouse, table), xrefs[1], key_columns),
        table,
    )
