from pathlib import Path

import duckdb
import pytest

from customer_identity.recall_ceiling import format_ceilings, recall_ceilings

_COLUMNS = (
    "source_system, source_record_id, is_profile, first_name_key, last_name_key, "
    "first_name_variants, email_canonical, phone_e164, mobile_phone_e164, cookie_id, ip_address"
)


def _write(tmp_path: Path, records: list[tuple], truth: dict[str, str]) -> tuple[Path, Path]:
    database = tmp_path / "run.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema identity")
        connection.execute(
            "create table identity.int_identity_records_unioned (source_system varchar, "
            "source_record_id varchar, is_profile boolean, first_name_key varchar, "
            "last_name_key varchar, first_name_variants varchar[], email_canonical varchar, "
            "phone_e164 varchar, mobile_phone_e164 varchar, cookie_id varchar, "
            "ip_address varchar, record_key varchar)"
        )
        connection.executemany(
            f"insert into identity.int_identity_records_unioned ({_COLUMNS}, record_key) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? || ':' || ?)",
            [(*record, record[0], record[1]) for record in records],
        )
    ground_truth = tmp_path / "ground_truth.csv"
    ground_truth.write_text(
        "source_system,source_record_id,person_id\n"
        + "".join(f"{key.replace(':', ',')},{person}\n" for key, person in truth.items())
    )
    return database, ground_truth


def _conversation(record_id, first=None, last=None, variants=(), email=None, phone=None,
                  cookie=None, ip=None):  # fmt: skip
    return ("interactions", record_id, False, first, last, list(variants), email, phone, None,
            cookie, ip)  # fmt: skip


def test_oracles_join_only_what_the_data_can_justify(tmp_path):
    records = [
        # Person p1: two profile records that share nothing (joined by the oracles anyway).
        ("crm", "1", True, "robert", "smith", ["robert"], "rs@x.com", "+1555", None, None, None),
        ("erp", "1", True, "robert", "smith", ["robert"], None, "+1666", None, None, None),
        # c1 calls from a phone a profile holds; c2 chats from the same browser as c1 never
        # did but from c3's, and c3 gives the nickname and caller-id order `SMITH BOB`.
        _conversation("c1", phone="+1555"),
        _conversation("c2", first="bob", cookie="ck1"),
        _conversation("c3", first="smith", last="robert", cookie="ck1"),
        # c4 calls from a number nobody else used, no name: an identifier, no evidence.
        _conversation("c4", phone="+1999"),
        # c5 is an anonymous call: nothing at all.
        _conversation("c5"),
        # Person p2 alone, sharing p1's cookie value does not join them.
        ("crm", "2", True, "ann", "lee", ["ann"], None, None, None, None, None),
        _conversation("c6", first="ann", cookie="ck1"),
    ]
    truth = {"crm:1": "p1", "erp:1": "p1", "crm:2": "p2", "interactions:c6": "p2"}
    truth.update({f"interactions:c{i}": "p1" for i in range(1, 6)})
    ceilings = recall_ceilings(*_write(tmp_path, records, truth))
    # p1 has 7 records (21 pairs), p2 has 2 (1 pair): 22 true pairs.
    # Identifier oracle: p1's records but c5 together (6: 15 pairs), p2's together (1).
    assert ceilings["identifier oracle"] == pytest.approx(16 / 22)
    # Evidence oracle: crm:1, erp:1, c1 by profile and phone; c2-c3 by cookie, and c3 to
    # the profiles by its swapped name: 5 records (10 pairs); c4, c5 alone. c6 shares no
    # value with crm:2 (its cookie's other holders are another person's): no pair for p2.
    assert ceilings["evidence oracle"] == pytest.approx(10 / 22)
    # Nobody else is called Robert Smith: the name is evidence there too.
    assert ceilings["evidence, unique names"] == pytest.approx(10 / 22)
    assert "evidence oracle" in format_ceilings(ceilings)


def test_a_name_two_people_bear_is_no_evidence_when_unique_names_are_required(tmp_path):
    records = [
        ("crm", "1", True, "ann", "lee", ["ann"], None, None, None, None, None),
        ("crm", "2", True, "ann", "lee", ["ann"], None, None, None, None, None),
        _conversation("c1", first="ann", last="lee", variants=["ann"]),
    ]
    truth = {"crm:1": "p1", "crm:2": "p2", "interactions:c1": "p1"}
    ceilings = recall_ceilings(*_write(tmp_path, records, truth))
    assert ceilings["evidence oracle"] == pytest.approx(1.0)
    assert ceilings["evidence, unique names"] == pytest.approx(0.0)


def test_missing_ground_truth_is_an_error_naming_the_file(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"ground_truth\.csv"):
        recall_ceilings(tmp_path / "run.duckdb", tmp_path / "ground_truth.csv")
