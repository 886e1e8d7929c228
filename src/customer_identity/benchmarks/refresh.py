"""Refresh against full build: `make run` on a generated data set, then on copies of it with
1% and 10% of the records new or changed, each timed from the same starting database.

    python -m customer_identity.benchmarks.refresh --persons 100000 --work /tmp/refresh-bench

Prints one line per run (seconds, and the refresh's share of the full build) and the dbt
models that took longest in each refresh. Every run reads its extracts from, and builds, the
same paths (as a nightly job does), so dbt reuses its parse of the project from run to run.

Last, it measures the per-run floor: a rerun on the bundled sample's unchanged extracts (a few
thousand records; the median of three), which costs what any run costs whatever the data
(make, Python and dbt starting, parsing, every model and data test node, publishing, the
summary).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from customer_identity.benchmarks.bench import PHASES, phase_seconds

PROJECT_DIR = Path(__file__).resolve().parents[3]
ID_COLUMNS = {
    "crm_contacts.csv": "Id",
    "erp_customers.csv": "customer_no",
    "legacy_customers.csv": "legacy_id",
    "interactions.csv": "conversation_id",
}
# A column whose value a changed record gets anew, per extract.
CHANGED_COLUMNS = {
    "crm_contacts.csv": "Email",
    "erp_customers.csv": "email",
    "legacy_customers.csv": "email",
    "interactions.csv": "email_address",
}


@dataclass(frozen=True)
class Timing:
    label: str
    seconds: float
    cpu_seconds: float
    dbt_seconds: float
    slowest_models: list[tuple[str, float]]
    # dbt's execution time of its nodes, added up by phase (two nodes run at a time).
    phase_seconds: dict[str, float]


def change_extracts(source: Path, target: Path, fraction: float, seed: int) -> int:
    """Copy `source` to `target` with `fraction` of each extract's rows new or changed (half
    each): a changed row gets a new email; a new row copies a row under a new id."""
    shutil.copytree(source, target)
    rng = random.Random(seed)
    touched = 0
    for name, id_column in ID_COLUMNS.items():
        path = target / name
        if not path.exists():
            continue
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            fields = list(reader.fieldnames or [])
            rows = list(reader)
        if id_column not in fields:
            continue
        count = round(len(rows) * fraction / 2)
        changed_column = CHANGED_COLUMNS[name]
        for index in rng.sample(range(len(rows)), count):
            rows[index][changed_column] = f"changed.{index}.{seed}@example.org"
        for number, row in enumerate(rng.sample(rows, count)):
            rows.append({**row, id_column: f"NEW-{seed}-{number}"})
        touched += 2 * count
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
    return touched


@dataclass(frozen=True)
class Live:
    """The one extracts folder, database, model and dbt target every run uses."""

    extracts: Path
    database: Path
    model: Path
    target: Path

    def stage(self, extracts: Path, database: Path | None = None) -> None:
        """Put `extracts` (and a copy of `database`, when given) where the next run reads."""
        shutil.rmtree(self.extracts, ignore_errors=True)
        shutil.copytree(extracts, self.extracts)
        if database is not None:
            shutil.copy2(database, self.database)


def make_run(live: Live, label: str, *extra: str) -> Timing:
    """`make run` on the live extracts and database, timed (wall clock, and the CPU time of
    every process it ran, which other work on a shared machine disturbs less); dbt's
    per-model timings kept."""
    cpu_before = _children_cpu_seconds()
    started = time.perf_counter()
    subprocess.run(
        [
            "make", "--no-print-directory", "run", f"RAW_DATA_DIR={live.extracts}",
            f"DUCKDB_PATH={live.database}", f"LINKAGE_MODEL_PATH={live.model}", *extra,
        ],
        cwd=PROJECT_DIR,
        env={**os.environ, "DBT_TARGET_PATH": str(live.target)},
        check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    cpu_seconds = _children_cpu_seconds() - cpu_before
    results = json.loads((live.target / "run_results.json").read_text(encoding="utf-8"))
    models = sorted(
        (
            (result["unique_id"].split(".")[-1], result["execution_time"])
            for result in results["results"]
            if result["unique_id"].startswith("model.")
        ),
        key=lambda item: -item[1],
    )
    manifest = json.loads((live.target / "manifest.json").read_text(encoding="utf-8"))
    phases = phase_seconds(results, manifest, {})
    return Timing(label, seconds, cpu_seconds, results["elapsed_time"], models[:5], phases)


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _line(label: str, timing: Timing, full: Timing | None = None) -> str:
    line = f"{label:<46}{timing.seconds:7.1f} s, {timing.cpu_seconds:7.1f} CPU s"
    if full is not None:
        line += (
            f" ({timing.seconds / full.seconds:.0%} of the full build's time, "
            f"{timing.cpu_seconds / full.cpu_seconds:.0%} of its CPU time)"
        )
    return line


def phases_line(timing: Timing) -> str:
    phases = ", ".join(
        f"{phase} {timing.phase_seconds[phase]:.1f}"
        for phase in PHASES
        if timing.phase_seconds.get(phase)
    )
    return f"    dbt node seconds by phase: {phases}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2468)
    parser.add_argument("--work", type=Path, default=Path("/tmp/customer-identity-refresh-bench"))
    args = parser.parse_args(argv)

    work = args.work.resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    base = work / "extracts"
    subprocess.run(
        [sys.executable, "-m", "customer_identity.synthetic", "--persons", str(args.persons),
         "--seed", str(args.seed), "--out", str(base)],
        check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    live = Live(work / "live", work / "customers.duckdb", work / "model.json", work / "target")
    start = work / "start.duckdb"
    print(f"{args.persons} persons in {base}", flush=True)

    live.stage(base)
    first = make_run(live, "first")
    print(_line("first build (trains the model):", first), flush=True)
    full = make_run(live, "full", "FULL_REFRESH=1")
    print(_line("full build (FULL_REFRESH=1):", full), flush=True)
    print(phases_line(full), flush=True)
    shutil.copy2(live.database, start)
    unchanged = make_run(live, "unchanged")
    print(_line("rerun on unchanged extracts:", unchanged, full), flush=True)
    for fraction in (0.01, 0.10):
        label = f"{fraction:.0%}"
        extracts = work / f"extracts-{label.rstrip('%')}pct"
        touched = change_extracts(base, extracts, fraction, seed=args.seed + int(fraction * 100))
        live.stage(extracts, start)
        timing = make_run(live, f"refresh {label}")
        print(_line(f"refresh, {label:>3} new or changed ({touched} records):", timing, full))
        slowest = ", ".join(f"{name} {seconds:.1f}s" for name, seconds in timing.slowest_models)
        print(
            f"    dbt {timing.dbt_seconds:.1f} s (the rest is dbt's start and parse, the copy "
            f"and publish, the summary); slowest models: {slowest}",
            flush=True,
        )
        print(phases_line(timing), flush=True)
    floor = _per_run_floor(work)
    print(_line("per-run floor (sample, median rerun):", floor, full), flush=True)
    print(phases_line(floor), flush=True)
    return 0


def _per_run_floor(work: Path) -> Timing:
    """A rerun on the bundled sample's unchanged extracts (after a first build of them), with
    the sample's committed model: the cost of a run that has almost nothing to do. The median
    of three reruns by CPU time, as one rerun varies by a few seconds."""
    sample = Live(
        work / "sample-live",
        work / "sample.duckdb",
        PROJECT_DIR / "linkage" / "sample_model.json",
        work / "sample-target",
    )
    sample.stage(PROJECT_DIR / "data" / "sample")
    make_run(sample, "sample")
    reruns = [make_run(sample, "sample rerun") for _ in range(3)]
    return sorted(reruns, key=lambda timing: timing.cpu_seconds)[1]


if __name__ == "__main__":
    raise SystemExit(main())
