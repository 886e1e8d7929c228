"""Phase timings printed by a run and read back by the benchmark."""

from __future__ import annotations

from customer_identity.timing import PREFIX, parse_timings, timed


def test_timed_prints_a_line_parse_timings_reads(capsys):
    with timed("linkage training"):
        pass
    printed = capsys.readouterr().out
    assert printed.startswith(f"{PREFIX} linkage training ")
    assert parse_timings(printed.splitlines()) == {"linkage training": float(printed.split()[-2])}


def test_parse_timings_ignores_other_lines_and_adds_repeated_phases():
    lines = [
        "\x1b[0m15:37:25  Running with dbt=1.11.16",
        f"{PREFIX} linkage training 12.500 s",
        f"{PREFIX} linkage prediction 3.250 s",
        "phase timing: broken line",
        f"{PREFIX} linkage prediction 1.000 s",
    ]
    assert parse_timings(lines) == {"linkage training": 12.5, "linkage prediction": 4.25}
