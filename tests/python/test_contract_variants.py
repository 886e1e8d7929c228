"""Extracts the contract allows but the generator never writes: spreadsheet-style CSV,
typed Parquet, odd but valid values. One build runs on a copy of the sample carrying every
variant at once; each test checks that one variant was read as the contract says.
"""

from __future__ import annotations

import csv
import shutil

import duckdb
import pytest

from conftest import SAMPLE_DIR, run_dbt

EXTRACTS = {
    "crm": "crm_contacts",
    "erp": "erp_customers",
    "legacy": "legacy_customers",
    "interactions": "interactions",
}


def _query(database, sql, *params):
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql, list(params)).fetchall()


def _read(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _write(path, rows, *, line_terminator="\n", encoding="utf-8"):
    with open(path, "w", newline="", encoding=encoding) as handle:
        writer = csv.DictWriter(
            handle, fieldnames=list(rows[0]), lineterminator=line_terminator, quoting=csv.QUOTE_ALL
        )
        writer.writeheader()
        writer.writerows(rows)


def _file_rows(path) -> int:
    if path.suffix == ".parquet":
        return duckdb.sql(f"select count(*) from read_parquet('{path}')").fetchall()[0][0]
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def _variants(extracts):
    """Rewrite the sample's extracts with every variant; return what the tests look for."""
    # A spreadsheet export: CRLF line ends, a byte-order mark, and a street typed on two
    # lines inside its quotes (a bare LF, as Excel and Salesforce write it).
    crm = _read(extracts / "crm_contacts.csv")
    crm[0]["MailingStreet"] = 'Apt 4\n703 Bridge Ct, "rear"'
    _write(extracts / "crm_contacts.csv", crm, line_terminator="\r\n", encoding="utf-8-sig")
    return {"crm_multiline_id": crm[0]["Id"]}


@pytest.fixture(scope="module")
def variant_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("variants")
    extracts = root / "extracts"
    shutil.copytree(SAMPLE_DIR, extracts)
    facts = _variants(extracts)
    run = run_dbt(extracts, root / "variants.duckdb")
    assert run.returncode == 0, run.output[-5000:]
    return run, extracts, facts


@pytest.mark.parametrize("source_system", sorted(EXTRACTS))
def test_every_row_is_resolved_or_quarantined(variant_build, source_system):
    run, extracts, _ = variant_build
    [path] = [
        extracts / f"{EXTRACTS[source_system]}.{suffix}"
        for suffix in ("csv", "parquet")
        if (extracts / f"{EXTRACTS[source_system]}.{suffix}").exists()
    ]
    [(resolved,)] = _query(
        run.database,
        "select count(*) from main.customer_xref where source_system = ?",
        source_system,
    )
    [(quarantined,)] = _query(
        run.database,
        "select count(*) from main.quarantined_records where source_system = ?",
        source_system,
    )
    assert resolved + quarantined == _file_rows(path)


def test_crlf_file_with_a_line_break_inside_quotes_is_read(variant_build):
    run, _, facts = variant_build
    [(street,)] = _query(
        run.database,
        "select street_raw from staging.stg_crm__contacts where source_record_id = ?",
        facts["crm_multiline_id"],
    )
    assert street == 'Apt 4\n703 Bridge Ct, "rear"'
