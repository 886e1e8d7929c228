"""Linkage guards and steward decisions, end to end through dbt."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from conftest import run_dbt

CRM_FIELDS = [
    "Id", "FirstName", "LastName", "Email", "Phone", "MailingStreet", "MailingCity",
    "MailingPostalCode", "MailingCountry", "Birthdate", "CreatedDate", "LastModifiedDate",
]  # fmt: skip
DECISION_FIELDS = [
    "left_source_system", "left_source_record_id", "right_source_system",
    "right_source_record_id", "decision", "decided_by", "decided_at",
]  # fmt: skip


def _write_csv(path: Path, fields: list[str], rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def _contact(record_id, first, last, email, phone, street, dob, postcode="10001"):
    return {
        "Id": record_id, "FirstName": first, "LastName": last, "Email": email,
        "Phone": phone, "MailingStreet": street, "MailingCity": "New York",
        "MailingPostalCode": postcode, "MailingCountry": "US", "Birthdate": dob,
        "CreatedDate": "2024-01-01T00:00:00Z", "LastModifiedDate": "2024-06-01T00:00:00Z",
    }  # fmt: skip


def _customers(database: Path) -> dict[str, str]:
    with duckdb.connect(str(database), read_only=True) as connection:
        rows = connection.execute(
            "select source_record_id, customer_id from main.customer_xref "
            "where source_system = 'crm'"
        ).fetchall()
    return dict(rows)


# Three records of one person, chained by email (a-b) and phone (b-c); and two strangers
# who typed the same junk email and phone; and five strangers sharing one address' inbox.
CHAIN = [
    _contact("a", "Maria", "Lopez", "maria.lopez@mail.com", "", "1 Elm St", "1980-02-03"),
    _contact("b", "Maria", "Lopez", "maria.lopez@mail.com", "(212) 555-0101", "1 Elm St",
             "1980-02-03"),
    _contact("c", "Maria", "Lopez", "", "212-555-0101", "9 Oak Ave", "1980-02-03", "10002"),
    _contact("d", "Peter", "Quinn", "", "", "5 Pine Rd", "1955-07-08", "60601"),
]  # fmt: skip
JUNK = [
    _contact("j1", "Alan", "Brook", "test@test.com", "0000000000", "2 Ash St", "1970-01-01",
             "30301"),
    _contact("j2", "Beth", "Crane", "TEST@test.com", "000-000-0000", "3 Birch St", "1985-05-05",
             "94101"),
]  # fmt: skip
SHARED_INBOX = [
    _contact(f"s{i}", first, f"Family{i}", "frontdesk@hotel-example.org", "", f"{i} Bay St",
             f"19{60 + i}-0{i}-1{i}", f"9810{i}")
    for i, first in enumerate(["Ann", "Bob", "Cleo", "Dan", "Eve"], start=1)
]  # fmt: skip


def _build(
    tmp_path: Path, decisions: list[dict] | None = None, extra_vars: dict | None = None
) -> dict[str, str]:
    extracts = tmp_path / "extracts"
    extracts.mkdir()
    _write_csv(extracts / "crm_contacts.csv", CRM_FIELDS, CHAIN + JUNK + SHARED_INBOX)
    if decisions is not None:
        _write_csv(extracts / "steward_decisions.csv", DECISION_FIELDS, decisions)
    run = run_dbt(extracts, tmp_path / "run.duckdb", extra_vars=extra_vars)
    assert run.returncode == 0, run.output[-5000:]
    return _customers(run.database)


def _decision(left, right, decision, at):
    return {
        "left_source_system": "crm", "left_source_record_id": left,
        "right_source_system": "CRM", "right_source_record_id": right,
        "decision": decision, "decided_by": "steward@example.com", "decided_at": at,
    }  # fmt: skip


def test_chained_records_merge_and_junk_or_shared_values_do_not(tmp_path):
    customers = _build(tmp_path)
    assert customers["a"] == customers["b"] == customers["c"]
    assert customers["d"] != customers["a"]
    assert customers["j1"] != customers["j2"], "a junk email and phone merged strangers"
    shared = {customers[f"s{i}"] for i in range(1, 6)}
    assert len(shared) == 5, "an inbox shared by five people merged them"


def test_no_match_splits_records_that_others_chain_together(tmp_path):
    customers = _build(tmp_path, [_decision("a", "c", "no_match", "2025-01-01T00:00:00Z")])
    assert customers["a"] != customers["c"]
    # b stays with one of them: only the weakest link between a and c was cut.
    assert customers["b"] in {customers["a"], customers["c"]}


def test_match_joins_records_that_had_no_edge_and_the_latest_decision_wins(tmp_path):
    customers = _build(
        tmp_path,
        [
            _decision("a", "d", "match", "2025-01-01T00:00:00Z"),
            _decision("j1", "j2", "match", "2025-01-01T00:00:00Z"),
            _decision("j2", "j1", "no_match", "2025-02-01T00:00:00Z"),  # later: wins
        ],
    )
    assert customers["a"] == customers["d"] == customers["b"]
    assert customers["j1"] != customers["j2"]


def test_a_cluster_over_the_caps_is_split_and_flagged(tmp_path):
    # With a cap of two records and no edge strong enough to survive the split, the
    # three-record chain is broken up and flagged.
    customers = _build(
        tmp_path, extra_vars={"max_profile_records_per_customer": 2, "split_link_strength": 1e12}
    )
    assert len({customers["a"], customers["b"], customers["c"]}) == 3
    with duckdb.connect(str(tmp_path / "run.duckdb"), read_only=True) as connection:
        reasons = connection.execute(
            "select distinct split_reason from identity.int_identity_profile_clusters "
            "where record_key in ('crm:a', 'crm:b', 'crm:c')"
        ).fetchall()
        queued = connection.execute(
            "select review_reason from main.identity_review_queue "
            "where review_reason like '%then separated: over the caps%'"
        ).fetchall()
    assert reasons == [("over the caps (3 records, 1 birth dates)",)]
    assert len(queued) >= 2, "the links the caps cut are put before a steward"


def test_evaluation_reports_agreement_with_steward_decisions(tmp_path):
    from customer_identity.evaluation import steward_agreement

    _build(
        tmp_path,
        [
            _decision("a", "d", "match", "2025-01-01T00:00:00Z"),
            _decision("a", "c", "no_match", "2025-01-01T00:00:00Z"),
        ],
    )
    assert steward_agreement(tmp_path / "run.duckdb") == (2, 1.0, 1.0)
