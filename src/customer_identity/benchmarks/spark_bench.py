"""`customer-identity bench-spark`: the same extracts built on DuckDB and on local Spark.

Generates extracts (about 4.3 records per person), trains the linkage model once with a
DuckDB build, then times a DuckDB build and a Spark build of the same extracts with that
model (each what `make run` runs for its target, data tests included, into a fresh database
or warehouse), and compares how the two group the records: the customers they agree on and
the record pairs they put together. Wall and CPU seconds and peak memory come from the
kernel's accounting of each child process (`bench.measure`); for the Spark build only the
wall clock, as pyspark's JVM escapes that accounting.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import duckdb

from customer_identity.benchmarks.bench import Measured, input_records, machine_now, measure

XREF = "main.customer_xref"


@dataclass(frozen=True)
class PartitionComparison:
    """How far two groupings of the same records agree."""

    records: int
    customers_left: int
    customers_right: int
    identical_customers: int
    pairs_left: int
    pairs_right: int
    pairs_both: int
    records_only_one_side: int

    @property
    def identical(self) -> bool:
        return (
            self.records_only_one_side == 0
            and self.identical_customers == self.customers_left == self.customers_right
        )

    @property
    def pair_agreement(self) -> float:
        """Pairs together on both sides over pairs together on either (1.0 when none are)."""
        either = self.pairs_left + self.pairs_right - self.pairs_both
        return self.pairs_both / either if either else 1.0


def _pairs(sizes: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


def _groups(customer_of: dict[str, str], keys: set[str]) -> dict[str, frozenset[str]]:
    members: dict[str, set[str]] = {}
    for key in keys:
        if customer_of[key] is not None:
            members.setdefault(customer_of[key], set()).add(key)
    return {customer: frozenset(group) for customer, group in members.items()}


def compare_partitions(left: dict[str, str], right: dict[str, str]) -> PartitionComparison:
    """Compare two maps of record key to customer id; ids may differ, groupings are compared.
    A record with no customer (None) is in a group of its own."""
    keys = left.keys() & right.keys()
    grouped_left = Counter(left[k] for k in keys if left[k] is not None)
    grouped_right = Counter(right[k] for k in keys if right[k] is not None)
    both = Counter(
        (left[k], right[k]) for k in keys if left[k] is not None and right[k] is not None
    )
    right_groups = set(_groups(right, keys).values())
    return PartitionComparison(
        records=len(keys),
        customers_left=len(grouped_left),
        customers_right=len(grouped_right),
        identical_customers=sum(group in right_groups for group in _groups(left, keys).values()),
        pairs_left=_pairs(grouped_left),
        pairs_right=_pairs(grouped_right),
        pairs_both=_pairs(both),
        records_only_one_side=len(left.keys() ^ right.keys()),
    )


def duckdb_xref(database: Path) -> dict[str, str]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return dict(connection.sql(f"select record_key, customer_id from {XREF}").fetchall())


def spark_xref(warehouse: Path) -> dict[str, str]:
    """The Spark build's customer_xref, read from its Parquet files (no second session)."""
    schema, name = XREF.split(".")
    files = warehouse / f"{schema}.db" / name / "*.parquet"
    with duckdb.connect() as connection:
        query = f"select record_key, customer_id from read_parquet('{files}')"
        return dict(connection.sql(query).fetchall())


def _describe(label: str, run: Measured) -> str:
    return (
        f"{label:<34} {run.wall:7.1f} s wall {run.cpu:7.1f} s CPU "
        f"{run.peak_bytes / 2**30:5.1f} GiB peak"
    )


def run_spark_bench(persons: int, seed: int, work_dir: Path, project_dir: Path) -> str:
    """Generate, train once, build on both backends, compare; return the report's lines."""
    bin_dir = Path(sys.executable).parent
    cli = str(bin_dir / "customer-identity")
    if work_dir.exists():
        shutil.rmtree(work_dir)
    work_dir.mkdir(parents=True)
    data_dir, model_path, log = work_dir / "data", work_dir / "model.json", work_dir / "run.log"
    print(f"generating {persons} persons (seed {seed}) into {data_dir}", flush=True)
    generated = measure(
        [cli, "generate", "--persons", str(persons), "--seed", str(seed), "--out", str(data_dir)],
        log,
    )
    if generated.returncode:
        raise RuntimeError(f"generating the data failed; see {log}")
    records = input_records(data_dir)
    dbt_vars = json.dumps({"raw_data_dir": str(data_dir), "linkage_model_path": str(model_path)})

    def env(target: str) -> dict[str, str]:
        return {
            **os.environ,
            "DBT_PROFILES_DIR": str(project_dir),
            "DBT_TARGET": target,
            "DBT_TARGET_PATH": str(work_dir / f"target-{target}"),
            "DBT_LOG_PATH": str(work_dir / f"logs-{target}"),
            "LINKAGE_MODEL_PATH": str(model_path),
        }

    def duckdb_build(database: Path) -> Measured:
        command = [cli, "build", "--database", str(database), "--",
                   str(bin_dir / "dbt"), "build", "--fail-fast", "--vars", dbt_vars]  # fmt: skip
        run = measure(command, log, env("duckdb"))
        if run.returncode:
            raise RuntimeError(f"the DuckDB build failed; see {log}")
        return run

    machine = machine_now()
    print("DuckDB build that trains the model ...", flush=True)
    training = duckdb_build(work_dir / "training.duckdb")
    print(_describe("DuckDB, training included", training), flush=True)
    database = work_dir / "duckdb.duckdb"
    print("DuckDB build with the trained model ...", flush=True)
    on_duckdb = duckdb_build(database)
    print(_describe("DuckDB", on_duckdb), flush=True)
    warehouse = work_dir / "spark-warehouse"
    print("Spark build with the trained model ...", flush=True)
    on_spark = measure(
        [cli, "spark-build", "--warehouse", str(warehouse), "--", "--fail-fast",
         "--vars", dbt_vars],
        log,
        env("spark"),
    )  # fmt: skip
    if on_spark.returncode:
        raise RuntimeError(f"the Spark build failed; see {log}")
    print(_describe("Spark (local mode)", on_spark), flush=True)
    machine.load_after = os.getloadavg()[0]

    comparison = compare_partitions(duckdb_xref(database), spark_xref(warehouse))
    lines = [
        f"# DuckDB and local Spark on {records} records ({persons} persons, seed {seed})",
        "",
        f"Machine: {machine.cores} cores, {machine.memory_bytes / 2**30:.0f} GiB; load average "
        f"{machine.load_before:.1f} before, {machine.load_after:.1f} after.",
        "",
        "| build | wall s | CPU s | peak memory |",
        "|---|---:|---:|---:|",
    ]
    for label, run in (
        ("DuckDB, model trained in the run", training),
        ("DuckDB, trained model", on_duckdb),
    ):
        lines.append(
            f"| {label} | {run.wall:.1f} | {run.cpu:.1f} | {run.peak_bytes / 2**30:.1f} GiB |"
        )
    # pyspark leaves its JVM to be reaped by init, so the kernel's accounting of the build
    # holds only the Python side: the JVM's CPU and memory are not in it.
    lines.append(f"| Spark local mode, trained model | {on_spark.wall:.1f} | n/a | n/a |")
    lines += [
        "",
        f"Spark / DuckDB wall clock: {on_spark.wall / on_duckdb.wall:.1f}x. The Spark build's "
        "CPU and memory are not measured: pyspark's JVM is not a reaped child of the build.",
        "",
        f"Partitions: {comparison.records} records in both; {comparison.customers_left} "
        f"customers on DuckDB, {comparison.customers_right} on Spark, "
        f"{comparison.identical_customers} with exactly the same records; "
        f"{comparison.pairs_both} of {comparison.pairs_left} DuckDB pairs and "
        f"{comparison.pairs_right} Spark pairs shared (agreement "
        f"{comparison.pair_agreement:.4f}); records on one side only: "
        f"{comparison.records_only_one_side}. Identical: "
        f"{'yes' if comparison.identical else 'no'}.",
    ]
    return "\n".join(lines)
