"""Customer marts on the bundled sample: identifiers, cross-channel history, masks, metrics."""

from __future__ import annotations

import re

import duckdb

from customer_identity.summary import run_summary


def _query(database, sql):
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def test_one_customer_history_spans_voice_chat_and_whatsapp(sample_build):
    [(customers,)] = _query(
        sample_build.database,
        """
        select count(*) from (
            select customer_id
            from main.customer_interactions
            where customer_id is not null
            group by customer_id
            having count(distinct channel) filter (
                where channel in ('voice', 'webchat', 'whatsapp')
            ) = 3
        )
        """,
    )
    assert customers > 0
    [(mismatched,)] = _query(
        sample_build.database,
        """
        select count(*)
        from main.golden_customer as golden
        left join (
            select customer_id, count(*) as conversations
            from main.customer_interactions
            group by customer_id
        ) as history on golden.customer_id = history.customer_id
        where golden.interaction_count <> coalesce(history.conversations, 0)
        """,
    )
    assert mismatched == 0


def test_each_customer_has_at_most_one_primary_email_and_phone(sample_build):
    for table in ("customer_emails", "customer_phones"):
        [(too_many,)] = _query(
            sample_build.database,
            f"select count(*) from (select customer_id from main.{table} "
            "where is_primary group by customer_id having count(*) > 1)",
        )
        assert too_many == 0, table


def test_masked_view_shows_no_full_contact_points(sample_build):
    rows = _query(
        sample_build.database,
        "select primary_email_masked, primary_phone_masked, birth_year "
        "from main.golden_customer_masked",
    )
    emails = [row[0] for row in rows if row[0]]
    phones = [row[1] for row in rows if row[1]]
    assert emails and phones
    assert all(re.fullmatch(r"[^@*]\*\*\*@[^@*]+", email) for email in emails), emails[:5]
    assert all(re.fullmatch(r"\+[0-9]{1,3}\*+[0-9]{4}", phone) for phone in phones), phones[:5]
    assert "+1******4567" in {re.sub(r"[0-9]{4}$", "4567", p) for p in phones}


def test_run_summary_prints_the_identity_metrics(sample_build):
    summary = run_summary(sample_build.database)
    for label in ("records in", "customers out", "merge rate", "duplicate-elimination rate"):
        assert label in summary, summary
    assert "review queue" in summary and "quarantined rows" in summary
    # A first build issues every id it publishes.
    assert "customer ids changed this run: created " in summary, summary


def test_every_mart_column_is_documented(sample_build):
    import yaml

    from conftest import PROJECT_DIR

    documented: dict[str, set[str]] = {}
    for path in (PROJECT_DIR / "models" / "marts").rglob("_*__models.yml"):
        for model in yaml.safe_load(path.read_text(encoding="utf-8")).get("models", []):
            documented[model["name"]] = {
                column["name"] for column in model.get("columns", []) if column.get("description")
            }
    assert documented
    for model, columns in documented.items():
        actual = {row[0] for row in _query(sample_build.database, f"describe main.{model}")}
        assert actual <= columns, f"{model}: undocumented {sorted(actual - columns)}"
