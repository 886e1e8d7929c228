from pathlib import Path

import duckdb
import pytest

from customer_identity.evaluation import evaluate, format_report


def _write_run(tmp_path: Path, xref: list[tuple[str, str, str | None]], truth: list[tuple]) -> Path:
    database = tmp_path / "run.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute(
            "create table customer_xref (source_system varchar, source_record_id varchar, "
            "customer_id varchar)"
        )
        connection.executemany("insert into customer_xref values (?, ?, ?)", xref)
    (tmp_path / "ground_truth.csv").write_text(
        "source_system,source_record_id,person_id\n"
        + "".join(f"{s},{r},{p}\n" for s, r, p in truth)
    )
    return database


def test_perfect_clustering_scores_one(tmp_path):
    database = _write_run(
        tmp_path,
        [("crm", "1", "A"), ("erp", "1", "A"), ("crm", "2", "B")],
        [("crm", "1", "p1"), ("erp", "1", "p1"), ("crm", "2", "p2")],
    )
    scores = evaluate(database, tmp_path / "ground_truth.csv")["all records"]
    assert scores.pairwise_f1 == pytest.approx(1.0)
    assert scores.bcubed_f1 == pytest.approx(1.0)
    assert scores.max_persons_in_a_cluster == 1


def test_false_merge_and_missed_match_are_counted(tmp_path):
    # Predicted {c1,c2,e1} and {l1}; truth {c1,c2} {e1,l1}.
    database = _write_run(
        tmp_path,
        [("crm", "1", "A"), ("crm", "2", "A"), ("erp", "1", "A"), ("legacy", "1", "B")],
        [("crm", "1", "p1"), ("crm", "2", "p1"), ("erp", "1", "p2"), ("legacy", "1", "p2")],
    )
    scores = evaluate(database, tmp_path / "ground_truth.csv")["profile records"]
    # Predicted pairs 3, true pairs 2, correct 1.
    assert scores.pairwise_precision == pytest.approx(1 / 3)
    assert scores.pairwise_recall == pytest.approx(1 / 2)
    # B-cubed precision: c1,c2: 2/3 each; e1: 1/3; l1: 1 -> (2/3+2/3+1/3+1)/4.
    assert scores.bcubed_precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert scores.bcubed_recall == pytest.approx((1 + 1 + 1 / 2 + 1 / 2) / 4)
    assert scores.largest_cluster_records == 3
    assert scores.largest_cluster_persons == 2


def test_records_without_customer_are_singletons(tmp_path):
    database = _write_run(
        tmp_path,
        [("crm", "1", "A"), ("interactions", "9", None), ("interactions", "8", None)],
        [("crm", "1", "p1"), ("interactions", "9", "p1"), ("interactions", "8", "p1")],
    )
    results = evaluate(database, tmp_path / "ground_truth.csv")
    assert results["all records"].pairwise_recall == pytest.approx(0.0)
    assert results["all records"].pairwise_precision == pytest.approx(1.0)
    assert "profile records" in format_report(results)


def test_missing_ground_truth_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="ground_truth"):
        evaluate(tmp_path / "run.duckdb", tmp_path / "ground_truth.csv")


def test_accuracy_report_sweep_agrees_with_the_run(sample_build, tmp_path):
    from conftest import SAMPLE_DIR
    from customer_identity.accuracy_report import write_accuracy_report

    report = tmp_path / "accuracy.md"
    results = write_accuracy_report(sample_build.database, SAMPLE_DIR / "ground_truth.csv", report)
    text = report.read_text(encoding="utf-8")
    for heading in ("Threshold sweep", "Customers by number", "false merges", "missed matches"):
        assert heading in text
    # At the run's own threshold the sweep re-clusters to the run's profile figures.
    profile = results["profile records"]
    row = next(line for line in text.splitlines() if line.startswith("| 0.95 |"))
    assert f"{profile.pairwise_precision:.4f}" in row
    assert f"{profile.pairwise_recall:.4f}" in row
