"""The Great Expectations suite (`make quality`) over the marts of the sample build."""

from __future__ import annotations

import shutil

import duckdb

from customer_identity.quality import run_quality


def test_the_sample_build_passes_and_data_docs_are_written(sample_build, tmp_path):
    docs = tmp_path / "quality"
    report = run_quality(sample_build.database, docs)
    assert report.success, report.text()
    assert report.docs_index is not None and report.docs_index.exists()
    assert (
        (docs / "summary.txt").read_text(encoding="utf-8").startswith("Data quality suite PASSED")
    )
    assert "golden_customer" in report.docs_index.read_text(encoding="utf-8")


def test_broken_marts_fail_the_suite_and_say_where(sample_build, tmp_path):
    database = tmp_path / "broken.duckdb"
    shutil.copy(sample_build.database, database)
    with duckdb.connect(str(database)) as connection:
        connection.execute(
            """
            update main.golden_customer
            set primary_phone = '555-0100', primary_email = 'Not An Email'
            where customer_id = (select min(customer_id) from main.golden_customer)
            """
        ).fetchall()
        connection.execute(
            "insert into main.customer_xref select * from main.customer_xref limit 1"
        ).fetchall()
        connection.execute(
            "update main.golden_customer set first_name = null where hash(customer_id) % 2 = 0"
        ).fetchall()
    report = run_quality(database, tmp_path / "quality")
    assert not report.success
    failures = [line for line in report.lines if "FAIL" in line]
    assert any("match_regex primary_phone" in line for line in failures), failures
    assert any("match_regex primary_email" in line for line in failures), failures
    assert any("compound_columns_to_be_unique" in line for line in failures), failures
    assert any("not_be_null first_name" in line for line in failures), failures
    assert len(failures) == 4, report.text()


def test_the_cli_exits_non_zero_on_failure(sample_build, tmp_path):
    from customer_identity.cli import main

    database = tmp_path / "cap.duckdb"
    shutil.copy(sample_build.database, database)
    with duckdb.connect(str(database)) as connection:
        connection.execute("update main.golden_customer set source_record_count = 0").fetchall()
    assert main(["quality", "--database", str(database), "--docs", str(tmp_path / "q")]) == 1
