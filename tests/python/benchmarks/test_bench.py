"""The pure parts of `customer-identity bench`: phase grouping and the report."""

from __future__ import annotations

import sys

import pytest

from customer_identity.benchmarks import bench
from customer_identity.benchmarks.bench import (
    CLUSTERING,
    DETERMINISTIC,
    GOLDEN,
    PREDICTION,
    STAGING,
    TESTS,
    TRAINING,
    BenchResult,
    Machine,
    Measured,
    format_report,
    measure,
    phase_of,
    phase_seconds,
)


@pytest.mark.parametrize(
    ("resource_type", "name", "path", "phase"),
    [
        ("model", "stg_crm__contacts", "models/staging/crm/stg_crm__contacts.sql", STAGING),
        ("seed", "nicknames", "seeds/identity/nicknames.csv", STAGING),
        ("model", "int_identity_identifiers_profiled",
         "models/intermediate/identity/int_identity_identifiers_profiled.sql", DETERMINISTIC),
        ("model", "int_identity_pairs_scored",
         "models/intermediate/identity/int_identity_pairs_scored.py", PREDICTION),
        ("model", "int_identity_profile_clusters",
         "models/intermediate/identity/int_identity_profile_clusters.py", CLUSTERING),
        ("model", "int_customer_id_events",
         "models/intermediate/history/int_customer_id_events.sql", CLUSTERING),
        # a model added later to the identity folder counts as clustering, elsewhere as golden
        ("model", "int_identity_new_step",
         "models/intermediate/identity/int_identity_new_step.sql", CLUSTERING),
        ("model", "int_customer_attributes_survived",
         "models/intermediate/survivorship/int_customer_attributes_survived.sql", GOLDEN),
        ("model", "golden_customer", "models/marts/customers/golden_customer.sql", GOLDEN),
        ("test", "unique_golden_customer_customer_id", "models/marts/customers/x.yml", TESTS),
        ("unit_test", "every_strategy", "models/intermediate/survivorship/x.yml", TESTS),
    ],
)  # fmt: skip
def test_phase_of(resource_type, name, path, phase):
    assert phase_of(resource_type, name, path) == phase


def _node(unique_id: str, path: str) -> dict:
    resource_type, _, name = unique_id.split(".")
    return {"resource_type": resource_type, "name": name, "original_file_path": path}


RUN_RESULTS = {
    "elapsed_time": 100.0,
    "results": [
        {"unique_id": "model.p.stg_crm__contacts", "execution_time": 10.0},
        {"unique_id": "model.p.stg_erp__customers", "execution_time": 5.0},
        {"unique_id": "model.p.int_identity_pairs_scored", "execution_time": 30.0},
        {"unique_id": "model.p.golden_customer", "execution_time": 4.0},
        {"unique_id": "test.p.unique_golden_customer_id", "execution_time": 1.5},
        {"unique_id": "unit_test.p.golden_customer.pivots", "execution_time": 0.5},
    ],
}
MANIFEST = {
    "nodes": {
        "model.p.stg_crm__contacts": _node("model.p.stg_crm__contacts", "models/staging/c.sql"),
        "model.p.stg_erp__customers": _node("model.p.stg_erp__customers", "models/staging/e.sql"),
        "model.p.int_identity_pairs_scored": _node(
            "model.p.int_identity_pairs_scored", "models/intermediate/identity/p.py"
        ),
        "model.p.golden_customer": _node("model.p.golden_customer", "models/marts/g.sql"),
        "test.p.unique_golden_customer_id": _node("test.p.x", "models/marts/_m.yml"),
    },
    "unit_tests": {
        "unit_test.p.golden_customer.pivots": {
            "resource_type": "unit_test",
            "name": "pivots",
            "original_file_path": "models/marts/_m.yml",
        }
    },
}


def test_phase_seconds_adds_up_nodes_and_splits_the_linkage_model():
    seconds = phase_seconds(RUN_RESULTS, MANIFEST, {"linkage training": 18.0})
    assert list(seconds) == list(bench.PHASES)
    assert seconds[STAGING] == 15.0
    assert seconds[TRAINING] == 18.0
    assert seconds[PREDICTION] == 12.0
    assert seconds[GOLDEN] == 4.0
    assert seconds[TESTS] == 2.0
    assert seconds[DETERMINISTIC] == seconds[CLUSTERING] == 0.0


def test_phase_seconds_without_training_leaves_the_model_in_prediction():
    seconds = phase_seconds(RUN_RESULTS, MANIFEST, {})
    assert seconds[TRAINING] == 0.0
    assert seconds[PREDICTION] == 30.0


def _result(bare: dict | None) -> BenchResult:
    return BenchResult(
        persons=1000,
        seed=7,
        input_records=4000,
        machine=Machine(cores=2, memory_bytes=24 * 2**30, load_before=1.0, load_after=2.5),
        job=Measured(wall=120.0, cpu=200.0, peak_bytes=3 * 2**30, returncode=0),
        phases=dict.fromkeys(bench.PHASES, 10.0),
        dbt_elapsed=100.0,
        linked_records=1500,
        comparisons=3000,
        accuracy={"profile records": 0.98, "all records": 0.85},
        bare=bare,
    )


BARE = {
    "phases": {"load and normalise": [5.0, 4.0], "training": [40.0, 60.0],
               "prediction": [40.0, 70.0], "clustering": [15.0, 6.0]},
    "records": 4000,
    "pairs": 900,
    "clusters": 1100,
    "peak_memory_bytes": 2**30,
    "comparisons": 8000,
    "accuracy": {"profile F1": 0.5, "all F1": 0.25},
}  # fmt: skip


def test_report_gives_the_machine_the_phases_and_the_totals():
    report = format_report(_result(None))
    assert "4,000 records (1,000 persons, seed 7)" in report
    assert "2 cores, 24.0 GiB memory; load average 1.0 before the run, 2.5 after" in report
    assert "| Splink training | 10.0 |" in report
    assert "| sum of the above (dbt runs two nodes at a time) | 70.0 |" in report
    assert "| start-up, parsing, publishing, summary | 20.0 |" in report
    assert "| **whole job, wall clock** | **120.0** |" in report
    assert "3,000 comparisons among the 1,500 profile records it links: 2.00 per record" in report
    assert "profile records 0.980, all records 0.850" in report
    assert "Bare Splink" not in report
    assert "end to end ≤ 180 s: yes; peak ≤ 8.0 GiB: yes; ≤ 50 comparisons per record: yes." in (
        report
    )


def test_report_compares_with_bare_splink():
    report = format_report(_result(BARE))
    assert "| **total** | **100.0** | 140.0 |" in report
    assert "8,000 comparisons, 2.00 per record" in report
    assert "profile records 0.500, all records 0.250" in report
    assert "1.20x wall clock, 1.43x CPU" in report
    assert "≤ 1.3x bare Splink: yes" in report


def test_report_flags_a_missed_target():
    slow = _result({**BARE, "phases": {"training": [60.0, 60.0]}})
    slow.job.peak_bytes = 9 * 2**30
    report = format_report(slow)
    assert "2.00x wall clock" in report
    assert "≤ 1.3x bare Splink: **no**" in report
    assert "peak ≤ 8.0 GiB: **no**" in report


def test_measure_accounts_for_the_child_process(tmp_path):
    log = tmp_path / "child.log"
    busy = "import time\nprint('hi')\nwhile time.process_time() < 0.3: pass"
    measured = measure([sys.executable, "-c", busy], log)
    assert measured.returncode == 0
    assert measured.cpu >= 0.3
    assert measured.wall >= 0.3
    assert measured.peak_bytes > 1_000_000
    assert log.read_text() == "hi\n"
    failed = measure([sys.executable, "-c", "raise SystemExit(3)"], log)
    assert failed.returncode == 3
