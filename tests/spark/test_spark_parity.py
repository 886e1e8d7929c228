"""The bundled sample built on local Spark groups records exactly as the DuckDB build does and
publishes the same golden values (`make test-spark`, in CI; needs the `spark` extra and
Java 17)."""

from __future__ import annotations

import pytest
from builds import (
    SAMPLE_DIR,
    assert_same_grouping,
    assert_same_rows,
    build_on_duckdb,
    build_on_spark,
    by_customer_records,
    duckdb_rows,
    spark_rows,
)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """(DuckDB database, Spark warehouse), both built from the sample."""
    work = tmp_path_factory.mktemp("parity")
    build_on_duckdb(SAMPLE_DIR, work / "duckdb.duckdb", work)
    build_on_spark(SAMPLE_DIR, work / "spark-warehouse", work)
    return work / "duckdb.duckdb", work / "spark-warehouse"


@pytest.fixture(scope="module")
def xrefs(builds):
    database, warehouse = builds
    return duckdb_rows(database, "main.customer_xref"), spark_rows(warehouse, "main.customer_xref")


def test_same_grouping_of_records(xrefs):
    assert_same_grouping(*xrefs)


def test_same_customer_ids(xrefs):
    # A first build numbers its customers in the order of their smallest record key.
    on_duckdb, on_spark = xrefs
    assert {(r["record_key"], r["customer_id"]) for r in on_duckdb} == {
        (r["record_key"], r["customer_id"]) for r in on_spark
    }


@pytest.mark.parametrize(
    ("table", "key_columns"),
    [("main.golden_customer", ()), ("main.golden_customer_lineage", ("attribute",))],
)
def test_same_golden_values(builds, xrefs, table, key_columns):
    database, warehouse = builds
    assert_same_rows(
        by_customer_records(duckdb_rows(database, table), xrefs[0], key_columns),
        by_customer_records(spark_rows(warehouse, table), xrefs[1], key_columns),
        table,
    )
