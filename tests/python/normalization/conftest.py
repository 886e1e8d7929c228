"""Harness for the normalisation macros: compile a macro call with dbt, run it with DuckDB.

Once per session a scratch DuckDB database gets the reference seeds (`dbt seed`) and the
project is parsed; `evaluate_macros` then compiles `select {{ <macro call> }} ... from corpus`
with `dbt compile --inline` against that database and runs the compiled SQL over a `corpus`
table built from Python values. The project and profile are the real ones (/work/main).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from dbt.cli.main import dbtRunner

PROJECT_DIR = Path(__file__).resolve().parents[3]
REFERENCE_SEEDS = ("country_reference", "country_aliases")


class DbtSession:
    """dbt invocations against one scratch database, parsing the project only once."""

    def __init__(self, work_dir: Path) -> None:
        self._flags = [
            "--project-dir",
            str(PROJECT_DIR),
            "--profiles-dir",
            str(PROJECT_DIR),
            "--target-path",
            str(work_dir / "target"),
            "--log-path",
            str(work_dir / "logs"),
            "--quiet",
        ]
        self._manifest = None
        self._compiled: dict[str, str] = {}

    def invoke(self, *args: str):
        result = dbtRunner(manifest=self._manifest).invoke([*args, *self._flags])
        if not result.success:
            # dbt wraps a compilation error raised by a macro: report the macro's own message.
            cause = result.exception and (result.exception.__context__ or result.exception)
            raise RuntimeError(f"dbt {' '.join(args[:2])} failed: {cause}")
        return result.result

    def start(self) -> None:
        self._manifest = self.invoke("parse")
        self.invoke("seed", "--select", *REFERENCE_SEEDS, "--full-refresh")

    def compile(self, sql: str) -> str:
        """The compiled form of a Jinja SQL query (cached per query text)."""
        if sql not in self._compiled:
            result = self.invoke("compile", "--inline", sql)
            self._compiled[sql] = result.results[0].node.compiled_code
        return self._compiled[sql]

    def compile_on(self, database: Path, sql: str) -> str:
        """Compile against another database file (e.g. one without the seeds), uncached."""
        saved = os.environ["DUCKDB_PATH"]
        os.environ["DUCKDB_PATH"] = str(database)
        try:
            return self.invoke("compile", "--inline", sql).results[0].node.compiled_code
        finally:
            os.environ["DUCKDB_PATH"] = saved


@pytest.fixture(scope="session")
def dbt_session(tmp_path_factory) -> Iterator[DbtSession]:
    """The project parsed and its reference seeds loaded into a throwaway database."""
    work_dir = tmp_path_factory.mktemp("normalization")
    overrides = {
        "DUCKDB_PATH": str(work_dir / "normalization.duckdb"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "DBT_TARGET": "duckdb",
    }
    saved = {name: os.environ.get(name) for name in overrides}
    os.environ.update(overrides)
    session = DbtSession(work_dir)
    try:
        session.start()
        yield session
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


EvaluateMacros = Callable[[Mapping[str, str], Sequence[Sequence[object]], Sequence[str]], list]


@pytest.fixture(scope="session")
def evaluate_macros(dbt_session: DbtSession) -> EvaluateMacros:
    """Run macro calls over rows of input values; returns one tuple of outputs per row.

    `expressions` maps an output name to a Jinja expression over the input columns, e.g.
    `{"e164": "normalize_phone_e164('raw_phone', 'country')"}`; `rows` are the input values
    in the order of `columns`. All inputs are VARCHAR, as the raw extracts are.
    """

    def evaluate(
        expressions: Mapping[str, str],
        rows: Sequence[Sequence[object]],
        columns: Sequence[str] = ("value",),
    ) -> list[tuple]:
        select_list = ",\n    ".join(
            f"{{{{ {expression} }}}} as {name}" for name, expression in expressions.items()
        )
        compiled = dbt_session.compile(
            f"select\n    row_id,\n    {select_list}\nfrom corpus\norder by row_id"
        )
        values = {"row_id": pa.array(range(len(rows)), pa.int32())}
        for position, column in enumerate(columns):
            values[column] = pa.array([row[position] for row in rows], pa.string())
        with duckdb.connect() as connection:
            connection.register("corpus_values", pa.table(values))
            connection.execute("create table corpus as select * from corpus_values")
            return [result[1:] for result in connection.execute(compiled).fetchall()]

    return evaluate
