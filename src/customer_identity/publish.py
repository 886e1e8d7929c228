"""Atomic publish: build into a working copy, replace the published database only on success.

`dbt build` writes table by table, so a run that fails half way (bad input, a failing data
test, a crash) would leave a database holding some new and some old tables. Instead the run
builds a sibling working file (a copy of the published database, so incremental state and
unchanged tables carry over) and, only when dbt succeeds, renames it over the published file
with `os.replace`, which is atomic on one file system. Readers that opened the published file
keep reading the old version until they reopen it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import duckdb


class PublishError(RuntimeError):
    """The build failed; the published database was left as it was."""


def working_path(published: Path, pid: int | None = None) -> Path:
    """The sibling file a run builds into: same folder, so the final rename is atomic; one
    per process, so two runs at once cannot write into each other's copy."""
    return published.with_name(f"{published.name}.building-{pid or os.getpid()}")


def _wal(path: Path) -> Path:
    return path.with_name(f"{path.name}.wal")


def _remove(path: Path) -> None:
    for candidate in (path, _wal(path)):
        candidate.unlink(missing_ok=True)


def build_and_publish(
    published: Path,
    dbt_command: Sequence[str],
    env: dict[str, str] | None = None,
    follow_up: Callable[[Path], Sequence[str] | None] | None = None,
) -> subprocess.CompletedProcess:
    """Run `dbt_command` with DUCKDB_PATH set to a working copy of `published`; publish it
    only when the command succeeds. Raises PublishError (published file untouched) otherwise.

    `follow_up`, given the working copy after a successful build, may return one more command
    to run there before publishing (a second pass that masks newly erased records).
    """
    published = published.resolve()
    working = working_path(published)
    _remove(working)
    if published.exists():
        shutil.copy2(published, working)
        if _wal(published).exists():
            shutil.copy2(_wal(published), _wal(working))
    run_env = {**os.environ, **(env or {}), "DUCKDB_PATH": str(working)}
    try:
        # dbt's own output streams through, so a long run shows its progress.
        commands = [list(dbt_command)]
        while commands:
            completed = subprocess.run(commands.pop(), env=run_env, check=False)
            if completed.returncode != 0:
                raise PublishError(
                    f"dbt exited with code {completed.returncode}; nothing was published and "
                    f"{published} still holds the last good run"
                )
            if follow_up is not None and not commands:
                next_command = follow_up(working)
                follow_up = None
                if next_command:
                    commands.append(list(next_command))
        # Fold the write-ahead log into the file so the rename carries everything.
        with duckdb.connect(str(working)) as connection:
            connection.execute("checkpoint").fetchall()
        _wal(working).unlink(missing_ok=True)
        os.replace(working, published)
        # A log left beside the old file would be replayed onto the new one.
        _wal(published).unlink(missing_ok=True)
        return completed
    finally:
        _remove(working)
