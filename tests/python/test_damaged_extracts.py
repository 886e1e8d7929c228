"""Damaged extracts: nothing is lost, every problem has a reason, fatal ones name the file.

One dbt build runs on a copy of the sample carrying every record-level damage at once
(unreadable lines, ids, dates, phones, non-ASCII names, an extra column, an empty and a
missing extract); the fatal cases (unreadable files) each get a build of their own.
"""

from __future__ import annotations

import csv
import shutil

import duckdb
import pytest

from conftest import SAMPLE_DIR, build_altered_sample, query, run_dbt
from customer_identity.summary import run_summary

ERP_FIELDS = [
    "customer_no",
    "full_name",
    "email",
    "phone",
    "street",
    "city",
    "zip",
    "country",
    "date_of_birth",
    "last_purchase_date",
    "lifetime_value",
    "updated_at",
]
CRM_FIELDS = [
    "Id",
    "AccountId",
    "FirstName",
    "LastName",
    "Email",
    "Phone",
    "MobilePhone",
    "MailingStreet",
    "MailingCity",
    "MailingPostalCode",
    "MailingCountry",
    "Birthdate",
    "LoyaltyTier",
    "PreferredLanguage",
    "CreatedDate",
    "LastModifiedDate",
]


def _quoted(values) -> str:
    return ",".join('"' + value.replace('"', '""') + '"' if value else "" for value in values)


def _erp(customer_no, full_name, email="", phone="", dob="", updated_at="2024-01-01T00:00:00"):
    row = dict.fromkeys(ERP_FIELDS, "")
    row.update(
        customer_no=customer_no,
        full_name=full_name,
        email=email,
        phone=phone,
        street="1 Test Street",
        city="Springfield",
        zip="12345",
        country="US",
        date_of_birth=dob,
        updated_at=updated_at,
    )
    return row


def _crm(record_id, first, last, email, phone="", country="US", birthdate=""):
    row = dict.fromkeys(CRM_FIELDS, "")
    row.update(
        Id=record_id,
        FirstName=first,
        LastName=last,
        Email=email,
        Phone=phone,
        MailingCountry=country,
        Birthdate=birthdate,
        CreatedDate="2024-01-01T00:00:00.000Z",
        LastModifiedDate="2024-02-01T00:00:00.000Z",
    )
    return row


# Well-formed rows added to the ERP extract; the extra column `loyalty_card` rides along.
ERP_GOOD_ROWS = [
    _erp("ERP-DUP", "Old Version", "dup.old@example.com", updated_at="2020-01-01T00:00:00"),
    _erp("ERP-DUP", "New Version", "dup.new@example.com", updated_at="2025-01-01T00:00:00"),
    _erp("ERP-DUP", "Middle Version", "dup.mid@example.com", updated_at="2022-01-01T00:00:00"),
    _erp("", "Nobody Knows", "no.id@example.com"),
    _erp("ERP-BADDATE", "Dora Date", "dora.date@example.com", dob="02/30/1990"),
    _erp("ERP-BADPHONE", "Phil Phone", "phil.phone@example.com", phone="call me maybe"),
    _erp("ERP-CYR", "Анна Смирнова", "anna.smirnova@example.ru", "+7 912 345-67-89"),
    _erp("ERP-ACCENT", "José Müller-Gómez", "jose.muller@example.com"),
    _erp("ERP-CJK", "王 小明", "xiaoming.wang@example.cn", "+86 138 0013 8000"),
]
CRM_GOOD_ROWS = [
    # The same person as ERP-CYR: same email and phone, Cyrillic name typed the same way.
    _crm(
        "CRM-CYR",
        "Анна",
        "Смирнова",
        "Anna.Smirnova@example.ru",
        "+79123456789",
        "RU",
        "1990-05-04",
    ),
]


def _damage(extracts):
    """Write every record-level damage into `extracts`; return the ERP lines added, raw."""
    erp_path = extracts / "erp_customers.csv"
    with open(erp_path, newline="", encoding="utf-8") as handle:
        original = list(csv.DictReader(handle))
    header = [*ERP_FIELDS, "loyalty_card"]
    good_lines = [
        _quoted([row.get(field, "") for field in ERP_FIELDS] + ["LC-1"]) for row in ERP_GOOD_ROWS
    ]
    width = len(header)
    damaged = {
        "wrong field count": _quoted(["ERP-SHORT", "Too Short", "short@example.com"]),
        "invalid utf-8": None,  # written as bytes below
        "broken quoting": '"ERP-QUOTE","Unclosed ' + "," * (width - 2),
    }
    lines = [_quoted([row[f] for f in ERP_FIELDS] + [""]) for row in original]
    with open(erp_path, "wb") as handle:
        handle.write((_quoted(header) + "\n").encode())
        for line in [*lines, *good_lines]:
            handle.write((line + "\n").encode("utf-8"))
        handle.write((damaged["wrong field count"] + "\n").encode())
        handle.write(b'"ERP-LATIN1","Ren\xe9 Bad\xff Bytes",' + b"," * (width - 3) + b"\n")
        # Last, so an unterminated quote cannot swallow the lines after it.
        handle.write((damaged["broken quoting"] + "\n").encode())

    crm_path = extracts / "crm_contacts.csv"
    with open(crm_path, "a", newline="", encoding="utf-8") as handle:
        for row in CRM_GOOD_ROWS:
            handle.write(_quoted([row[field] for field in CRM_FIELDS]) + "\n")

    legacy_path = extracts / "legacy_customers.csv"
    legacy_header = legacy_path.read_text(encoding="utf-8").splitlines()[0]
    legacy_path.write_text(legacy_header + "\n", encoding="utf-8")  # header only
    (extracts / "interactions.csv").unlink()  # missing extract
    data_lines = len(lines) + len(good_lines)
    return {
        "erp_file_rows": data_lines + 3,
        "erp_first_damaged_line": data_lines + 2,  # line 1 is the header
        "crm_file_rows": _csv_rows(SAMPLE_DIR / "crm_contacts.csv") + len(CRM_GOOD_ROWS),
    }


def _csv_rows(path) -> int:
    with open(path, newline="", encoding="utf-8") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


@pytest.fixture(scope="module")
def damaged_build(tmp_path_factory):
    run, _, facts = build_altered_sample(tmp_path_factory, "damaged", _damage)
    return run, facts


def test_every_row_of_every_extract_is_accounted_for(damaged_build):
    run, facts = damaged_build
    counts = dict(
        query(
            run.database,
            """
            select source_system, sum(rows_in) from (
                select source_system, count(*) as rows_in from main.customer_xref group by all
                union all
                select source_system, count(*) from main.quarantined_records group by all
            ) group by all
            """,
        )
    )
    assert counts.get("erp") == facts["erp_file_rows"]
    assert counts.get("crm") == facts["crm_file_rows"]
    assert "legacy" not in counts  # header only: zero rows, no failure
    assert "interactions" not in counts  # missing extract: zero rows, no failure


def test_unreadable_lines_are_quarantined_with_line_number_and_reason(damaged_build):
    run, facts = damaged_build
    reasons = [
        row[0]
        for row in query(
            run.database,
            "select reason from main.quarantined_records "
            "where source_system = 'erp' and reason like '%could not be read%' order by reason",
        )
    ]
    first = facts["erp_first_damaged_line"]
    assert len(reasons) == 3, reasons
    for line_number in (first, first + 1, first + 2):
        assert any(f"line {line_number} of erp_customers" in r for r in reasons), reasons
    joined = " | ".join(reasons).lower()
    assert "unterminated quote" in joined
    assert "unicode" in joined or "utf-8" in joined
    assert "missing" in joined or "column" in joined


def test_empty_and_duplicate_ids_are_quarantined_keeping_the_newest(damaged_build):
    run, _ = damaged_build
    quarantined = query(
        run.database,
        "select source_record_id, reason, raw_record from main.quarantined_records "
        "where source_system = 'erp' and reason not like '%could not be read%' order by all",
    )
    empty = [row for row in quarantined if row[0] is None]
    assert len(empty) == 1 and empty[0][1].startswith("customer_no is empty"), quarantined
    assert "Nobody Knows" in empty[0][2]
    duplicates = [row for row in quarantined if row[0] == "ERP-DUP"]
    assert len(duplicates) == 2, quarantined
    assert all("duplicate customer_no 'ERP-DUP'" in row[1] for row in duplicates)
    assert {"Old Version", "Middle Version"} == {
        name for row in duplicates for name in ("Old Version", "Middle Version") if name in row[2]
    }
    [(kept_email,)] = query(
        run.database,
        "select email from staging.stg_erp__customers "
        "where source_record_id = 'ERP-DUP' and quarantine_reason is null",
    )
    assert kept_email == "dup.new@example.com"


def test_impossible_date_and_unparseable_phone_keep_the_row_and_the_raw_value(damaged_build):
    run, _ = damaged_build
    rows = dict(
        (row[0], row[1:])
        for row in query(
            run.database,
            "select source_record_id, date_of_birth_raw, date_of_birth, phone_raw, phone_e164, "
            "quarantine_reason from staging.stg_erp__customers "
            "where source_record_id in ('ERP-BADDATE', 'ERP-BADPHONE')",
        )
    )
    assert rows["ERP-BADDATE"][:2] == ("02/30/1990", None)
    assert rows["ERP-BADPHONE"][2:4] == ("call me maybe", None)
    assert rows["ERP-BADDATE"][4] is None and rows["ERP-BADPHONE"][4] is None
    resolved = query(
        run.database,
        "select source_record_id from main.customer_xref where source_system = 'erp' "
        "and source_record_id in ('ERP-BADDATE', 'ERP-BADPHONE') and customer_id is not null",
    )
    assert len(resolved) == 2


def test_non_ascii_names_survive_and_match(damaged_build):
    run, _ = damaged_build
    golden = {
        row[0]: row[1:]
        for row in query(
            run.database,
            """
            select xref.source_record_id, golden.first_name, golden.last_name, golden.customer_id
            from main.customer_xref as xref
            inner join main.golden_customer as golden on xref.customer_id = golden.customer_id
            where xref.source_record_id in ('ERP-CYR', 'CRM-CYR', 'ERP-ACCENT', 'ERP-CJK')
            """,
        )
    }
    assert set(golden) == {"ERP-CYR", "CRM-CYR", "ERP-ACCENT", "ERP-CJK"}
    assert golden["CRM-CYR"][:2] == ("Анна", "Смирнова")
    assert golden["ERP-CYR"][2] == golden["CRM-CYR"][2], "one person, two records, one customer"
    assert "Müller" in golden["ERP-ACCENT"][1] and golden["ERP-ACCENT"][0] == "José"
    assert "王" in (golden["ERP-CJK"][0] or "") + (golden["ERP-CJK"][1] or "")


def test_extra_column_is_kept_and_reported(damaged_build):
    run, _ = damaged_build
    [(attributes,)] = query(
        run.database,
        "select raw_attributes from staging.stg_erp__customers where source_record_id = 'ERP-CJK'",
    )
    assert '"loyalty_card":"LC-1"' in attributes.replace(" ", "")
    summary = run_summary(run.database)
    assert "erp_customers: loyalty_card" in summary, summary
    assert "unreadable line" in summary and "duplicate id" in summary, summary


def test_accounting_test_fails_when_a_row_goes_missing(damaged_build, tmp_path):
    run, _ = damaged_build
    copy = tmp_path / "tampered.duckdb"
    shutil.copy(run.database, copy)
    with duckdb.connect(str(copy)) as connection:
        connection.execute(
            "delete from main.customer_xref where source_record_id = 'ERP-BADPHONE'"
        ).fetchall()
    extracts = tmp_path / "unused"
    extracts.mkdir()
    check = run_dbt(extracts, copy, "test", "--select", "test_name:expect_rows_accounted_for")
    assert check.returncode != 0, check.output[-3000:]
    assert "expect_rows_accounted_for" in check.output


@pytest.mark.parametrize(
    ("file_name", "content"),
    [
        ("erp_customers.parquet", b"this is not a parquet file at all\n"),
        ("erp_customers.csv", bytes(range(256)) * 8),
        ("erp_customers.csv", b""),
    ],
    ids=["parquet-that-is-not", "binary-garbage-csv", "zero-byte-csv"],
)
def test_unreadable_file_fails_naming_the_file(tmp_path, extracts_dir, file_name, content):
    (extracts_dir / "erp_customers.csv").unlink()
    (extracts_dir / file_name).write_bytes(content)
    run = run_dbt(extracts_dir, tmp_path / "unreadable.duckdb", "build", "--fail-fast")
    assert run.returncode != 0
    assert file_name in run.output, run.output[-3000:]


def test_header_that_is_not_utf8_fails_naming_the_file_and_a_column(tmp_path, extracts_dir):
    path = extracts_dir / "erp_customers.csv"
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(lines[0].replace(b"customer_no", b"customer_n\xf6") + b"".join(lines[1:]))
    run = run_dbt(extracts_dir, tmp_path / "bad_header.duckdb", "build", "--fail-fast")
    assert run.returncode != 0
    assert "erp_customers.csv" in run.output, run.output[-3000:]
    assert "required column 'customer_no' is missing" in run.output, run.output[-3000:]
