"""Atomic publish: a failed run leaves the last good published tables intact and readable."""

from __future__ import annotations

import hashlib
import json
import shutil
import sys

import duckdb
import pytest

from conftest import DBT, PROJECT_DIR, SAMPLE_MODEL
from customer_identity.publish import PublishError, build_and_publish, working_path

GOLDEN_FINGERPRINT = """
    select count(*), sum(hash(customer_id, first_name, last_name, primary_email, primary_phone))
    from main.golden_customer
"""


def _fingerprint(database):
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(GOLDEN_FINGERPRINT).fetchall()


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _python(script: str) -> list[str]:
    return [sys.executable, "-c", script]


@pytest.fixture
def published(sample_build, tmp_path):
    """A copy of the sample build, standing for the last good published database."""
    target = tmp_path / "published.duckdb"
    shutil.copy(sample_build.database, target)
    return target


def test_success_replaces_the_published_file_and_keeps_what_was_there(published):
    build_and_publish(
        published,
        _python(
            "import duckdb, os\n"
            "with duckdb.connect(os.environ['DUCKDB_PATH']) as c:\n"
            "    c.execute('create table main.run_marker as select 42 as answer').fetchall()\n"
        ),
    )
    with duckdb.connect(str(published), read_only=True) as connection:
        assert connection.execute("select answer from main.run_marker").fetchall() == [(42,)]
        assert connection.execute("select count(*) from main.golden_customer").fetchall()[0][0]
    assert not working_path(published).exists()


def test_first_run_publishes_a_new_file(tmp_path):
    target = tmp_path / "fresh.duckdb"
    build_and_publish(
        target,
        _python(
            "import duckdb, os\n"
            "with duckdb.connect(os.environ['DUCKDB_PATH']) as c:\n"
            "    c.execute('create table t as select 1 as x').fetchall()\n"
        ),
    )
    assert target.exists()


def test_a_crash_half_way_publishes_nothing_and_readers_can_read_meanwhile(published):
    before = _digest(published)
    fingerprint = _fingerprint(published)
    with pytest.raises(PublishError, match="nothing was published"):
        build_and_publish(
            published,
            _python(
                "import duckdb, os, sys\n"
                # A reader opens the published file while the run is writing its copy.
                f"with duckdb.connect({str(published)!r}, read_only=True) as reader:\n"
                "    reader.execute('select count(*) from main.golden_customer').fetchall()\n"
                "with duckdb.connect(os.environ['DUCKDB_PATH']) as c:\n"
                "    c.execute('drop table main.golden_customer').fetchall()\n"
                "sys.exit(3)\n"
            ),
        )
    assert _digest(published) == before
    assert _fingerprint(published) == fingerprint
    assert not working_path(published).exists()


def _dbt_build(raw_data_dir, tmp_path, **extra_vars) -> list[str]:
    dbt_vars = {
        "raw_data_dir": str(raw_data_dir),
        "linkage_model_path": str(SAMPLE_MODEL),
        **extra_vars,
    }
    return [
        str(DBT),
        "build",
        "--fail-fast",
        "--project-dir",
        str(PROJECT_DIR),
        "--target-path",
        str(tmp_path / "target"),
        "--log-path",
        str(tmp_path / "logs"),
        "--vars",
        json.dumps(dbt_vars),
    ]


def test_failed_dbt_runs_leave_the_golden_tables_unchanged(
    published, extracts_dir, tmp_path, capfd
):
    env = {"DBT_PROFILES_DIR": str(PROJECT_DIR), "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"}
    fingerprint = _fingerprint(published)
    before = _digest(published)

    # Bad input: a required column is missing from one extract.
    erp = extracts_dir / "erp_customers.csv"
    header = erp.read_text(encoding="utf-8").splitlines()[0].split(",")
    erp.write_text(",".join(name for name in header if name != '"email"') + "\n", "utf-8")
    with pytest.raises(PublishError):
        build_and_publish(published, _dbt_build(extracts_dir, tmp_path), env=env)
    assert "required column 'email' is missing" in capfd.readouterr().out

    # A failing data test: every customer is over the cluster-size cap.
    shutil.copy(PROJECT_DIR / "data" / "sample" / "erp_customers.csv", erp)
    with pytest.raises(PublishError):
        build_and_publish(
            published, _dbt_build(extracts_dir, tmp_path, max_records_per_customer=1), env=env
        )
    assert "expect_cluster_size_below" in capfd.readouterr().out

    assert _digest(published) == before
    assert _fingerprint(published) == fingerprint
    assert not working_path(published).exists()


def test_the_cli_reports_failure_with_a_non_zero_exit(published, tmp_path):
    from customer_identity.cli import main

    before = _digest(published)
    code = main(["build", "--database", str(published), "--", *_python("raise SystemExit(1)")])
    assert code == 1
    assert _digest(published) == before


def test_a_second_run_on_the_same_database_stops_while_the_first_builds(published):
    before = _digest(published)
    # The first run's command tries a second run on the same database and reports its outcome.
    second_run = (
        "import sys\n"
        "from pathlib import Path\n"
        "from customer_identity.publish import PublishError, build_and_publish\n"
        "try:\n"
        f"    build_and_publish(Path({str(published)!r}), [sys.executable, '-c', 'pass'])\n"
        "except PublishError as error:\n"
        "    sys.exit(0 if 'another run' in str(error) else 4)\n"
        "sys.exit(5)\n"
    )
    build_and_publish(published, _python(second_run))
    assert _digest(published) == before
    # Once the first run has finished, the next one builds.
    build_and_publish(published, _python("pass"))


def test_every_run_builds_at_the_same_path(published, tmp_path):
    """dbt reuses its parse of the project only while the profile (which names the working
    copy) stays the same."""
    seen = tmp_path / "seen.txt"
    record = (
        "import os\n"
        f"with open({str(seen)!r}, 'a') as f: f.write(os.environ['DUCKDB_PATH'] + '\\n')\n"
    )
    build_and_publish(published, _python(record))
    build_and_publish(published, _python(record))
    paths = seen.read_text(encoding="utf-8").splitlines()
    assert paths[0] == paths[1] == str(working_path(published.resolve()))
