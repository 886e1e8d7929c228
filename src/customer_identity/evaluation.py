"""Accuracy of a run against ground truth: pairwise and B-cubed precision, recall and F1.

Records without a customer (conversations with no usable identifier) count as clusters of
one. Records the run quarantined are reported and left out of the scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

PROFILE_SOURCES = ("crm", "erp", "legacy")


@dataclass(frozen=True)
class Scores:
    """Clustering accuracy over one set of records."""

    records: int
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    largest_cluster_records: int
    largest_cluster_persons: int
    max_persons_in_a_cluster: int


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def load_assignments(connection: duckdb.DuckDBPyConnection, ground_truth: Path) -> tuple[int, int]:
    """Create the temp table `evaluated` (record, cluster, person); return (matched, missing)."""
    connection.execute(
        """
        create or replace temp table ground_truth as
        select
            cast(source_system as varchar) as source_system,
            cast(source_record_id as varchar) as source_record_id,
            cast(person_id as varchar) as person_id
        from read_csv(?, header = true, all_varchar = true)
        """,
        [str(ground_truth)],
    )
    connection.execute(
        """
        create or replace temp table evaluated as
        select
            truth.source_system,
            truth.source_system || ':' || truth.source_record_id as record_key,
            coalesce(xref.customer_id, 'none:' || truth.source_system || ':'
                || truth.source_record_id) as cluster_id,
            truth.person_id
        from ground_truth as truth
        inner join main.customer_xref as xref
            on truth.source_system = xref.source_system
            and truth.source_record_id = xref.source_record_id
        """
    )
    matched = connection.execute("select count(*) from evaluated").fetchall()[0][0]
    total = connection.execute("select count(*) from ground_truth").fetchall()[0][0]
    return matched, total - matched


def score(connection: duckdb.DuckDBPyConnection, where: str = "true") -> Scores:
    """Scores over the rows of `evaluated` selected by `where`."""
    row = connection.execute(
        f"""
        with records as (select * from evaluated where {where}),
        cells as (
            select cluster_id, person_id, count(*) as n from records group by all
        ),
        clusters as (select cluster_id, count(*) as n from records group by all),
        persons as (select person_id, count(*) as n from records group by all),
        cluster_persons as (
            select cluster_id, count(*) as persons, sum(n) as n from cells group by all
        )
        select
            (select count(*) from records),
            (select coalesce(sum(n * (n - 1) / 2), 0) from cells),
            (select coalesce(sum(n * (n - 1) / 2), 0) from clusters),
            (select coalesce(sum(n * (n - 1) / 2), 0) from persons),
            (select coalesce(sum(cells.n * cells.n / clusters.n), 0)
                from cells join clusters using (cluster_id)),
            (select coalesce(sum(cells.n * cells.n / persons.n), 0)
                from cells join persons using (person_id)),
            (select arg_max(n, n) from cluster_persons),
            (select arg_max(persons, n) from cluster_persons),
            (select max(persons) from cluster_persons)
        """
    ).fetchall()[0]
    records, true_positive, predicted, actual, bcubed_p_sum, bcubed_r_sum = row[:6]
    pairwise_p = true_positive / predicted if predicted else 1.0
    pairwise_r = true_positive / actual if actual else 1.0
    bcubed_p = bcubed_p_sum / records if records else 1.0
    bcubed_r = bcubed_r_sum / records if records else 1.0
    return Scores(
        records=records,
        pairwise_precision=pairwise_p,
        pairwise_recall=pairwise_r,
        pairwise_f1=_f1(pairwise_p, pairwise_r),
        bcubed_precision=bcubed_p,
        bcubed_recall=bcubed_r,
        bcubed_f1=_f1(bcubed_p, bcubed_r),
        largest_cluster_records=int(row[6] or 0),
        largest_cluster_persons=int(row[7] or 0),
        max_persons_in_a_cluster=int(row[8] or 0),
    )


def evaluate(database: Path, ground_truth: Path) -> dict[str, Scores]:
    """Scores for profile records (crm, erp, legacy) and for all records."""
    if not ground_truth.exists():
        raise FileNotFoundError(f"{ground_truth}: no ground truth to evaluate against")
    with duckdb.connect(str(database), read_only=True) as connection:
        matched, missing = load_assignments(connection, ground_truth)
        if matched == 0:
            raise ValueError(f"no record of {ground_truth} appears in customer_xref of {database}")
        profiles = ", ".join(f"'{source}'" for source in PROFILE_SOURCES)
        results = {
            "profile records": score(connection, f"source_system in ({profiles})"),
            "all records": score(connection),
        }
    if missing:
        print(f"{missing} ground-truth records are not in customer_xref (quarantined)")
    return results


def format_report(results: dict[str, Scores]) -> str:
    """A plain-text table of the scores."""
    lines = [
        f"{'records':<16}{'n':>9}{'pair P':>9}{'pair R':>9}{'pair F1':>9}"
        f"{'B3 P':>8}{'B3 R':>8}{'B3 F1':>8}{'largest':>9}{'persons':>9}{'max prs':>9}"
    ]
    for name, s in results.items():
        lines.append(
            f"{name:<16}{s.records:>9}{s.pairwise_precision:>9.4f}{s.pairwise_recall:>9.4f}"
            f"{s.pairwise_f1:>9.4f}{s.bcubed_precision:>8.4f}{s.bcubed_recall:>8.4f}"
            f"{s.bcubed_f1:>8.4f}{s.largest_cluster_records:>9}{s.largest_cluster_persons:>9}"
            f"{s.max_persons_in_a_cluster:>9}"
        )
    lines.append(
        "largest = records in the largest cluster; persons = real persons in it; "
        "max prs = most real persons any one cluster unites"
    )
    return "\n".join(lines)


def steward_agreement(database: Path) -> tuple[int, float, float] | None:
    """Precision and recall of the run against the steward decisions in force (`match` are
    positives, `no_match` negatives): (decisions, precision, recall), or None without any."""
    with duckdb.connect(str(database), read_only=True) as connection:
        rows = connection.execute(
            """
            select
                decisions.decision,
                left_side.customer_id is not null
                    and left_side.customer_id = right_side.customer_id as is_together
            from identity.int_identity_steward_decisions_latest as decisions
            join main.customer_xref as left_side
                on decisions.record_key_l = left_side.record_key
            join main.customer_xref as right_side
                on decisions.record_key_r = right_side.record_key
            """
        ).fetchall()
    if not rows:
        return None
    together = sum(1 for decision, is_together in rows if is_together and decision == "match")
    claimed = sum(1 for _, is_together in rows if is_together)
    matches = sum(1 for decision, _ in rows if decision == "match")
    precision = together / claimed if claimed else 1.0
    recall = together / matches if matches else 1.0
    return len(rows), precision, recall
