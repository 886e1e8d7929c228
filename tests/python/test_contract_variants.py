"""Extracts the contract allows but the generator never writes: spreadsheet-style CSV,
typed Parquet, odd but valid values. One build runs on a copy of the sample carrying every
variant at once; each test checks that one variant was read as the contract says.
"""

from __future__ import annotations

import csv

import duckdb
import pytest

from conftest import EXTRACTS, SAMPLE_DIR, build_altered_sample, query


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
    # An extra column whose quoted name holds a comma and quotes.
    for row in crm:
        row['Notes, "internal"'] = "kept"
    _write(extracts / "crm_contacts.csv", crm, line_terminator="\r\n", encoding="utf-8-sig")

    # Typed Parquet from a warehouse unload: birth dates as DATE and TIMESTAMP, money as
    # DECIMAL, times as TIMESTAMP, integer ids.
    typed = {
        "erp_customers": """
            * replace (
                cast(strptime(date_of_birth, '%m/%d/%Y') as date) as date_of_birth,
                cast(last_purchase_date as date) as last_purchase_date,
                cast(lifetime_value as decimal(12, 2)) as lifetime_value,
                cast(updated_at as timestamp) as updated_at
            )""",
        "legacy_customers": """
            * replace (
                strptime(dob, '%Y%m%d') as dob,
                cast(regexp_replace(legacy_id, '[^0-9]', '', 'g') as integer) as legacy_id
            )""",
    }
    with duckdb.connect() as connection:
        for name, select in typed.items():
            csv_path = extracts / f"{name}.csv"
            connection.execute(
                f"copy (select {select} from read_csv('{csv_path}', all_varchar = true)) "
                f"to '{extracts / name}.parquet' (format parquet)"
            )
            csv_path.unlink()
    return {
        "crm_multiline_id": crm[0]["Id"],
        "birth_dates": {
            source_system: sum(1 for row in _read(SAMPLE_DIR / f"{name}.csv") if row[column])
            for source_system, name, column in (
                ("erp", "erp_customers", "date_of_birth"),
                ("legacy", "legacy_customers", "dob"),
            )
        },
    }


@pytest.fixture(scope="module")
def variant_build(tmp_path_factory):
    return build_altered_sample(tmp_path_factory, "variants", _variants)


@pytest.mark.parametrize("source_system", sorted(EXTRACTS))
def test_every_row_is_resolved_or_quarantined(variant_build, source_system):
    run, extracts, _ = variant_build
    [path] = [
        extracts / f"{EXTRACTS[source_system]}.{suffix}"
        for suffix in ("csv", "parquet")
        if (extracts / f"{EXTRACTS[source_system]}.{suffix}").exists()
    ]
    [(resolved,)] = query(
        run.database,
        "select count(*) from main.customer_xref where source_system = ?",
        source_system,
    )
    [(quarantined,)] = query(
        run.database,
        "select count(*) from main.quarantined_records where source_system = ?",
        source_system,
    )
    assert resolved + quarantined == _file_rows(path)


def test_crlf_file_with_a_line_break_inside_quotes_is_read(variant_build):
    run, _, facts = variant_build
    [(street,)] = query(
        run.database,
        "select street_raw from staging.stg_crm__contacts where source_record_id = ?",
        facts["crm_multiline_id"],
    )
    assert street == 'Apt 4\n703 Bridge Ct, "rear"'


@pytest.mark.parametrize(
    ("source_system", "raw_layout"), [("erp", "__/__/____"), ("legacy", "________")]
)
def test_typed_parquet_birth_dates_are_read(variant_build, source_system, raw_layout):
    run, _, facts = variant_build
    [(birth_dates, in_layout)] = query(
        run.database,
        f"select count(date_of_birth), count(*) filter (where date_of_birth_raw like ?) "
        f"from staging.stg_{source_system}__customers",
        raw_layout,
    )
    assert birth_dates == facts["birth_dates"][source_system] > 0
    assert in_layout == birth_dates


def test_extra_column_with_a_comma_in_its_quoted_name_is_kept(variant_build):
    run, _, _ = variant_build
    [(quarantined,)] = query(
        run.database, "select count(*) from main.quarantined_records where source_system = 'crm'"
    )
    assert quarantined == 0
    [(attributes,)] = query(
        run.database,
        "select any_value(raw_attributes) from staging.stg_crm__contacts",
    )
    assert attributes.replace(" ", "") == '{"Notes,\\"internal\\"":"kept"}'
