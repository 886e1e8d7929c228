"""Phase timings a run prints, for `customer-identity bench` to read back.

A dbt Python model does more than one thing (the linkage model trains, then predicts); dbt
times the model as a whole, so each part prints its own line, `phase timing: <phase> <s> s`.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterable, Iterator

PREFIX = "phase timing:"
_LINE = re.compile(rf"{re.escape(PREFIX)} (?P<phase>.+?) (?P<seconds>[0-9.]+) s\s*$")


@contextlib.contextmanager
def timed(phase: str) -> Iterator[None]:
    """Print how long the block took, as a line `parse_timings` reads."""
    started = time.perf_counter()
    yield
    print(f"{PREFIX} {phase} {time.perf_counter() - started:.3f} s", flush=True)


def parse_timings(lines: Iterable[str]) -> dict[str, float]:
    """Seconds per phase from a run's output (a phase printed twice adds up)."""
    timings: dict[str, float] = {}
    for line in lines:
        match = _LINE.search(line)
        if match:
            phase = match["phase"]
            timings[phase] = timings.get(phase, 0.0) + float(match["seconds"])
    return timings
