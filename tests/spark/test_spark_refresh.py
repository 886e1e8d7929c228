"""A refresh on Spark (`make test-spark-refresh`; not in CI: four builds take about ten
minutes): the sample is built, then rebuilt from a copy with records changed, added and
removed, on each backend. After the refresh both hold the same customers under the same ids,
the same golden values and the same id registries: Spark's delete+insert and the golden
tables' pre-hook rewrite their tables as DuckDB's deletes do."""

from __future__ import annotations

import csv
import os
from collections import Counter

import pytest
from builds import (
    GOLDEN_TABLES,
    SAMPLE_DIR,
    assert_same_golden_values,
    assert_same_grouping,
    assert_same_ids,
    assert_same_rows,
    build_on_duckdb,
    build_on_spark,
    duckdb_rows,
    spark_rows,
    xref_rows,
)

from customer_identity.benchmarks.refresh import change_extracts

pytestmark = pytest.mark.skipif(
    not os.environ.get("SPARK_REFRESH_TEST"), reason="make test-spark-refresh runs it"
)
REMOVED_CRM_ROWS = 30


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory):
    """(DuckDB database, Spark warehouse), each built from the sample and then refreshed."""
    work = tmp_path_factory.mktemp("refresh")
    changed = work / "changed"
    change_extracts(SAMPLE_DIR, changed, fraction=0.1, seed=11)
    crm = changed / "crm_contacts.csv"
    with open(crm, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with open(crm, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows[REMOVED_CRM_ROWS:])
    database, warehouse = work / "duckdb.duckdb", work / "spark-warehouse"
    for extracts in (SAMPLE_DIR, changed):
        build_on_duckdb(extracts, database, work)
        build_on_spark(extracts, warehouse, work)
    return database, warehouse


@pytest.fixture(scope="module")
def xrefs(refreshed):
    return xref_rows(*refreshed)


def test_same_customers_under_the_same_ids(xrefs):
    assert_same_grouping(*xrefs)
    assert_same_ids(*xrefs)


@pytest.mark.parametrize(("table", "key_columns"), GOLDEN_TABLES)
def test_same_golden_values(refreshed, xrefs, table, key_columns):
    assert_same_golden_values(*refreshed, xrefs, table, key_columns)


@pytest.mark.parametrize(
    ("table", "key"),
    [("main.customer_id_map", "customer_id"), ("history.customer_assignment_state", "record_key")],
)
def test_same_registries(refreshed, table, key):
    database, warehouse = refreshed
    assert_same_rows(
        {row[key]: row for row in duckdb_rows(database, table)},
        {row[key]: row for row in spark_rows(warehouse, table)},
        table,
    )


def test_same_id_history(refreshed):
    database, warehouse = refreshed
    columns = ("event_type", "old_customer_id", "new_customer_id", "record_count")

    def events(rows):
        return Counter(tuple(row[column] for column in columns) for row in rows)

    on_duckdb = events(duckdb_rows(database, "main.customer_id_history"))
    assert {event[0] for event in on_duckdb} >= {"created", "split"}, "the refresh changed no id"
    assert on_duckdb == events(spark_rows(warehouse, "main.customer_id_history"))
