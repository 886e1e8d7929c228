"""The bare Splink reference: its one-table union of the extracts and its scoring."""

from __future__ import annotations

import datetime

import duckdb
import pytest

from customer_identity.benchmarks.bare_splink import accuracy, union_sql

EXTRACTS = {
    "crm_contacts.csv": (
        "Id,FirstName,LastName,Email,Phone,MobilePhone,MailingPostalCode,MailingCity,Birthdate\n"
        "c1, Ann ,SMITH, Ann@X.com ,(555) 123-4567,,12345-6789,Springfield,1980-02-03\n"
        "c2,Bo,Li,,,tel:+15559876543,,,not a date\n"
    ),
    "erp_customers.csv": (
        "customer_no,full_name,email,phone,zip,city,date_of_birth\n"
        'e1,"SMITH, Ann",ann@x.com,+1 555 123 4567,12345,SPRINGFIELD,02/03/1980\n'
        "e2,Mary Jane Watson,,,,,\n"
    ),
    "legacy_customers.csv": (
        "legacy_id,first_name,last_name,email,phone,postcode,city,dob\n"
        "l1,ann,smith,,555.123.4567,12345,springfield,19800203\n"
    ),
    "interactions.csv": (
        "conversation_id,display_name,email_address,ani\nv1,Ann,,anonymous\nv2,,a@b.co,\n"
    ),
}


@pytest.fixture
def records(tmp_path):
    for name, text in EXTRACTS.items():
        (tmp_path / name).write_text(text)
    with duckdb.connect() as connection:
        relation = connection.sql(union_sql(tmp_path))
        rows = relation.fetchall()
        return {row[0]: dict(zip(relation.columns, row, strict=True)) for row in rows}


def test_every_extract_in_one_table(records):
    assert sorted(records) == ["crm:c1", "crm:c2", "erp:e1", "erp:e2", "interactions:v1",
                               "interactions:v2", "legacy:l1"]  # fmt: skip


def test_simple_normalisation_makes_the_same_person_agree(records):
    same_person = [records[key] for key in ("crm:c1", "erp:e1", "legacy:l1")]
    for column in ("first_name", "surname", "phone", "postcode", "city", "date_of_birth"):
        assert len({row[column] for row in same_person}) == 1, column
    assert same_person[0]["date_of_birth"] == datetime.date(1980, 2, 3)
    assert same_person[0]["phone"] == "5551234567"
    assert same_person[0]["email"] == "ann@x.com"


def test_names_in_one_field_and_missing_values(records):
    assert (records["erp:e2"]["first_name"], records["erp:e2"]["surname"]) == ("mary", "watson")
    assert (records["interactions:v1"]["first_name"], records["interactions:v1"]["surname"]) == (
        "ann",
        None,
    )
    assert records["interactions:v1"]["phone"] is None  # `anonymous` has no digits
    assert records["crm:c2"]["phone"] == "5559876543"  # the mobile when there is no phone
    assert records["crm:c2"]["date_of_birth"] is None


def test_no_extract_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="none of the contract extracts"):
        union_sql(tmp_path)


def test_accuracy_of_clusters_against_ground_truth(tmp_path):
    truth = tmp_path / "ground_truth.csv"
    truth.write_text(
        "source_system,source_record_id,person_id\n"
        "crm,1,P1\nerp,1,P1\nlegacy,1,P2\ninteractions,1,P1\n"
    )
    with duckdb.connect() as connection:
        connection.execute(
            "create table clusters as select * from (values "
            "('crm:1', 'A'), ('erp:1', 'A'), ('legacy:1', 'A'), ('interactions:1', 'B')) "
            "as t(unique_id, cluster_id)"
        )
        figures = accuracy(connection, truth)
    # profiles: predicted pairs crm-erp, crm-legacy, erp-legacy; the true one is crm-erp
    assert figures["profile precision"] == pytest.approx(1 / 3)
    assert figures["profile recall"] == 1.0
    # all records: three true pairs (crm, erp, interactions of P1), one found
    assert figures["all recall"] == pytest.approx(1 / 3)
