"""Profile records (crm, erp, legacy) clustered along their linked edges; clusters holding a
steward `no_match` pair are split along the weakest edges between the two records."""


def model(dbt, session):
    dbt.config(materialized="table")
    from customer_identity.linkage.clustering import connected_components

    nodes = dbt.ref("int_identity_records_for_linkage").select("record_key")
    edges = dbt.ref("int_identity_edges_linked").select(
        "record_key_l, record_key_r, link_strength"
    )
    cannot_link = (
        dbt.ref("int_identity_steward_decisions_latest")
        .filter("decision = 'no_match'")
        .select("record_key_l, record_key_r")
    )
    return connected_components(
        session, nodes.sql_query(), edges.sql_query(), cannot_link.sql_query()
    )
