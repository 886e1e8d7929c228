"""Shared fixtures: run the dbt project against a folder of extracts in a scratch database."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
SAMPLE_DIR = PROJECT_DIR / "data" / "sample"
SAMPLE_MODEL = PROJECT_DIR / "linkage" / "sample_model.json"
DBT = Path(sys.executable).parent / "dbt"
T = TypeVar("T")

# A pytest-xdist worker runs under a bare `__main__` (no `__file__`). With the spark extra
# installed, Great Expectations imports pyspark.sql.connect, which takes such a process for a
# doctest run and calls sys.exit: give `__main__` the file it looks for.
if os.environ.get("PYTEST_XDIST_WORKER") and not hasattr(sys.modules["__main__"], "__file__"):
    sys.modules["__main__"].__file__ = __file__


# What `make run` runs: every model and data test. dbt's unit tests check the SQL, not the
# data, so only the session's sample build runs them (test_pipeline checks they ran).
BUILD = ("build", "--exclude-resource-type", "unit_test")


@dataclass
class DbtRun:
    """The outcome of one `dbt` invocation."""

    returncode: int
    output: str
    database: Path


def run_dbt(
    raw_data_dir: Path,
    database: Path,
    *args: str,
    model_path: Path = SAMPLE_MODEL,
    extra_env: dict[str, str] | None = None,
    extra_vars: dict[str, object] | None = None,
    project_dir: Path = PROJECT_DIR,
) -> DbtRun:
    """Run `dbt <args>` (default: BUILD) on `raw_data_dir` into `database`."""
    env = {
        **os.environ,
        "DUCKDB_PATH": str(database),
        "DBT_PROFILES_DIR": str(PROJECT_DIR),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "DBT_TARGET_PATH": str(database.parent / "target"),
        "DBT_LOG_PATH": str(database.parent / "logs"),
        **(extra_env or {}),
    }
    dbt_vars = json.dumps(
        {
            "raw_data_dir": str(raw_data_dir),
            "linkage_model_path": str(model_path),
            **(extra_vars or {}),
        }
    )
    completed = subprocess.run(
        [str(DBT), *(args or BUILD), "--project-dir", str(project_dir), "--vars", dbt_vars],
        cwd=project_dir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return DbtRun(completed.returncode, completed.stdout + completed.stderr, database)


def build_like_make_run(raw_data_dir: Path, database: Path, *build_args: str, **kwargs) -> DbtRun:
    """What `make run` does: build, and build staging+ again when new erasures resolved."""
    from customer_identity.summary import erasure_pending_records

    run = run_dbt(raw_data_dir, database, *BUILD, *build_args, **kwargs)
    assert run.returncode == 0, run.output[-5000:]
    if erasure_pending_records(database):
        run = run_dbt(raw_data_dir, database, *BUILD, *build_args, "--select", "staging+", **kwargs)
        assert run.returncode == 0, run.output[-5000:]
    assert erasure_pending_records(database) == 0
    return run


# Each source system and its extract's file name (without extension).
EXTRACTS = {
    "crm": "crm_contacts",
    "erp": "erp_customers",
    "legacy": "legacy_customers",
    "interactions": "interactions",
}


def query(database: Path, sql: str, *params: object) -> list[tuple]:
    """The rows of `sql` (with `?` parameters) on `database`, opened read-only."""
    import duckdb

    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql, list(params)).fetchall()


def build_altered_sample(tmp_path_factory, name: str, alter: Callable[[Path], T]):
    """Copy the sample's extracts, let `alter` change the copy (returning what the tests need
    to know about the change), and build it. Returns the run, the extracts and that."""
    root = tmp_path_factory.mktemp(name)
    extracts = root / "extracts"
    shutil.copytree(SAMPLE_DIR, extracts)
    facts = alter(extracts)
    run = run_dbt(extracts, root / f"{name}.duckdb")
    assert run.returncode == 0, run.output[-5000:]
    return run, extracts, facts


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> DbtRun:
    """The bundled sample built once for the whole session, dbt's unit tests included."""
    database = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    run = run_dbt(SAMPLE_DIR, database, "build")
    assert run.returncode == 0, run.output[-5000:]
    return run


@pytest.fixture
def extracts_dir(tmp_path) -> Path:
    """A writable copy of the bundled sample's extracts."""
    target = tmp_path / "extracts"
    shutil.copytree(SAMPLE_DIR, target)
    return target
