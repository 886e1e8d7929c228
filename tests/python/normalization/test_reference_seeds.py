"""The reference seeds: up to date, loaded as text, tested, and usable before they are loaded."""

from __future__ import annotations

import csv

from .conftest import PROJECT_DIR
from .generate_reference_seeds import alias_rows, country_rows, lookup_key

SEED_DIR = PROJECT_DIR / "seeds" / "reference"
USING_THE_SEEDS = (
    "select {{ normalize_phone_e164('raw_phone', 'country') }} as e164, "
    "{{ normalize_country('country') }} as country_code from corpus"
)


def _csv(name: str) -> list[dict[str, str]]:
    with (SEED_DIR / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_seed_files_match_the_installed_babel_and_phonenumbers():
    countries = country_rows()
    assert _csv("country_reference") == countries
    assert _csv("country_aliases") == alias_rows(countries)


def test_alias_keys_do_not_collide_with_other_countries():
    owner = {}
    for row in _csv("country_reference"):
        for column in ("country_code", "country_code_alpha3", "country_name"):
            if row[column]:
                assert (
                    owner.setdefault(lookup_key(row[column]), row["country_code"])
                    == (row["country_code"])
                ), row[column]
    for row in _csv("country_aliases"):
        assert (
            owner.setdefault(lookup_key(row["alias"]), row["country_code"]) == (row["country_code"])
        ), row["alias"]


def _show(dbt_session, sql: str) -> list[tuple]:
    """Rows of a query run by dbt itself (dbt-duckdb keeps the database open in-process)."""
    result = dbt_session.invoke("show", "--inline", sql, "--limit", "-1")
    return [tuple(row) for row in result.results[0].agate_table.rows]


def test_seeds_load_as_text_keeping_leading_zeros(dbt_session):
    types = _show(
        dbt_session,
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_schema = 'reference' and table_name like 'country_%'",
    )
    prefixes = _show(
        dbt_session,
        "select country_code, calling_code, national_prefix "
        "from {{ ref('country_reference') }} where country_code in ('HU', 'IT', 'US') "
        "order by country_code",
    )
    assert {data_type for _, _, data_type in types} == {"VARCHAR"}
    assert len(types) == 9
    assert prefixes == [("HU", "36", "06"), ("IT", "39", None), ("US", "1", "1")]


def test_seed_data_tests_pass(dbt_session):
    results = dbt_session.invoke("test", "--select", "country_reference", "country_aliases")
    assert len(results.results) >= 5
    assert {str(result.status) for result in results.results} == {"pass"}


def test_macros_compile_before_the_seeds_are_loaded(dbt_session, tmp_path):
    """`dbt compile` or sqlfluff on a fresh database read the seed files themselves."""
    fresh = dbt_session.compile_on(tmp_path / "fresh.duckdb", USING_THE_SEEDS)
    assert fresh == dbt_session.compile(USING_THE_SEEDS)
    assert "'44'" in fresh
