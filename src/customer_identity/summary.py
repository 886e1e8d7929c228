"""The short summary printed at the end of a run: the identity_metrics mart."""

from __future__ import annotations

from pathlib import Path

import duckdb

STAGING_MODELS = {
    "crm": "stg_crm__contacts",
    "erp": "stg_erp__customers",
    "legacy": "stg_legacy__customers",
    "interactions": "stg_interactions__conversations",
}
EXTRACT_NAMES = {
    "crm": "crm_contacts",
    "erp": "erp_customers",
    "legacy": "legacy_customers",
    "interactions": "interactions",
}
# Reason kinds for the summary, in the words of the quarantine reasons.
REASON_KINDS_SQL = """
    case
        when reason like '%could not be read%' then 'unreadable line'
        when reason like 'duplicate %' then 'duplicate id'
        when reason like '% is empty;%' then 'empty id'
        else 'other'
    end
"""


def extra_columns(connection: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Per source system, the extract's columns the contract does not list (kept as JSON)."""
    found: dict[str, list[str]] = {}
    for source, model in STAGING_MODELS.items():
        rows = connection.execute(
            f"""
            select distinct unnest(json_keys(raw_attributes)) as column_name
            from staging.{model}
            where raw_attributes is not null
            order by column_name
            """
        ).fetchall()
        if rows:
            found[source] = [row[0] for row in rows]
    return found


def quarantine_by_kind(connection: duckdb.DuckDBPyConnection) -> dict[str, dict[str, int]]:
    """Per source system, quarantined rows counted by kind of reason."""
    counts: dict[str, dict[str, int]] = {}
    for source, kind, count in connection.execute(
        f"""
        select source_system, {REASON_KINDS_SQL} as kind, count(*)
        from main.quarantined_records
        group by all
        order by all
        """
    ).fetchall():
        counts.setdefault(source, {})[kind] = count
    return counts


LABELS = {
    "records_in": "records in",
    "records_resolved": "records resolved",
    "customers_out": "customers out",
    "merge_rate": "merge rate",
    "duplicate_elimination_rate": "duplicate-elimination rate",
    "cluster_size": "customers by records united",
    "review_queue_size": "review queue (pairs for stewards)",
    "customer_id_events": "customer ids changed this run",
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
        extras = extra_columns(connection)
        kinds = quarantine_by_kind(connection)
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
    if "customer_id_events" not in by_metric:
        lines.append(f"  {LABELS['customer_id_events']}: none")
    for source, by_kind in sorted(kinds.items()):
        detail = ", ".join(f"{count} {kind}" for kind, count in by_kind.items())
        lines.append(f"    quarantined in {source}: {detail}")
    if extras:
        lines.append("  schema drift: columns not in the contract, kept in raw_attributes")
        for source, columns in sorted(extras.items()):
            lines.append(f"    {EXTRACT_NAMES[source]}: {', '.join(columns)}")
    else:
        lines.append("  schema drift: none (every column is one the contract lists)")
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
