"""Steward decisions that name conversations, end to end through dbt."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from conftest import run_dbt
from identity.test_guards_and_steward_decisions import (
    CRM_FIELDS,
    DECISION_FIELDS,
    _contact,
    _write_csv,
)

INTERACTION_FIELDS = [
    "conversation_id", "channel", "started_at", "ani", "email_address", "display_name",
]  # fmt: skip

PROFILES = [
    _contact("a", "Maria", "Lopez", "maria.lopez@mail.com", "(212) 555-0101", "1 Elm St",
             "1980-02-03"),
    _contact("d", "Peter", "Quinn", "peter.quinn@mail.com", "", "5 Pine Rd", "1955-07-08",
             "60601"),
]  # fmt: skip


def _conversation(conversation_id, started_at, ani="", email="", name="", channel="webchat"):
    return {
        "conversation_id": conversation_id, "channel": channel,
        "started_at": f"2025-03-{started_at}T10:00:00Z", "ani": ani, "email_address": email,
        "display_name": name,
    }  # fmt: skip


CONVERSATIONS = [
    _conversation("v1", "01", email="maria.lopez@mail.com", name="Maria"),  # Maria's inbox
    _conversation("v9", "02", email="maria.lopez@mail.com", name="Maria"),
    _conversation("v2", "03", email="mystery@inbox.example"),  # an inbox nobody's profile has
    _conversation("v3", "04", email="mystery@inbox.example"),
    _conversation("v7", "05", email="family@inbox.example"),
    _conversation("v8", "06", email="family@inbox.example"),
    _conversation("v4", "07", ani="+13125550199", channel="voice"),  # an unknown number
    _conversation("v6", "08", email="peter.quinn@mail.com", name="Peter"),  # Peter's inbox
    _conversation("v10", "09", ani="anonymous", channel="voice"),  # no identifier at all
]  # fmt: skip


def _decision(left, right, decision, at):
    left_system, left_id = left.split(":")
    right_system, right_id = right.split(":")
    return {
        "left_source_system": left_system, "left_source_record_id": left_id,
        "right_source_system": right_system, "right_source_record_id": right_id,
        "decision": decision, "decided_by": "steward@example.com",
        "decided_at": f"2025-{at}-01T00:00:00Z",
    }  # fmt: skip


DECISIONS = [
    _decision("interactions:v2", "crm:d", "match", "04"),  # conversation <-> profile
    _decision("interactions:v4", "interactions:v1", "match", "04"),  # conversation <-> conversation
    _decision("crm:a", "interactions:v9", "no_match", "04"),  # conversation <-> profile
    _decision("interactions:v8", "interactions:v7", "no_match", "04"),  # two conversations
    # The latest decision on a pair wins, whichever way round the pair is named.
    _decision("interactions:v6", "crm:a", "match", "04"),
    _decision("crm:a", "interactions:v6", "no_match", "05"),
    _decision("crm:d", "interactions:v10", "no_match", "04"),
    _decision("interactions:v10", "crm:d", "match", "05"),
]


def _build(tmp_path: Path, decisions: list[dict] | None) -> dict[str, str | None]:
    extracts = tmp_path / "extracts"
    extracts.mkdir()
    _write_csv(extracts / "crm_contacts.csv", CRM_FIELDS, PROFILES)
    _write_csv(extracts / "interactions.csv", INTERACTION_FIELDS, CONVERSATIONS)
    if decisions is not None:
        _write_csv(extracts / "steward_decisions.csv", DECISION_FIELDS, decisions)
    run = run_dbt(extracts, tmp_path / "run.duckdb")
    assert run.returncode == 0, run.output[-5000:]
    with duckdb.connect(str(run.database), read_only=True) as connection:
        rows = connection.execute(
            "select source_system || ':' || source_record_id, customer_id from main.customer_xref"
        ).fetchall()
    return dict(rows)


@pytest.fixture(scope="module")
def undecided(tmp_path_factory) -> dict[str, str | None]:
    return _build(tmp_path_factory.mktemp("undecided"), None)


@pytest.fixture(scope="module")
def decided(tmp_path_factory) -> dict[str, str | None]:
    return _build(tmp_path_factory.mktemp("decided"), DECISIONS)


def test_match_puts_a_conversation_and_its_inbox_in_the_profile_customer(undecided, decided):
    assert undecided["interactions:v2"] != undecided["crm:d"]
    assert decided["interactions:v2"] == decided["interactions:v3"] == decided["crm:d"]


def test_match_between_conversations_joins_an_unknown_number_to_a_customer(undecided, decided):
    assert undecided["interactions:v1"] == undecided["crm:a"]
    assert undecided["interactions:v4"] != undecided["crm:a"]
    assert decided["interactions:v4"] == decided["interactions:v1"] == decided["crm:a"]


def test_no_match_sends_a_conversation_out_of_the_profile_customer(undecided, decided):
    assert undecided["interactions:v9"] == undecided["crm:a"]
    assert decided["interactions:v9"] not in {decided["crm:a"], None}
    assert decided["interactions:v1"] == decided["crm:a"], "only the named conversation leaves"


def test_no_match_separates_two_conversations_of_one_inbox(undecided, decided):
    assert undecided["interactions:v7"] == undecided["interactions:v8"]
    assert decided["interactions:v7"] != decided["interactions:v8"]
    assert decided["interactions:v7"] == undecided["interactions:v7"], "the later one leaves"


def test_the_latest_decision_on_a_pair_wins(undecided, decided):
    assert decided["interactions:v6"] == undecided["interactions:v6"] == decided["crm:d"]
    assert undecided["interactions:v10"] is None
    assert decided["interactions:v10"] == decided["crm:d"]


def test_customer_interactions_says_a_steward_placed_it(decided, tmp_path_factory):
    database = next(Path(tmp_path_factory.getbasetemp()).glob("decided*/run.duckdb"))
    with duckdb.connect(str(database), read_only=True) as connection:
        attached_by = dict(
            connection.execute(
                "select conversation_id, attached_by from main.customer_interactions"
            ).fetchall()
        )
    assert attached_by["v2"] == attached_by["v10"] == "steward decision"
    assert attached_by["v1"] == "email or phone"
    assert attached_by["v9"] is None
