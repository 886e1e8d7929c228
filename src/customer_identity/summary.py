"""The short summary printed at the end of a run: the identity_metrics mart."""

from __future__ import annotations

from pathlib import Path

import duckdb

LABELS = {
    "records_in": "records in",
    "records_resolved": "records resolved",
    "customers_out": "customers out",
    "merge_rate": "merge rate",
    "duplicate_elimination_rate": "duplicate-elimination rate",
    "cluster_size": "customers by records united",
    "review_queue_size": "review queue (scored pairs left apart)",
    "quarantined_rows": "quarantined rows",
    "erased_customers": "erased customers (tombstones)",
    "erasure_pending_records": "erased records not yet masked (0 after a run)",
}


def _format(metric: str, value: float) -> str:
    if metric.endswith("_rate"):
        return f"{value:.1%}"
    return f"{int(value)}"


def _dimension_order(dimension: str) -> tuple[int, str]:
    """Size bands by their lower bound (1, 2, 3-5, 6-10, 11+), other dimensions by name."""
    head = dimension.split("-")[0].rstrip("+")
    return (int(head), dimension) if head.isdigit() else (0, dimension)


def run_summary(database: Path) -> str:
    """Records in per source, customers out, merge rates, cluster sizes, queues, erasures."""
    with duckdb.connect(str(database), read_only=True) as connection:
        rows = connection.execute(
            "select metric, dimension, metric_value from main.identity_metrics"
        ).fetchall()
    by_metric: dict[str, list[tuple[str, float]]] = {}
    for metric, dimension, value in rows:
        by_metric.setdefault(metric, []).append((dimension, value or 0.0))
    lines = ["Run summary", f"  database: {database}"]
    ordered = [m for m in LABELS if m in by_metric] + sorted(set(by_metric) - set(LABELS))
    for metric in ordered:
        values = sorted(by_metric[metric], key=lambda item: _dimension_order(item[0]))
        label = LABELS.get(metric, metric)
        if len(values) == 1 and values[0][0] in {"all", "pairs", "profiles"}:
            lines.append(f"  {label}: {_format(metric, values[0][1])}")
        else:
            detail = ", ".join(f"{dim} {_format(metric, value)}" for dim, value in values)
            lines.append(f"  {label}: {detail}")
    return "\n".join(lines)


def erasure_pending_records(database: Path) -> int:
    """Records the erasure registry names that the last build did not mask yet.

    Not zero after the first build that sees a new erasure request: the request is resolved
    to its customer's records only after staging, so staging and everything built from it
    are built again (the Makefile's `run` does it).
    """
    with duckdb.connect(str(database), read_only=True) as connection:
        rows = connection.execute(
            "select metric_value from main.identity_metrics "
            "where metric = 'erasure_pending_records'"
        ).fetchall()
    return int(rows[0][0]) if rows else 0
