"""A refresh on changed extracts agrees with a fresh full build, and rewrites only what changed."""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from pathlib import Path

import duckdb

from conftest import SAMPLE_DIR, build_like_make_run, run_dbt

STAGING_TABLES = (
    "stg_crm__contacts",
    "stg_erp__customers",
    "stg_legacy__customers",
    "stg_interactions__conversations",
)

GOLDEN_VALUES = (
    "first_name, last_name, primary_email, primary_phone, street, city, postcode, "
    "country_code, date_of_birth, loyalty_tier, preferred_language, last_purchase_date, "
    "lifetime_value, source_record_count, is_erased"
)


def _query(database: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.sql(sql).fetchall()


def _partition(database: Path) -> set[frozenset[str]]:
    """The grouping of records into customers, whatever the ids."""
    groups: dict[str, set[str]] = defaultdict(set)
    for record_key, customer_id in _query(
        database,
        "select record_key, customer_id from main.customer_xref where customer_id is not null",
    ):
        groups[customer_id].add(record_key)
    return {frozenset(group) for group in groups.values()}


def _golden_by_group(database: Path) -> dict[frozenset[str], tuple]:
    """Each customer's golden values, keyed by the records it unites."""
    members: dict[str, set[str]] = defaultdict(set)
    for record_key, customer_id in _query(
        database,
        "select record_key, customer_id from main.customer_xref where customer_id is not null",
    ):
        members[customer_id].add(record_key)
    rows = _query(database, f"select customer_id, {GOLDEN_VALUES} from main.golden_customer")
    return {frozenset(members[row[0]]): tuple(map(str, row[1:])) for row in rows}


def _change_extract(path: Path) -> None:
    """A snapshot a day later: some contacts gone, some with a new email, some new."""
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    changed = []
    for index, row in enumerate(rows):
        if index % 37 == 0:
            continue  # removed
        if index % 29 == 0:
            row = {
                **row,
                "Email": f"new.address.{index}@example.org",
                "LastModifiedDate": "2025-11-01T00:00:00Z",
            }
        changed.append(row)
    for index, row in enumerate(rows[:15]):
        changed.append({**row, "Id": f"NEW{index:04d}", "Phone": "", "MobilePhone": ""})
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(changed)


def test_a_refresh_groups_and_publishes_like_a_fresh_full_build(tmp_path):
    extracts = tmp_path / "extracts"
    shutil.copytree(SAMPLE_DIR, extracts)
    refreshed = tmp_path / "refreshed.duckdb"
    build_like_make_run(extracts, refreshed)
    first_ids = dict(_query(refreshed, "select record_key, customer_id from main.customer_xref"))

    _change_extract(extracts / "crm_contacts.csv")
    build_like_make_run(extracts, refreshed)
    fresh = tmp_path / "fresh.duckdb"
    build_like_make_run(extracts, fresh)

    # Only changed records were scored again, yet the pairs are those a full build scores.
    # Unchanged pairs keep their scores while the new records shift the term frequencies
    # a little (a full refresh rescores them).
    scored_pairs = (
        "select record_key_l || ' ' || record_key_r, match_probability "
        "from identity.int_identity_pairs_scored"
    )
    refreshed_pairs = dict(_query(refreshed, scored_pairs))
    fresh_pairs = dict(_query(fresh, scored_pairs))
    assert refreshed_pairs.keys() == fresh_pairs.keys()
    drift = max(abs(refreshed_pairs[pair] - fresh_pairs[pair]) for pair in fresh_pairs)
    assert drift < 0.1, drift
    assert _partition(refreshed) == _partition(fresh)
    assert _golden_by_group(refreshed) == _golden_by_group(fresh)
    # Staging reused the unchanged rows' normalised values, and holds what a fresh build holds.
    with duckdb.connect(str(refreshed), read_only=True) as connection:
        connection.execute(f"attach '{fresh}' as fresh (read_only)").fetchall()
        for table in STAGING_TABLES:
            differences = connection.sql(
                f"select count(*) from (select * from staging.{table} "
                f"except all select * from fresh.staging.{table}) as refreshed_only"
            ).fetchall()[0][0]
            assert differences == 0, table

    # Only the customers the change touched were rewritten; most records kept their id.
    rewritten, total = _query(
        refreshed,
        "select count(*) filter (where refreshed_at > (select min(refreshed_at) "
        "from main.golden_customer)), count(*) from main.golden_customer",
    )[0]
    assert 0 < rewritten < total / 5, (rewritten, total)
    now = dict(_query(refreshed, "select record_key, customer_id from main.customer_xref"))
    kept = sum(now.get(key) == customer for key, customer in first_ids.items() if customer)
    assert kept > 0.9 * sum(1 for customer in first_ids.values() if customer)


def _stale_cities(database: Path) -> int:
    return _query(
        database, "select count(*) from staging.stg_erp__customers where city = 'stale city'"
    )[0][0]


def _make_cities_stale(database: Path) -> int:
    """Stand-in for values an older normaliser wrote: every usable row's city overwritten."""
    with duckdb.connect(str(database)) as connection:
        connection.execute(
            "update staging.stg_erp__customers set city = 'stale city' "
            "where quarantine_reason is null and not is_erased"
        ).fetchall()
    return _stale_cities(database)


def test_staging_normalises_only_new_and_changed_rows_until_its_sql_changes(tmp_path):
    extracts = tmp_path / "extracts"
    shutil.copytree(SAMPLE_DIR, extracts)
    database = tmp_path / "normalised.duckdb"

    def build_staging(*args: str, **kwargs) -> None:
        run = run_dbt(extracts, database, "run", "--select", "staging", *args, **kwargs)
        assert run.returncode == 0, run.output[-5000:]

    assert run_dbt(extracts, database, "seed").returncode == 0
    build_staging()
    stale = _make_cities_stale(database)
    assert stale > 100

    # An unchanged row keeps the stored values; a changed one is normalised again.
    path = extracts / "erp_customers.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    rows[0]["email"] = "someone.new@example.org"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    build_staging()
    assert _stale_cities(database) == stale - 1
    changed_city = _query(
        database,
        "select city from staging.stg_erp__customers "
        f"where source_record_id = '{rows[0]['customer_no']}'",
    )[0][0]
    assert changed_city != "stale city"

    # Normalisation SQL that compiles differently (here: another default country) normalises
    # every row again, and so does a full refresh.
    build_staging(extra_vars={"default_country": "GB"})
    assert _stale_cities(database) == 0
    _make_cities_stale(database)
    build_staging("--full-refresh")
    assert _stale_cities(database) == 0
