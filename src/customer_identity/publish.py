"""Atomic publish: build into a working copy, replace the published database only on success.

`dbt build` writes table by table, so a run that fails half way (bad input, a failing data
test, a crash) would leave a database holding some new and some old tables. Instead the run
builds a sibling working file (a copy of the published database, so incremental state and
unchanged tables carry over) and, only when dbt succeeds, renames it over the published file
with `os.replace`, which is atomic on one file system. Readers that opened the published file
keep reading the old version until they reopen it.

The working file has the same name on every run: its path is in dbt's profile, and a profile
that changes between runs makes dbt parse the whole project again (partial parsing saves
about 3 s a run). A lock file beside it keeps a second run out while one is building.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb


class PublishError(RuntimeError):
    """The build failed; the published database was left as it was."""


def working_path(published: Path) -> Path:
    """The sibling file a run builds into: same folder, so the final rename is atomic."""
    return published.with_name(f"{published.name}.building")


def lock_path(published: Path) -> Path:
    """The file a run holds locked while it builds `published`."""
    return published.with_name(f"{published.name}.lock")


@contextmanager
def _exclusive(published: Path) -> Iterator[None]:
    """Hold the lock on `published` for the duration, or raise PublishError at once when
    another run holds it. The kernel releases the lock when its holder exits, even on a
    crash, so a stale lock file never blocks a later run."""
    lock = lock_path(published)
    with open(lock, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise PublishError(
                f"another run (process {holder}) is building {published}: it holds {lock}; "
                "nothing was published"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


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
    with _exclusive(published):
        return _build_and_publish(published, dbt_command, env, follow_up)


def _build_and_publish(
    published: Path,
    dbt_command: Sequence[str],
    env: dict[str, str] | None,
    follow_up: Callable[[Path], Sequence[str] | None] | None,
) -> subprocess.CompletedProcess:
    working = working_path(published)
    # What a run that crashed left behind.
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
