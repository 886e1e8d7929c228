"""Right to erasure: no table or view keeps an erased person's data; tombstones remain."""

from __future__ import annotations

import csv

import duckdb

from conftest import build_like_make_run

# Text-bearing personal columns of the staging tables, compared across records.
PERSONAL_COLUMNS = {
    "stg_crm__contacts": [
        "email_raw",
        "email",
        "phone_raw",
        "phone_e164",
        "mobile_phone_raw",
        "mobile_phone_e164",
        "street_raw",
        "street",
    ],
    "stg_erp__customers": ["email_raw", "email", "phone_raw", "phone_e164", "street_raw", "street"],
    "stg_legacy__customers": [
        "email_raw",
        "email",
        "phone_raw",
        "phone_e164",
        "street_raw",
        "street",
        "national_id_raw",
    ],
    "stg_interactions__conversations": ["email_raw", "email", "ani_raw", "phone_e164"],
}


def _query(database, sql, parameters=None):
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql, parameters or []).fetchall()


def _erased_values(database, customer_ids):
    """Values only the erased customers' records hold, in any personal column of any source
    (a value another customer also holds, a shared landline, legitimately remains)."""
    held = " union all ".join(
        f"""
        select lower(trim(staged.{column})) as value, xref.customer_id
        from staging.{table} as staged
        left join main.customer_xref as xref
            on staged.source_system || ':' || staged.source_record_id = xref.record_key
        where length(trim(staged.{column})) >= 6
        """
        for table, columns in PERSONAL_COLUMNS.items()
        for column in columns
    )
    rows = _query(
        database,
        f"""
        select value from ({held}) as held
        group by value
        having bool_and(coalesce(customer_id in (select unnest($1)), false))
        """,
        [list(customer_ids)],
    )
    return {row[0] for row in rows}


def _text_hits(database, values):
    """(schema.table, column) pairs holding any of `values` in any text-bearing column."""
    hits = []
    with duckdb.connect(str(database), read_only=True) as connection:
        columns = connection.execute(
            """
            select table_schema, table_name, column_name
            from information_schema.columns
            where table_schema not in ('information_schema', 'pg_catalog')
                and (data_type like '%VARCHAR%' or data_type like '%JSON%'
                     or data_type like '%[]%' or data_type like 'STRUCT%'
                     or data_type like 'MAP%')
            """
        ).fetchall()
        needles = sorted(values)
        for schema, table, column in columns:
            [(count,)] = connection.execute(
                f'select count(*) from "{schema}"."{table}" '
                "where len(list_filter($1, lambda needle: "
                f'contains(lower(cast("{column}" as varchar)), needle))) > 0',
                [needles],
            ).fetchall()
            if count:
                hits.append((f"{schema}.{table}", column))
    return hits


def _write_requests(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(
            handle,
            fieldnames=[
                "request_id",
                "requested_at",
                "email",
                "phone",
                "source_system",
                "source_record_id",
            ],
        )
        writer.writeheader()
        writer.writerows(rows)


def test_erased_persons_leave_no_trace_but_their_tombstones(sample_build, tmp_path, extracts_dir):
    before = sample_build.database
    # Three customers that unite several sources: one named by email, one by phone, one by
    # a source record.
    picks = _query(
        before,
        """
        select customer_id, primary_email, primary_phone
        from main.golden_customer
        where profile_record_count >= 2 and interaction_count >= 1
            and primary_email is not null and primary_phone is not null
            and primary_phone not in (
                select phone from main.customer_phones group by phone having count(*) > 1
            )
        order by customer_id
        limit 3
        """,
    )
    assert len(picks) == 3
    [(legacy_or_erp_record,)] = _query(
        before,
        "select min(source_system || '|' || source_record_id) from main.customer_xref "
        "where customer_id = ? and source_system in ('erp', 'legacy')",
        [picks[2][0]],
    )
    record_system, record_id = legacy_or_erp_record.split("|")
    _write_requests(
        extracts_dir / "erasure_requests.csv",
        [
            {"request_id": "R1", "requested_at": "2026-11-01T00:00:00Z", "email": picks[0][1]},
            {"request_id": "R2", "requested_at": "2026-11-02T00:00:00Z", "phone": picks[1][2]},
            {
                "request_id": "R3",
                "requested_at": "2026-11-03T00:00:00Z",
                "source_system": record_system,
                "source_record_id": record_id,
            },
        ],
    )
    erased_ids = [pick[0] for pick in picks]
    values = _erased_values(before, erased_ids)
    assert {picks[0][1], picks[1][2]} <= values
    assert _text_hits(before, values), "the values are there before the erasure"

    database = tmp_path / "erased.duckdb"
    for _ in range(2):  # a second run on the same extracts: still erased
        build_like_make_run(extracts_dir, database)
        assert _text_hits(database, values) == []
        tombstones = _query(
            database,
            "select customer_id, is_erased, first_name, primary_email, primary_phone, "
            "source_record_count from main.golden_customer where customer_id in "
            "(select unnest(?)) order by customer_id",
            [erased_ids],
        )
        assert [row[0] for row in tombstones] == sorted(erased_ids)
        assert all(row[1] and row[2:5] == (None, None, None) for row in tombstones), tombstones
        assert all(row[5] >= 3 for row in tombstones)
        [(conversations,)] = _query(
            database,
            "select count(*) from main.customer_interactions "
            "where customer_id in (select unnest(?))",
            [erased_ids],
        )
        assert conversations >= 3
        [(erased_metric,)] = _query(
            database,
            "select metric_value from main.identity_metrics where metric = 'erased_customers'",
        )
        assert erased_metric == 3
