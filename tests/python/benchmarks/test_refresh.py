"""The refresh benchmark: its change generator and its report lines."""

from __future__ import annotations

import csv

from conftest import SAMPLE_DIR
from customer_identity.benchmarks.refresh import Timing, change_extracts, phases_line


def _rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_a_tenth_of_each_extract_becomes_new_or_changed_in_a_copy(tmp_path):
    sample_rows = len(_rows(SAMPLE_DIR / "crm_contacts.csv"))
    touched = change_extracts(SAMPLE_DIR, tmp_path / "changed", 0.10, seed=1)
    new_and_changed = 0
    for name, id_column in (("crm_contacts.csv", "Id"), ("interactions.csv", "conversation_id")):
        before = {row[id_column]: row for row in _rows(SAMPLE_DIR / name)}
        after = {row[id_column]: row for row in _rows(tmp_path / "changed" / name)}
        assert before.keys() <= after.keys()
        new = after.keys() - before.keys()
        changed = [key for key in before if before[key] != after[key]]
        assert abs(len(new) - len(before) * 0.05) <= 1
        assert abs(len(changed) - len(before) * 0.05) <= 1
        new_and_changed += len(new) + len(changed)
    assert 0 < new_and_changed <= touched
    assert len(_rows(SAMPLE_DIR / "crm_contacts.csv")) == sample_rows, "the sample was changed"


def test_phase_line_lists_the_phases_that_took_time_in_run_order():
    timing = Timing(
        "refresh 1%",
        40.0,
        58.0,
        35.0,
        [],
        {"data tests": 9.8, "staging": 12.9, "Splink training": 0.0, "golden records": 8.2},
    )
    assert phases_line(timing) == (
        "    dbt node seconds by phase: staging 12.9, golden records 8.2, data tests 9.8"
    )
