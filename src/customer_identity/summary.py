"""The short summary printed at the end of a run."""

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


def run_summary(database: Path) -> str:
    """Records in per source, customers out, merges, review queue and quarantine sizes."""
    with duckdb.connect(str(database), read_only=True) as connection:

        def scalar(sql: str) -> int:
            return int(connection.execute(sql).fetchall()[0][0] or 0)

        per_source = connection.execute(
            """
            select
                source_system,
                count(*) as records,
                count(customer_id) as resolved
            from main.customer_xref
            group by source_system
            order by source_system
            """
        ).fetchall()
        quarantined = dict(
            connection.execute(
                "select source_system, count(*) from main.quarantined_records group by all"
            ).fetchall()
        )
        extras = extra_columns(connection)
        kinds = quarantine_by_kind(connection)
        customers = scalar("select count(*) from main.golden_customer")
        resolved = scalar("select count(customer_id) from main.customer_xref")
        multi_record = scalar(
            "select count(*) from main.golden_customer where profile_record_count > 1"
        )
        largest = scalar("select max(source_record_count) from main.golden_customer")
        review_band = scalar(
            """
            select count(*)
            from identity.int_identity_pairs_scored as pairs
            join main.customer_xref as l on pairs.record_key_l = l.record_key
            join main.customer_xref as r on pairs.record_key_r = r.record_key
            where l.customer_id is distinct from r.customer_id
            """
        )
    lines = ["Run summary", f"  database: {database}"]
    # Rows in = rows in customer_xref + rows quarantined: the contract's accounting.
    for source, records, resolved_count in per_source:
        lines.append(
            f"  {source:<13} {records + quarantined.get(source, 0):>9} rows in, "
            f"{resolved_count:>9} resolved, {quarantined.get(source, 0):>6} quarantined"
        )
    for source, count in sorted(quarantined.items()):
        if source not in {row[0] for row in per_source}:
            lines.append(
                f"  {source:<13} {count:>9} rows in, {0:>9} resolved, {count:>6} quarantined"
            )
    lines += [
        f"  customers out: {customers} ({resolved} records resolved; "
        f"{resolved - customers} merged away)",
        f"  customers uniting several profile records: {multi_record}; largest customer: "
        f"{largest} records",
        f"  review queue: {review_band} scored pairs left in different customers",
        f"  quarantined rows: {sum(quarantined.values())} (see quarantined_records)",
    ]
    for source, by_kind in sorted(kinds.items()):
        detail = ", ".join(f"{count} {kind}" for kind, count in by_kind.items())
        lines.append(f"    {source}: {detail}")
    if extras:
        lines.append("  schema drift: columns not in the contract, kept in raw_attributes")
        for source, columns in sorted(extras.items()):
            lines.append(f"    {EXTRACT_NAMES[source]}: {', '.join(columns)}")
    else:
        lines.append("  schema drift: none (every column is one the contract lists)")
    return "\n".join(lines)
