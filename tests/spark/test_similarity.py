"""The similarity functions a Spark build calls (dbt macros and Splink's comparisons) give
exactly DuckDB's values: Jaro-Winkler from the project's own function (on any text: names
and streets), Damerau-Levenshtein and Levenshtein from Splink's jar and Spark on ASCII text
(the project gives them birth dates as digits; on other letters DuckDB counts UTF-8 bytes and
Spark characters). Pairs: names and streets of the sample, and random strings over a small
alphabet (many transpositions), with accented letters, and longer than 64 bytes."""

from __future__ import annotations

import random

import duckdb
import pytest
from builds import SAMPLE_DIR

# Spark function: (DuckDB function, whether the project calls it on any text or ASCII only).
FUNCTIONS = {
    "jaro_winkler": ("jaro_winkler_similarity", False),
    "damerau_levenshtein": ("damerau_levenshtein", True),
    "levenshtein": ("levenshtein", True),
}


def _pairs() -> list[tuple[str, str]]:
    rng = random.Random(20261123)
    names = [
        row[0].lower()
        for row in duckdb.sql(
            f"""
            select distinct value from (
                select unnest([FirstName, LastName, MailingStreet]) as value
                from read_csv('{SAMPLE_DIR / "crm_contacts.csv"}', all_varchar = true)
            )
            where value is not null
            """
        ).fetchall()
    ]
    pairs = [(rng.choice(names), rng.choice(names)) for _ in range(5000)]
    for alphabet, shortest, longest, count in (("abca", 1, 10, 5000), ("aéb", 1, 8, 2000)):
        pairs += [
            tuple(
                "".join(rng.choice(alphabet) for _ in range(rng.randint(shortest, longest)))
                for _ in range(2)
            )
            for _ in range(count)
        ]
    pairs += [
        tuple("".join(rng.choice("abcd") for _ in range(rng.randint(60, 90))) for _ in range(2))
        for _ in range(300)
    ]
    return [*pairs, ("julie", "juelie"), ("мария", "марья"), ("a", "a"), ("", "")]


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    from customer_identity.spark.session import spark_session

    session = spark_session(tmp_path_factory.mktemp("warehouse"), master="local[1]")
    yield session
    session.stop()


@pytest.mark.parametrize("spark_function", sorted(FUNCTIONS))
def test_same_values_as_duckdb(spark, spark_function):
    duckdb_function, ascii_only = FUNCTIONS[spark_function]
    pairs = [pair for pair in _pairs() if not ascii_only or "".join(pair).isascii()]
    with duckdb.connect() as connection:
        connection.execute("create table pairs (a varchar, b varchar)")
        connection.executemany("insert into pairs values (?, ?)", pairs)
        expected = connection.sql(f"select a, b, {duckdb_function}(a, b) from pairs").fetchall()
    spark.createDataFrame(pairs, "a string, b string").createOrReplaceTempView("pairs")
    found = {
        (row.a, row.b): row.value
        for row in spark.sql(f"select a, b, {spark_function}(a, b) as value from pairs").collect()
    }
    differing = [(a, b, value, found[(a, b)]) for a, b, value in expected if found[(a, b)] != value]
    assert not differing, f"{len(differing)} of {len(pairs)} pairs differ, e.g. {differing[:5]}"
