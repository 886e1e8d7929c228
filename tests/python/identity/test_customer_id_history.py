"""Stable customer ids across runs: inheritance, history events and the id map."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from conftest import build_like_make_run

CRM_FIELDS = [
    "Id", "FirstName", "LastName", "Email", "Phone", "MailingStreet", "MailingCity",
    "MailingPostalCode", "MailingCountry", "Birthdate", "CreatedDate", "LastModifiedDate",
]  # fmt: skip
DECISION_FIELDS = [
    "left_source_system", "left_source_record_id", "right_source_system",
    "right_source_record_id", "decision", "decided_by", "decided_at",
]  # fmt: skip
ERASURE_FIELDS = [
    "request_id", "requested_at", "email", "phone", "source_system", "source_record_id",
]  # fmt: skip


def _contact(record_id, first, last, email, phone, street, dob, postcode="10001"):
    return {
        "Id": record_id, "FirstName": first, "LastName": last, "Email": email,
        "Phone": phone, "MailingStreet": street, "MailingCity": "New York",
        "MailingPostalCode": postcode, "MailingCountry": "US", "Birthdate": dob,
        "CreatedDate": "2024-01-01T00:00:00Z", "LastModifiedDate": "2024-06-01T00:00:00Z",
    }  # fmt: skip


# One person in three records chained by email (a-b) and phone (b-c), and a stranger.
MARIA_A = _contact("a", "Maria", "Lopez", "maria.lopez@mail.com", "", "1 Elm St", "1980-02-03")
MARIA_B = _contact("b", "Maria", "Lopez", "maria.lopez@mail.com", "(212) 555-0101", "1 Elm St",
                   "1980-02-03")  # fmt: skip
MARIA_C = _contact("c", "Maria", "Lopez", "", "212-555-0101", "9 Oak Ave", "", "10002")
MARIA_C2 = _contact("c2", "Maria", "Lopez", "", "212-555-0101", "9 Oak Ave", "", "10002")
PETER = _contact("d", "Peter", "Quinn", "peter.quinn@mail.com", "", "5 Pine Rd", "1955-07-08",
                 "60601")  # fmt: skip
ZOE = _contact("e", "Zoe", "Adams", "zoe.adams@mail.com", "(312) 555-0199", "7 Lake Dr",
               "1991-11-12", "60602")  # fmt: skip


class Pipeline:
    """One database refreshed run after run from a folder of extracts, like `make run`."""

    def __init__(self, tmp_path: Path) -> None:
        self.extracts = tmp_path / "extracts"
        self.extracts.mkdir()
        self.database = tmp_path / "run.duckdb"

    def write(self, name: str, fields: list[str], rows: list[dict]) -> None:
        with open(self.extracts / name, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)

    def run(self, contacts: list[dict], *build_args: str) -> dict[str, str]:
        """Build on `contacts` and return each crm record's customer id."""
        self.write("crm_contacts.csv", CRM_FIELDS, contacts)
        build_like_make_run(self.extracts, self.database, *build_args)
        return dict(self.query("select source_record_id, customer_id from main.customer_xref"))

    def query(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.database), read_only=True) as connection:
            return connection.sql(sql).fetchall()

    def last_run_events(self) -> set[tuple]:
        """(event_type, old id, new id) of the latest run that recorded any event."""
        return set(
            self.query(
                """
                select event_type, old_customer_id, new_customer_id
                from main.customer_id_history
                where run_started_at = (select max(run_started_at) from main.customer_id_history)
                """
            )
        )

    def event_count(self) -> int:
        return self.query("select count(*) from main.customer_id_history")[0][0]

    def id_map(self) -> dict[str, tuple[str | None, str]]:
        rows = self.query(
            "select customer_id, current_customer_id, status from main.customer_id_map"
        )
        return {customer_id: (current, status) for customer_id, current, status in rows}

    def table_snapshot(self, table: str) -> list[tuple]:
        return sorted(self.query(f"select * from {table}"), key=repr)


def test_an_unchanged_rerun_changes_no_id_and_writes_no_registry_row(tmp_path):
    pipeline = Pipeline(tmp_path)
    first = pipeline.run([MARIA_A, MARIA_B, MARIA_C, PETER])
    assert first["a"] == first["b"] == first["c"] != first["d"]
    assert {event for event, _, _ in pipeline.last_run_events()} == {"created"}
    events = pipeline.event_count()
    state = pipeline.table_snapshot("history.customer_assignment_state")
    id_map = pipeline.table_snapshot("main.customer_id_map")
    golden = pipeline.table_snapshot("main.golden_customer")

    assert pipeline.run([MARIA_A, MARIA_B, MARIA_C, PETER]) == first
    assert pipeline.event_count() == events
    assert pipeline.table_snapshot("history.customer_assignment_state") == state
    assert pipeline.table_snapshot("main.customer_id_map") == id_map
    # No golden row was rewritten: each keeps the time of the run that wrote it.
    assert pipeline.table_snapshot("main.golden_customer") == golden

    # A full refresh rebuilds every model from scratch, and still keeps the ids.
    assert pipeline.run([MARIA_A, MARIA_B, MARIA_C, PETER], "--full-refresh") == first
    assert pipeline.event_count() == events
    assert pipeline.table_snapshot("main.customer_id_map") == id_map


def test_a_new_batch_keeps_existing_ids_and_issues_new_ones(tmp_path):
    pipeline = Pipeline(tmp_path)
    first = pipeline.run([MARIA_A, MARIA_B, PETER])
    second = pipeline.run([MARIA_A, MARIA_B, PETER, MARIA_C, ZOE])
    assert second["c"] == second["a"] == first["a"], "a new record of Maria took a new id"
    assert second["d"] == first["d"]
    assert second["e"] not in first.values()
    assert pipeline.last_run_events() == {("created", None, second["e"])}
    assert pipeline.id_map()[second["e"]] == (second["e"], "active")


def test_a_merge_keeps_the_id_with_most_records_and_maps_the_other_to_it(tmp_path):
    pipeline = Pipeline(tmp_path)
    # Maria by email (one record) and Maria by phone (two records, no birth date): nothing
    # links them until record b carries both.
    first = pipeline.run([MARIA_A, MARIA_C, MARIA_C2, PETER])
    assert first["a"] != first["c"] == first["c2"]
    second = pipeline.run([MARIA_A, MARIA_B, MARIA_C, MARIA_C2, PETER])
    assert second["a"] == second["b"] == second["c"] == first["c"], "the larger customer's id"
    assert second["d"] == first["d"]
    assert ("merged", first["a"], first["c"]) in pipeline.last_run_events()
    id_map = pipeline.id_map()
    assert id_map[first["a"]] == (first["c"], "merged")
    assert id_map[first["c"]] == (first["c"], "active")


def test_a_no_match_decision_splits_off_a_new_id_and_the_largest_part_keeps_the_old(tmp_path):
    pipeline = Pipeline(tmp_path)
    first = pipeline.run([MARIA_A, MARIA_B, MARIA_C, PETER])
    pipeline.write(
        "steward_decisions.csv",
        DECISION_FIELDS,
        [
            {
                "left_source_system": "crm", "left_source_record_id": "a",
                "right_source_system": "crm", "right_source_record_id": "c",
                "decision": "no_match", "decided_by": "steward@example.com",
                "decided_at": "2025-01-01T00:00:00Z",
            }
        ],
    )  # fmt: skip
    second = pipeline.run([MARIA_A, MARIA_B, MARIA_C, PETER])
    assert second["a"] != second["c"]
    # b stays with one side: that side has two records and keeps the id.
    kept = second["b"]
    assert kept == first["a"]
    split_off = second["c"] if second["a"] == kept else second["a"]
    assert split_off not in first.values()
    assert pipeline.last_run_events() == {("split", first["a"], split_off)}
    assert pipeline.id_map()[split_off] == (split_off, "active")
    assert pipeline.id_map()[kept] == (kept, "active")


def test_a_removed_record_leaves_its_customer_and_an_empty_customer_is_retired(tmp_path):
    pipeline = Pipeline(tmp_path)
    first = pipeline.run([MARIA_A, MARIA_B, MARIA_C, PETER, ZOE])
    second = pipeline.run([MARIA_A, MARIA_B, ZOE])
    assert second == {"a": first["a"], "b": first["a"], "e": first["e"]}
    assert pipeline.last_run_events() == {("retired", first["d"], None)}
    assert pipeline.id_map()[first["d"]] == (None, "retired")
    state = dict(
        pipeline.query("select source_record_id, is_present from history.customer_assignment_state")
    )
    assert state["c"] is False and state["d"] is False and state["a"] is True

    # The retired id is never issued again, even to the same record coming back.
    third = pipeline.run([MARIA_A, MARIA_B, ZOE, PETER])
    assert third["d"] not in first.values()
    assert pipeline.last_run_events() == {("created", None, third["d"])}


def test_an_erased_customer_keeps_its_id_as_a_tombstone(tmp_path):
    pipeline = Pipeline(tmp_path)
    first = pipeline.run([MARIA_A, MARIA_B, MARIA_C, PETER])
    pipeline.write(
        "erasure_requests.csv",
        ERASURE_FIELDS,
        [
            {
                "request_id": "r1", "requested_at": "2025-03-01T00:00:00Z",
                "email": "peter.quinn@mail.com", "phone": "", "source_system": "",
                "source_record_id": "",
            }
        ],
    )  # fmt: skip
    second = pipeline.run([MARIA_A, MARIA_B, MARIA_C, PETER])
    assert second == first
    assert pipeline.last_run_events() == {("erased", first["d"], first["d"])}
    assert pipeline.id_map()[first["d"]] == (first["d"], "erased")
    # A further unchanged run records nothing new.
    events = pipeline.event_count()
    assert pipeline.run([MARIA_A, MARIA_B, MARIA_C, PETER]) == first
    assert pipeline.event_count() == events
