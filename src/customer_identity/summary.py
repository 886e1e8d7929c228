"""The short summary printed at the end of a run."""

from __future__ import annotations

from pathlib import Path

import duckdb


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
    for source, records, resolved_count in per_source:
        lines.append(
            f"  {source:<13} {records:>9} records in, {resolved_count:>9} resolved, "
            f"{quarantined.get(source, 0):>6} quarantined"
        )
    for source, count in sorted(quarantined.items()):
        if source not in {row[0] for row in per_source}:
            lines.append(f"  {source:<13} {0:>9} records in, {count:>6} quarantined")
    lines += [
        f"  customers out: {customers} ({resolved} records resolved; "
        f"{resolved - customers} merged away)",
        f"  customers uniting several profile records: {multi_record}; largest customer: "
        f"{largest} records",
        f"  review queue: {review_band} scored pairs left in different customers",
        f"  quarantined rows: {sum(quarantined.values())} (see quarantined_records)",
    ]
    return "\n".join(lines)
