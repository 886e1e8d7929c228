"""Profile records (crm, erp, legacy) clustered along their linked edges; clusters holding a
steward `no_match` pair are split along the weakest edges between the two records, and
clusters over the caps (vars max_profile_records_per_customer, max_birth_dates_per_customer) are
re-clustered along their strong edges only (var split_link_strength) and flagged."""


def model(dbt, session):
    dbt.config(materialized="table")
    from customer_identity.linkage.clustering import ClusterCaps, connected_components

    nodes = dbt.ref("int_identity_records_for_linkage").select("record_key, date_of_birth")
    edges = dbt.ref("int_identity_edges_linked").select("record_key_l, record_key_r, link_strength")
    cannot_link = (
        dbt.ref("int_identity_steward_decisions_latest")
        .filter("decision = 'no_match'")
        .select("record_key_l, record_key_r")
    )
    caps = ClusterCaps(
        max_records=int(dbt.config.get("max_profile_records_per_customer")),
        max_birth_dates=int(dbt.config.get("max_birth_dates_per_customer")),
        split_link_strength=float(dbt.config.get("split_link_strength")),
    )
    return connected_components(
        session, nodes.sql_query(), edges.sql_query(), cannot_link.sql_query(), caps
    )
