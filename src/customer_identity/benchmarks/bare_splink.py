"""The reference the pipeline is measured against: a bare Splink dedupe of the same extracts.

What a Splink user would write in an afternoon: every record of the four raw extracts in one
table, simple normalisation in SQL (lower case, digits of phones, the three date formats of
the contract), the standard comparisons of Splink's library, the pipeline's training budget
(prior from near-certain rules, u by random sampling, m by EM on a sample), predict, cluster.
No guards, no survivorship, no tests. Run as `python -m customer_identity.benchmarks.bare_splink`
so that its time and memory are measured on their own.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import sys
import time
from pathlib import Path

import duckdb
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
from splink.blocking_analysis import count_comparisons_from_blocking_rules

from customer_identity.evaluation import PROFILE_SOURCES, score
from customer_identity.linkage.train import (
    DETERMINISTIC_RECALL,
    EM_MAX_PAIRS,
    U_SAMPLING_MAX_PAIRS,
)

PREDICT_THRESHOLD = 0.5
CLUSTER_THRESHOLD = 0.95

PREDICTION_RULES = [
    block_on("email"),
    block_on("phone"),
    block_on("first_name", "surname"),
    block_on("surname", "date_of_birth"),
    block_on("first_name", "date_of_birth"),
    block_on("postcode", "surname"),
]
TRAINING_RULES = [block_on("first_name", "surname"), block_on("date_of_birth")]
DETERMINISTIC_RULES = [
    block_on("email", "first_name"),
    block_on("first_name", "surname", "date_of_birth"),
]


def _scan(raw_dir: Path, extract: str) -> str | None:
    """A table function reading one extract as text, or None when it is absent."""
    parquet, csv = raw_dir / f"{extract}.parquet", raw_dir / f"{extract}.csv"
    if parquet.exists():
        return "read_parquet('{}')".format(str(parquet).replace("'", "''"))
    if csv.exists():
        return "read_csv('{}', header = true, all_varchar = true)".format(
            str(csv).replace("'", "''")
        )
    return None


def _name_parts(full_name: str) -> tuple[str, str]:
    """SQL for (first name, surname) of a one-field name: `Last, First` or `First Last`."""
    first = (
        f"case when {full_name} like '%,%' then trim(split_part({full_name}, ',', 2)) "
        f"else split_part(trim({full_name}), ' ', 1) end"
    )
    last = (
        f"case when {full_name} like '%,%' then trim(split_part({full_name}, ',', 1)) "
        f"when trim({full_name}) like '% %' then regexp_extract(trim({full_name}), '(\\S+)$', 1) "
        "end"
    )
    return first, last


def union_sql(raw_dir: Path) -> str:
    """One select over every extract present, in Splink's columns, lightly normalised."""
    erp_first, erp_last = _name_parts('"full_name"')
    chat_first, chat_last = _name_parts('"display_name"')
    # source, id, first name, surname, email, phone, postcode, city, birth date
    extracts = {
        "crm_contacts": (
            "'crm'", '"Id"', '"FirstName"', '"LastName"', '"Email"',
            'coalesce("Phone", "MobilePhone")', '"MailingPostalCode"', '"MailingCity"',
            """try_strptime("Birthdate", '%Y-%m-%d')""",
        ),
        "erp_customers": (
            "'erp'", '"customer_no"', erp_first, erp_last, '"email"', '"phone"', '"zip"',
            '"city"', """try_strptime("date_of_birth", '%m/%d/%Y')""",
        ),
        "legacy_customers": (
            "'legacy'", '"legacy_id"', '"first_name"', '"last_name"', '"email"', '"phone"',
            '"postcode"', '"city"', """try_strptime("dob", '%Y%m%d')""",
        ),
        "interactions": (
            "'interactions'", '"conversation_id"', chat_first, chat_last, '"email_address"',
            '"ani"', "null", "null", "null",
        ),
    }  # fmt: skip
    selects = []
    for extract, columns in extracts.items():
        scan = _scan(raw_dir, extract)
        if scan is None:
            continue
        source, record_id, first, last, email, phone, postcode, city, birth_date = columns
        selects.append(
            f"""
            select
                {source} as source_system,
                cast({record_id} as varchar) as source_record_id,
                nullif(lower(trim({first})), '') as first_name,
                nullif(lower(trim({last})), '') as surname,
                nullif(lower(trim({email})), '') as email,
                nullif(right(regexp_replace({phone}, '[^0-9]', '', 'g'), 10), '') as phone,
                nullif(upper(left(regexp_replace({postcode}, '[^0-9A-Za-z]', '', 'g'), 5)), '')
                    as postcode,
                nullif(lower(trim({city})), '') as city,
                cast({birth_date} as date) as date_of_birth
            from {scan}
            """
        )
    if not selects:
        raise FileNotFoundError(f"{raw_dir}: none of the contract extracts is there")
    body = "\nunion all\n".join(selects)
    return f"select source_system || ':' || source_record_id as unique_id, * from ({body})"


def settings() -> SettingsCreator:
    """Splink's standard comparisons for these columns."""
    return SettingsCreator(
        link_type="dedupe_only",
        # As in Splink's own getting-started example (term frequencies on city only).
        comparisons=[
            cl.NameComparison("first_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=False),
            cl.EmailComparison("email"),
            cl.ExactMatch("phone"),
            cl.ExactMatch("postcode"),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
        ],
        blocking_rules_to_generate_predictions=PREDICTION_RULES,
    )


class _Laps:
    """Wall and CPU seconds (all threads of this process) per phase."""

    def __init__(self) -> None:
        self.phases: dict[str, list[float]] = {}
        self._last = (time.perf_counter(), time.process_time())

    def lap(self, phase: str) -> None:
        now = (time.perf_counter(), time.process_time())
        self.phases[phase] = [now[0] - self._last[0], now[1] - self._last[1]]
        self._last = now


def dedupe(connection: duckdb.DuckDBPyConnection, raw_dir: Path) -> dict:
    """Dedupe the extracts of `raw_dir` into the table `clusters` (unique_id, cluster_id);
    the figures of the run: per phase [wall, cpu] seconds, records, pairs, clusters, and
    the process's peak memory when it ends."""
    laps = _Laps()
    connection.execute(f"create table records as {union_sql(raw_dir)}")
    records = connection.execute("select count(*) from records").fetchall()[0][0]
    db_api = DuckDBAPI(connection=connection)
    linker = Linker(db_api.register("records"), settings(), log_level=logging.WARNING)
    laps.lap("load and normalise")
    linker.training.estimate_probability_two_random_records_match(
        DETERMINISTIC_RULES, recall=DETERMINISTIC_RECALL
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=U_SAMPLING_MAX_PAIRS, seed=42)
    for rule in TRAINING_RULES:
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, max_pairs=EM_MAX_PAIRS
        )
    laps.lap("training")
    predictions = linker.inference.predict(threshold_match_probability=PREDICT_THRESHOLD)
    pairs = connection.execute(f"select count(*) from {predictions.physical_name}").fetchall()
    laps.lap("prediction")
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=CLUSTER_THRESHOLD
    )
    connection.execute(
        f"create table clusters as select unique_id, cluster_id from {clusters.physical_name}"
    )
    cluster_count = connection.execute("select count(distinct cluster_id) from clusters")
    laps.lap("clustering")
    return {
        "phases": laps.phases,
        "records": records,
        "pairs": pairs[0][0],
        "clusters": cluster_count.fetchall()[0][0],
        # ru_maxrss is in KiB on Linux
        "peak_memory_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }


def blocked_comparisons(
    db_api: DuckDBAPI, table: str, rules: list, unique_id_column: str = "unique_id"
) -> int:
    """Pairs the prediction rules generate on `table`, each pair counted once (exact)."""
    counts = count_comparisons_from_blocking_rules(
        db_api.register(table),
        blocking_rules=rules,
        link_type="dedupe_only",
        unique_id_column_name=unique_id_column,
        record_sample_proportion=1.0,
    )
    return int(counts[-1]["cumulative_comparison_count"]) if counts else 0


def accuracy(connection: duckdb.DuckDBPyConnection, ground_truth: Path) -> dict[str, float]:
    """Pairwise precision, recall and F1 of `clusters` against a ground-truth file."""
    connection.execute(
        """
        create or replace temp table evaluated as
        select truth.source_system, clusters.cluster_id, truth.person_id
        from read_csv(?, header = true, all_varchar = true) as truth
        inner join clusters
            on clusters.unique_id = truth.source_system || ':' || truth.source_record_id
        """,
        [str(ground_truth)],
    )
    profiles = ", ".join(f"'{source}'" for source in PROFILE_SOURCES)
    figures = {}
    for subset, where in (("profile", f"source_system in ({profiles})"), ("all", "true")):
        scores = score(connection, where)
        figures[f"{subset} precision"] = scores.pairwise_precision
        figures[f"{subset} recall"] = scores.pairwise_recall
        figures[f"{subset} F1"] = scores.pairwise_f1
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw_dir", type=Path)
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    args = parser.parse_args(argv)
    connection = duckdb.connect()
    result = dedupe(connection, args.raw_dir)
    # Measured after the timed phases: neither counts towards the run's time.
    result["comparisons"] = blocked_comparisons(
        DuckDBAPI(connection=connection), "records", PREDICTION_RULES
    )
    ground_truth = args.raw_dir / "ground_truth.csv"
    if ground_truth.exists():
        result["accuracy"] = accuracy(connection, ground_truth)
    text = json.dumps(result, indent=2)
    if args.json:
        args.json.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
