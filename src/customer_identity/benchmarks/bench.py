"""`customer-identity bench`: the whole job on generated data, phase by phase, against bare Splink.

Generates extracts, runs exactly what `make run` runs on them (build into a fresh database,
so the linkage model is trained as on any new data set, then the summary) and reads dbt's
run_results.json to add up the seconds of each phase. Then counts the comparisons Splink's
blocking rules generated, scores the result against the generated ground truth, runs
`bare_splink` on the same extracts in a process of its own and prints the ratio. Time, CPU
and peak memory of each job come from the operating system's accounting of the child
processes (wait4), so nothing is sampled.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from splink import DuckDBAPI

from customer_identity.benchmarks.bare_splink import blocked_comparisons
from customer_identity.timing import parse_timings

# Phases in the order a run goes through them.
STAGING = "staging"
DETERMINISTIC = "deterministic edges"
TRAINING = "Splink training"
PREDICTION = "Splink prediction"
CLUSTERING = "clustering and customer ids"
GOLDEN = "golden records"
TESTS = "data tests"
PHASES = (STAGING, DETERMINISTIC, TRAINING, PREDICTION, CLUSTERING, GOLDEN, TESTS)

# The models that find identifiers and link records on them, before Splink.
DETERMINISTIC_MODELS = frozenset(
    {
        "int_identity_records_unioned",
        "int_identity_identifiers_unpivoted",
        "int_identity_identifiers_profiled",
        "int_identity_records_for_linkage",
        "int_identity_edges_deterministic",
    }
)
SPLINK_MODEL = "int_identity_pairs_scored"
# What the Python model prints (customer_identity.timing) when it trains.
TRAINING_TIMING = "linkage training"
# Clusters, and the customer ids they become (kept stable across runs by the history models).
CLUSTERING_FOLDERS = ("models/intermediate/identity/", "models/intermediate/history/")

TARGET_SECONDS = 180
TARGET_RATIO = 1.3
TARGET_PEAK_BYTES = 8 * 2**30
TARGET_COMPARISONS_PER_RECORD = 50


def phase_of(resource_type: str, name: str, path: str) -> str:
    """The phase a dbt node belongs to, from its type, name and file path."""
    if resource_type in ("test", "unit_test"):
        return TESTS
    if resource_type == "seed" or path.startswith("models/staging/"):
        return STAGING
    if name in DETERMINISTIC_MODELS:
        return DETERMINISTIC
    if name == SPLINK_MODEL:
        return PREDICTION
    if path.startswith(CLUSTERING_FOLDERS):
        return CLUSTERING
    return GOLDEN


def phase_seconds(
    run_results: Mapping, manifest: Mapping, linkage_timings: Mapping[str, float]
) -> dict[str, float]:
    """Seconds per phase: dbt's execution time of each node, added up by phase. The Splink
    model's time is split into training (as the model printed it) and the rest."""
    nodes = {**manifest.get("nodes", {}), **manifest.get("unit_tests", {})}
    seconds = dict.fromkeys(PHASES, 0.0)
    for result in run_results["results"]:
        node = nodes.get(result["unique_id"], {})
        phase = phase_of(
            node.get("resource_type", result["unique_id"].split(".")[0]),
            node.get("name", result["unique_id"].split(".")[-1]),
            node.get("original_file_path", ""),
        )
        seconds[phase] += float(result["execution_time"])
    training = min(linkage_timings.get(TRAINING_TIMING, 0.0), seconds[PREDICTION])
    seconds[TRAINING] += training
    seconds[PREDICTION] -= training
    return seconds


@dataclass
class Measured:
    """One child process: wall and CPU seconds (its own and its children's), peak memory."""

    wall: float
    cpu: float
    peak_bytes: int
    returncode: int

    def __add__(self, other: Measured) -> Measured:
        return Measured(
            self.wall + other.wall,
            self.cpu + other.cpu,
            max(self.peak_bytes, other.peak_bytes),
            self.returncode or other.returncode,
        )


def measure(command: Sequence[str], log: Path, env: Mapping[str, str] | None = None) -> Measured:
    """Run `command`, its output appended to `log`; the kernel's accounting of it."""
    with log.open("a") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(command), stdout=out, stderr=subprocess.STDOUT, env=dict(env or os.environ)
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in KiB on Linux; for a reaped child it covers its reaped children too.
    return Measured(
        wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, process.returncode
    )


@dataclass
class Machine:
    cores: int
    memory_bytes: int
    load_before: float
    load_after: float = 0.0


def machine_now() -> Machine:
    return Machine(
        cores=os.cpu_count() or 0,
        memory_bytes=os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"),
        load_before=os.getloadavg()[0],
    )


@dataclass
class BenchResult:
    persons: int
    seed: int
    input_records: int
    machine: Machine
    job: Measured
    phases: dict[str, float]
    dbt_elapsed: float
    linked_records: int
    comparisons: int
    accuracy: dict[str, float] = field(default_factory=dict)
    bare: dict | None = None


def _gib(size: float) -> str:
    return f"{size / 2**30:.1f} GiB"


def _check(passed: bool) -> str:
    return "yes" if passed else "**no**"


def _bare_totals(bare: Mapping) -> tuple[float, float]:
    phases = bare["phases"].values()
    return sum(wall for wall, _ in phases), sum(cpu for _, cpu in phases)


def format_report(result: BenchResult) -> str:
    """The benchmark as Markdown: machine, phases, totals, targets, bare Splink, ratio."""
    machine = result.machine
    lines = [
        f"### {result.input_records:,} records ({result.persons:,} persons, seed {result.seed})",
        "",
        f"Machine: {machine.cores} cores, {_gib(machine.memory_bytes)} memory; load average "
        f"{machine.load_before:.1f} before the run, {machine.load_after:.1f} after.",
        "",
        "| phase | seconds |",
        "|---|---:|",
    ]
    lines += [f"| {phase} | {seconds:.1f} |" for phase, seconds in result.phases.items()]
    in_nodes = sum(result.phases.values())
    job = result.job
    per_linked = result.comparisons / result.linked_records if result.linked_records else 0.0
    per_input = result.comparisons / result.input_records if result.input_records else 0.0
    lines += [
        f"| sum of the above (dbt runs two nodes at a time) | {in_nodes:.1f} |",
        f"| dbt's own elapsed time | {result.dbt_elapsed:.1f} |",
        f"| start-up, parsing, publishing, summary | {job.wall - result.dbt_elapsed:.1f} |",
        f"| **whole job, wall clock** | **{job.wall:.1f}** |",
        f"| whole job, CPU (all threads) | {job.cpu:.1f} |",
        "",
        f"Peak memory {_gib(job.peak_bytes)}. Splink scored {result.comparisons:,} comparisons "
        f"among the {result.linked_records:,} profile records it links: {per_linked:.2f} per "
        f"record ({per_input:.2f} per input record).",
    ]
    if result.accuracy:
        lines.append(
            "Accuracy against the generated ground truth (pairwise F1): "
            + ", ".join(f"{name} {value:.3f}" for name, value in result.accuracy.items())
            + "."
        )
    checks = [
        f"end to end ≤ {TARGET_SECONDS} s: {_check(job.wall <= TARGET_SECONDS)}",
        f"peak ≤ {_gib(TARGET_PEAK_BYTES)}: {_check(job.peak_bytes <= TARGET_PEAK_BYTES)}",
        f"≤ {TARGET_COMPARISONS_PER_RECORD} comparisons per record: "
        f"{_check(per_linked <= TARGET_COMPARISONS_PER_RECORD)}",
    ]
    if result.bare is not None:
        bare = result.bare
        bare_wall, bare_cpu = _bare_totals(bare)
        ratio = job.wall / bare_wall if bare_wall else float("inf")
        lines += [
            "",
            f"Bare Splink on the same {bare['records']:,} records (one table, simple "
            "normalisation, standard comparisons, same training budget):",
            "",
            "| phase | seconds | CPU seconds |",
            "|---|---:|---:|",
        ]
        lines += [
            f"| {phase} | {wall:.1f} | {cpu:.1f} |" for phase, (wall, cpu) in bare["phases"].items()
        ]
        lines += [
            f"| **total** | **{bare_wall:.1f}** | {bare_cpu:.1f} |",
            "",
            f"Peak memory {_gib(bare['peak_memory_bytes'])}; {bare['comparisons']:,} comparisons, "
            f"{bare['comparisons'] / bare['records']:.2f} per record; {bare['pairs']:,} pairs "
            f"scored at or above 0.5, {bare['clusters']:,} clusters.",
        ]
        if bare.get("accuracy"):
            accuracy = bare["accuracy"]
            lines.append(
                f"Accuracy (pairwise F1): profile records {accuracy['profile F1']:.3f}, "
                f"all records {accuracy['all F1']:.3f}."
            )
        lines += [
            "",
            f"**Ratio, whole job to bare Splink: {ratio:.2f}x wall clock, "
            f"{job.cpu / bare_cpu if bare_cpu else float('inf'):.2f}x CPU.**",
        ]
        checks.append(f"≤ {TARGET_RATIO}x bare Splink: {_check(ratio <= TARGET_RATIO)}")
    lines += ["", "Targets: " + "; ".join(checks) + "."]
    return "\n".join(lines) + "\n"


def _count_comparisons(database: Path, model_path: Path) -> tuple[int, int]:
    """(comparisons the saved model's prediction rules generate, records they link)."""
    rules = json.loads(model_path.read_text())["blocking_rules_to_generate_predictions"]
    with duckdb.connect() as connection:
        connection.execute("attach ? as published (read_only)", [str(database)])
        connection.execute(
            "create table linkage_records as "
            "select * from published.identity.int_identity_records_for_linkage"
        )
        records = connection.execute("select count(*) from linkage_records").fetchall()[0][0]
        comparisons = blocked_comparisons(
            DuckDBAPI(connection=connection), "linkage_records", rules, "record_key"
        )
    return comparisons, records


def input_records(data_dir: Path) -> int:
    """Records in generated extracts: one ground-truth row each."""
    with duckdb.connect() as connection:
        return connection.execute(
            "select count(*) from read_csv(?, header = true, all_varchar = true)",
            [str(data_dir / "ground_truth.csv")],
        ).fetchall()[0][0]


def _read_lines(path: Path) -> Iterable[str]:
    return path.read_text(errors="replace").splitlines() if path.exists() else []


def run_bench(
    persons: int, seed: int, work_dir: Path, with_bare: bool = True, project_dir: Path | None = None
) -> BenchResult:
    """Generate, run the job, measure; then bare Splink unless `with_bare` is False."""
    from customer_identity.evaluation import evaluate

    project_dir = project_dir or Path.cwd()
    bin_dir = Path(sys.executable).parent
    data_dir, database = work_dir / "data", work_dir / "bench.duckdb"
    model_path = Path(f"{database}.linkage_model.json")
    target_dir, log = work_dir / "target", work_dir / "run.log"
    if work_dir.exists():
        shutil.rmtree(work_dir)
    work_dir.mkdir(parents=True)
    generated = measure(
        [str(bin_dir / "customer-identity"), "generate", "--persons", str(persons),
         "--seed", str(seed), "--out", str(data_dir)],
        log,
    )  # fmt: skip
    if generated.returncode:
        raise RuntimeError(f"generating the data failed; see {log}")

    machine = machine_now()
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(project_dir),
        "DBT_TARGET_PATH": str(target_dir),
        "DBT_LOG_PATH": str(work_dir / "logs"),
        "LINKAGE_MODEL_PATH": str(model_path),
    }
    dbt_vars = json.dumps({"raw_data_dir": str(data_dir), "linkage_model_path": str(model_path)})
    cli = str(bin_dir / "customer-identity")
    job = measure(
        [cli, "build", "--database", str(database), "--",
         str(bin_dir / "dbt"), "build", "--fail-fast", "--exclude-resource-type", "unit_test",
         "--vars", dbt_vars],
        log,
        env,
    )  # fmt: skip
    if job.returncode == 0:
        job += measure([cli, "summary", "--database", str(database)], log, env)
    if job.returncode:
        raise RuntimeError(f"the run failed; see {log}")

    run_results = json.loads((target_dir / "run_results.json").read_text())
    manifest = json.loads((target_dir / "manifest.json").read_text())
    phases = phase_seconds(run_results, manifest, parse_timings(_read_lines(log)))
    comparisons, linked_records = _count_comparisons(database, model_path)
    scores = evaluate(database, data_dir / "ground_truth.csv")
    result = BenchResult(
        persons=persons,
        seed=seed,
        input_records=input_records(data_dir),
        machine=machine,
        job=job,
        phases=phases,
        dbt_elapsed=float(run_results["elapsed_time"]),
        linked_records=linked_records,
        comparisons=comparisons,
        accuracy={subset: s.pairwise_f1 for subset, s in scores.items()},
    )
    if with_bare:
        bare_json = work_dir / "bare_splink.json"
        bare = measure(
            [sys.executable, "-m", "customer_identity.benchmarks.bare_splink", str(data_dir),
             "--json", str(bare_json)],
            work_dir / "bare_splink.log",
        )  # fmt: skip
        if bare.returncode:
            raise RuntimeError(f"bare Splink failed; see {work_dir / 'bare_splink.log'}")
        result.bare = json.loads(bare_json.read_text())
    machine.load_after = os.getloadavg()[0]
    return result
