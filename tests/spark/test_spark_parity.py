"""The bundled sample built on local Spark groups records exactly as the DuckDB build does and
publishes the same golden values (`make test-spark`, in CI; needs the `spark` extra and
Java 17)."""

from __future__ import annotations

import pytest
from builds import (
    GOLDEN_TABLES,
    SAMPLE_DIR,
    assert_same_golden_values,
    assert_same_grouping,
    assert_same_ids,
    build_on_duckdb,
    build_on_spark,
    xref_rows,
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
    return xref_rows(*builds)


def test_same_grouping_of_records(xrefs):
    assert_same_grouping(*xrefs)


def test_same_customer_ids(xrefs):
    # A first build numbers its customers in the order of their smallest record key.
    assert_same_ids(*xrefs)


@pytest.mark.parametrize(("table", "key_columns"), GOLDEN_TABLES)
def test_same_golden_values(builds, xrefs, table, key_columns):
    assert_same_golden_values(*builds, xrefs, table, key_columns)
