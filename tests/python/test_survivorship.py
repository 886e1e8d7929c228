"""Survivorship is configuration: a strategy changed in the seed changes the golden output."""

from __future__ import annotations

import csv
import shutil

import duckdb

from conftest import PROJECT_DIR, SAMPLE_DIR, run_dbt

RULES = "seeds/survivorship/survivorship_rules.csv"


def _query(database, sql):
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def _project_copy(target):
    shutil.copytree(
        PROJECT_DIR,
        target,
        ignore=shutil.ignore_patterns(
            ".venv",
            ".git",
            "target",
            "logs",
            "reports",
            "data",
            "*.duckdb*",
            "__pycache__",
            ".*_cache",
        ),
    )
    return target


def test_changing_one_strategy_in_the_seed_changes_the_golden_output(sample_build, tmp_path):
    project = _project_copy(tmp_path / "project")
    rules_path = project / RULES
    with open(rules_path, newline="", encoding="utf-8") as handle:
        rules = list(csv.DictReader(handle))
    for rule in rules:
        if rule["attribute"] == "first_name":
            assert rule["strategy"] == "source_priority"
            rule["strategy"] = "most_recent"
    with open(rules_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rules[0]))
        writer.writeheader()
        writer.writerows(rules)
    # Only the seed differs from the project: no SQL was edited.
    changed = [
        path.relative_to(project)
        for path in project.rglob("*")
        if path.is_file()
        and (PROJECT_DIR / path.relative_to(project)).read_bytes() != path.read_bytes()
    ]
    assert [str(path) for path in changed] == [RULES]

    database = tmp_path / "changed.duckdb"
    shutil.copy(sample_build.database, database)
    run = run_dbt(
        SAMPLE_DIR, database, "build", "--select", "survivorship_rules+", project_dir=project
    )
    assert run.returncode == 0, run.output[-5000:]

    sql = "select customer_id, first_name from main.golden_customer order by customer_id"
    before = dict(_query(sample_build.database, sql))
    after = dict(_query(database, sql))
    assert before.keys() == after.keys()
    differing = [key for key in before if before[key] != after[key]]
    assert differing, "first_name by most_recent picks other values than by source_priority"
    assert _query(
        database,
        "select distinct rule from main.golden_customer_lineage where attribute = 'first_name'",
    ) == [("most_recent",)]
    # The other attributes are untouched.
    other = "select customer_id, last_name, primary_email from main.golden_customer order by 1"
    assert _query(database, other) == _query(sample_build.database, other)


def test_every_golden_cell_has_its_lineage_row(sample_build):
    [(cells_without_lineage,)] = _query(
        sample_build.database,
        """
        select count(*)
        from main.golden_customer as golden
        left join main.golden_customer_lineage as lineage
            on golden.customer_id = lineage.customer_id and lineage.attribute = 'primary_email'
        where golden.primary_email is not null
            and lineage.value is distinct from golden.primary_email
        """,
    )
    assert cells_without_lineage == 0
