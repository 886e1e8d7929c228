"""Data sets too small or too sparse to train a linkage model on still build.

The contract allows any number of rows, from zero, and a data set from one source only. A new
data set trains its own model on its first run; when its profile records give Splink nothing
to learn from (none, a handful, one filled column), the run links by the deterministic rules
alone, says so, and saves no model, so a later run on more data trains one.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import SAMPLE_DIR, query, run_dbt


def _first_lines(path, count):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[: count + 1]), encoding="utf-8")


@pytest.mark.parametrize("variant", ["interactions-only", "one-row-each"])
def test_a_data_set_too_small_to_train_on_builds(tmp_path, variant):
    extracts = tmp_path / "extracts"
    shutil.copytree(SAMPLE_DIR, extracts)
    (extracts / "ground_truth.csv").unlink()
    for path in extracts.glob("*.csv"):
        if variant == "interactions-only" and path.stem != "interactions":
            path.unlink()
        elif variant == "one-row-each":
            _first_lines(path, 1)
    model_path = tmp_path / "model.json"
    run = run_dbt(extracts, tmp_path / "small.duckdb", model_path=model_path)
    assert run.returncode == 0, run.output[-5000:]
    assert "deterministic rules only" in run.output
    assert not model_path.exists(), "no model is saved: the next run tries again"
    [(records, customers)] = query(
        run.database, "select count(*), count(customer_id) from main.customer_xref"
    )
    assert records > 0
    if variant == "one-row-each":
        assert customers >= 3
        assert query(run.database, "select count(*) from main.golden_customer")[0][0] >= 3
