"""Splink's view of the DuckDB database that dbt builds.

Splink writes scratch tables; they go to a work schema of their own, dropped afterwards, so
they never mix with dbt's relations (and Splink's `SET schema` stays on its own cursor).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import duckdb
from splink import DuckDBAPI

WORK_SCHEMA = "splink_work"


@contextlib.contextmanager
def splink_session(
    connection: duckdb.DuckDBPyConnection, input_sql: str
) -> Iterator[tuple[DuckDBAPI, str, duckdb.DuckDBPyConnection]]:
    """A Splink API on its own cursor, with `input_sql` as the view `<work>.linkage_input`."""
    cursor = connection.cursor()
    cursor.execute(f"drop schema if exists {WORK_SCHEMA} cascade")
    cursor.execute(f"create schema {WORK_SCHEMA}")
    cursor.execute(f"create view {WORK_SCHEMA}.linkage_input as {input_sql}")
    try:
        yield DuckDBAPI(connection=cursor, output_schema=WORK_SCHEMA), "linkage_input", cursor
    finally:
        cursor.execute(f"drop schema if exists {WORK_SCHEMA} cascade")
        cursor.close()


def fill_rates(
    connection: duckdb.DuckDBPyConnection, relation: str, columns: tuple[str, ...]
) -> dict[str, float]:
    """The share of the rows of `relation` that hold a value (a non-empty list, for lists) in
    each of `columns`."""
    types = dict(
        connection.execute(f"select column_name, column_type from (describe {relation})").fetchall()
    )
    missing = [column for column in columns if column not in types]
    if missing:
        raise ValueError(f"{relation} lacks the linkage columns {missing}")
    counts = ", ".join(
        f"count(*) filter (where len({c}) > 0)" if types[c].endswith("[]") else f"count({c})"
        for c in columns
    )
    total, *row = connection.execute(f"select count(*), {counts} from {relation}").fetchall()[0]
    return {column: count / max(total, 1) for column, count in zip(columns, row, strict=True)}
