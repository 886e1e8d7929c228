"""Conversations whose customer a steward decision changes: a `match` with a profile record
or another conversation, a `no_match` that sends one away (rules in
customer_identity.linkage.stewardship). Decisions between profile records are applied in
int_identity_profile_clusters."""


def model(dbt, session):
    dbt.config(materialized="table")
    from customer_identity.linkage.stewardship import apply_interaction_decisions

    proposed = dbt.ref("int_identity_clusters_proposed").select(
        "record_key, is_profile, cluster_key"
    )
    decisions = dbt.ref("int_identity_steward_decisions_latest")
    records = dbt.ref("int_identity_records_unioned").select(
        "record_key, is_profile, first_seen_at"
    )
    return apply_interaction_decisions(
        session, proposed.sql_query(), decisions.sql_query(), records.sql_query()
    )
