"""End to end: the dbt project on the bundled sample and on variations of it."""

from __future__ import annotations

import csv
import json

import duckdb
import pytest

from conftest import EXTRACTS, SAMPLE_DIR, query, run_dbt


def _csv_rows(path) -> int:
    with open(path, newline="", encoding="utf-8", errors="replace") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def test_contract_outputs_exist_with_their_columns(sample_build):
    columns = {
        table: {row[0] for row in query(sample_build.database, f"describe main.{table}")}
        for table in ("golden_customer", "customer_xref", "quarantined_records")
    }
    assert {
        "customer_id",
        "first_name",
        "last_name",
        "primary_email",
        "primary_phone",
        "street",
        "city",
        "postcode",
        "country_code",
        "date_of_birth",
        "loyalty_tier",
        "preferred_language",
        "last_purchase_date",
        "lifetime_value",
        "first_seen_at",
        "last_seen_at",
        "source_record_count",
    } <= columns["golden_customer"]
    assert {"source_system", "source_record_id", "customer_id"} <= columns["customer_xref"]
    assert {"source_system", "source_record_id", "reason", "raw_record"} <= columns[
        "quarantined_records"
    ]


def test_sample_build_runs_every_dbt_unit_test_and_they_pass(sample_build):
    # `make run` leaves dbt's unit tests out; the tests' sample build is where they run.
    target = sample_build.database.parent / "target"
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    statuses = {
        result["unique_id"]: result["status"]
        for result in results
        if result["unique_id"].startswith("unit_test.")
    }
    assert manifest["unit_tests"], "the project defines no unit test"
    assert set(statuses) == set(manifest["unit_tests"])
    assert set(statuses.values()) == {"pass"}


@pytest.mark.parametrize("source_system", sorted(EXTRACTS))
def test_every_row_is_either_resolved_or_quarantined(sample_build, source_system):
    file_rows = _csv_rows(SAMPLE_DIR / f"{EXTRACTS[source_system]}.csv")
    [(xref_rows,)] = query(
        sample_build.database,
        f"select count(*) from main.customer_xref where source_system = '{source_system}'",
    )
    [(quarantined,)] = query(
        sample_build.database,
        f"select count(*) from main.quarantined_records where source_system = '{source_system}'",
    )
    assert file_rows > 0
    assert xref_rows + quarantined == file_rows


def test_profile_records_all_resolve_and_customers_merge(sample_build):
    [(unresolved,)] = query(
        sample_build.database,
        "select count(*) from main.customer_xref "
        "where source_system <> 'interactions' and customer_id is null",
    )
    [(records, customers)] = query(
        sample_build.database,
        "select count(customer_id), count(distinct customer_id) from main.customer_xref",
    )
    assert unresolved == 0
    assert customers < records  # records of one person were merged


def test_golden_values_are_normalised(sample_build):
    [(bad_emails, bad_phones)] = query(
        sample_build.database,
        """
        select
            count(*) filter (where primary_email <> lower(trim(primary_email))),
            count(*) filter (where not regexp_full_match(primary_phone, '\\+[1-9][0-9]{7,14}'))
        from main.golden_customer
        """,
    )
    assert bad_emails == 0
    assert bad_phones == 0


def test_missing_extracts_mean_no_rows(tmp_path, extracts_dir):
    for name in ("erp_customers", "legacy_customers", "interactions"):
        (extracts_dir / f"{name}.csv").unlink()
    run = run_dbt(extracts_dir, tmp_path / "crm_only.duckdb")
    assert run.returncode == 0, run.output[-5000:]
    assert query(run.database, "select distinct source_system from main.customer_xref") == [
        ("crm",)
    ]


def test_missing_required_column_fails_naming_file_and_column(tmp_path, extracts_dir):
    path = extracts_dir / "erp_customers.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with open(path, "w", newline="", encoding="utf-8") as handle:
        fields = [field for field in rows[0] if field != "email"]
        writer = csv.DictWriter(handle, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    run = run_dbt(extracts_dir, tmp_path / "broken.duckdb")
    assert run.returncode != 0
    assert "erp_customers.csv" in run.output
    assert "required column 'email' is missing" in run.output


def test_parquet_extracts_give_the_same_customers(sample_build, tmp_path, extracts_dir):
    with duckdb.connect() as connection:
        for name in EXTRACTS.values():
            csv_path = extracts_dir / f"{name}.csv"
            connection.execute(
                f"copy (select * from read_csv('{csv_path}', all_varchar = true)) "
                f"to '{extracts_dir / name}.parquet' (format parquet)"
            )
            csv_path.unlink()
    run = run_dbt(extracts_dir, tmp_path / "parquet.duckdb")
    assert run.returncode == 0, run.output[-5000:]
    sql = "select count(*), count(distinct customer_id) from main.customer_xref"
    assert query(run.database, sql) == query(sample_build.database, sql)


def test_a_new_data_set_trains_its_own_model_and_links_well(tmp_path):
    from customer_identity.evaluation import evaluate
    from customer_identity.synthetic.generator import generate

    extracts = tmp_path / "generated"
    generate(persons=600, seed=424242, out_dir=extracts)
    model_path = tmp_path / "model.json"
    run = run_dbt(extracts, tmp_path / "generated.duckdb", model_path=model_path)
    assert run.returncode == 0, run.output[-5000:]
    assert model_path.exists(), "the first run on a new data set trains and saves a model"
    scores = evaluate(run.database, extracts / "ground_truth.csv")
    assert scores["profile records"].pairwise_f1 > 0.9
    assert scores["profile records"].max_persons_in_a_cluster <= 3


def test_malformed_rows_are_quarantined_with_a_reason(tmp_path, extracts_dir):
    path = extracts_dir / "crm_contacts.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header, first, second = lines[0], lines[1], lines[2]
    first_id = first.split(",")[0]
    width = len(header.split(","))
    broken = [
        first,  # the same Id again
        "," + ",".join(second.split(",")[1:]),  # no Id
        ",".join(["x"] * (width + 3)),  # too many fields
        '"0030000BROKEN","unclosed,' + "," * (width - 2),  # a quote that never closes
    ]
    path.write_text("\n".join([*lines, *broken]) + "\n", encoding="utf-8")
    run = run_dbt(extracts_dir, tmp_path / "damaged.duckdb")
    assert run.returncode == 0, run.output[-5000:]
    reasons = [
        row[0]
        for row in query(
            run.database,
            "select reason from main.quarantined_records where source_system = 'crm' "
            "order by reason",
        )
    ]
    assert any(f"duplicate Id '{first_id.strip(chr(34))}'" in r for r in reasons), reasons
    assert any(r.startswith("Id is empty") for r in reasons), reasons
    unreadable = [r for r in reasons if "could not be read" in r]
    assert len(unreadable) == 2, reasons
    assert any(f"line {len(lines) + 3} of crm_contacts" in r for r in unreadable), unreadable
    assert any("unterminated quote" in r for r in unreadable), unreadable
    [(xref_rows,)] = query(
        run.database, "select count(*) from main.customer_xref where source_system = 'crm'"
    )
    # Every data line of the file is either resolved or quarantined.
    assert xref_rows + len(reasons) == len(lines) - 1 + len(broken)
