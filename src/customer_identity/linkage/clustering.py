"""Connected components of linked records, with Splink's clustering, and steward cuts."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import networkx as nx
import pyarrow as pa
from splink import DuckDBAPI
from splink.clustering import cluster_pairwise_predictions_at_threshold

from customer_identity.linkage.database import WORK_SCHEMA

CLUSTER_SCHEMA = pa.schema(
    [("record_key", pa.string()), ("cluster_key", pa.string()), ("split_reason", pa.string())]
)


@dataclass(frozen=True)
class ClusterCaps:
    """Bounds on one customer: more records, or more distinct birth dates, than one person
    plausibly has means chained strangers. Such a cluster is re-clustered along its edges of
    at least `split_link_strength` only, and flagged."""

    max_records: int
    max_birth_dates: int
    split_link_strength: float


def connected_components(
    connection: duckdb.DuckDBPyConnection,
    nodes_sql: str,
    edges_sql: str,
    cannot_link_sql: str | None = None,
    caps: ClusterCaps | None = None,
) -> pa.Table:
    """Cluster `nodes_sql` (record_key, date_of_birth) along `edges_sql` (record_key_l,
    record_key_r, link_strength); separate every `cannot_link_sql` pair (record_key_l,
    record_key_r) that ended in one cluster by cutting the weakest set of edges between
    them; then split clusters over `caps`.

    A cluster's key is its smallest record key, so it does not depend on the order Splink
    visits the graph.
    """
    cursor = connection.cursor()
    schema = f"{WORK_SCHEMA}_clusters"
    cursor.execute(f"drop schema if exists {schema} cascade")
    cursor.execute(f"create schema {schema}")
    try:
        cursor.execute(f"create table {schema}.nodes as {nodes_sql}")
        cursor.execute(f"create table {schema}.edges as {edges_sql}")
        db_api = DuckDBAPI(connection=cursor, output_schema=schema)
        clusters = cluster_pairwise_predictions_at_threshold(
            nodes=f"{schema}.nodes",
            edges=f"{schema}.edges",
            db_api=db_api,
            node_id_column_name="record_key",
            edge_id_column_name_left="record_key_l",
            edge_id_column_name_right="record_key_r",
        )
        cursor.execute(
            f"""
            create table {schema}.clusters as
            select
                cast(record_key as varchar) as record_key,
                cast(min(record_key) over (partition by cluster_id) as varchar) as cluster_key,
                cast(null as varchar) as split_reason
            from {clusters.physical_name}
            """
        )
        if cannot_link_sql is not None:
            _cut_cannot_link_pairs(cursor, schema, cannot_link_sql)
        if caps is not None:
            _split_clusters_over_caps(cursor, schema, caps)
        return cursor.sql(f"select * from {schema}.clusters").to_arrow_table().cast(CLUSTER_SCHEMA)
    finally:
        cursor.execute(f"drop schema if exists {schema} cascade")
        cursor.close()


def _cut_cannot_link_pairs(
    cursor: duckdb.DuckDBPyConnection, schema: str, cannot_link_sql: str
) -> None:
    """Split clusters that hold a cannot-link pair along a minimum cut, in place."""
    conflicts = cursor.execute(
        f"""
        select cannot.record_key_l, cannot.record_key_r, left_side.cluster_key
        from ({cannot_link_sql}) as cannot
        join {schema}.clusters as left_side on cannot.record_key_l = left_side.record_key
        join {schema}.clusters as right_side on cannot.record_key_r = right_side.record_key
        where left_side.cluster_key = right_side.cluster_key
        """
    ).fetchall()
    if not conflicts:
        return
    affected = sorted({cluster_key for _, _, cluster_key in conflicts})
    cursor.execute(
        f"create table {schema}.affected as select unnest(?::varchar[]) as cluster_key",
        [affected],
    )
    graph = nx.Graph()
    graph.add_nodes_from(
        row[0]
        for row in cursor.execute(
            f"select record_key from {schema}.clusters join {schema}.affected using (cluster_key)"
        ).fetchall()
    )
    for left, right, strength in cursor.execute(
        f"""
        select edges.record_key_l, edges.record_key_r, edges.link_strength
        from {schema}.edges as edges
        join {schema}.clusters as c on edges.record_key_l = c.record_key
        join {schema}.affected using (cluster_key)
        """
    ).fetchall():
        graph.add_edge(left, right, capacity=float(strength))
    for left, right, _ in conflicts:
        if nx.has_path(graph, left, right):
            _, (left_part, _) = nx.minimum_cut(graph, left, right)
            graph.remove_edges_from(
                [(u, v) for u, v in list(graph.edges(left_part)) if v not in left_part]
            )
    rows = []
    for component in nx.connected_components(graph):
        key = min(component)
        rows.extend((node, key) for node in component)
    cursor.execute(f"create table {schema}.recut (record_key varchar, cluster_key varchar)")
    cursor.executemany(f"insert into {schema}.recut values (?, ?)", rows)
    cursor.execute(
        f"""
        update {schema}.clusters as c
        set cluster_key = recut.cluster_key, split_reason = 'steward no_match decision'
        from {schema}.recut as recut
        where c.record_key = recut.record_key
        """
    )


def _split_clusters_over_caps(
    cursor: duckdb.DuckDBPyConnection, schema: str, caps: ClusterCaps
) -> None:
    """Re-cluster clusters over the caps along their strong edges only, and flag them."""
    over = cursor.execute(
        f"""
        select c.cluster_key, count(*) as records, count(distinct n.date_of_birth) as dates
        from {schema}.clusters as c
        join {schema}.nodes as n using (record_key)
        group by c.cluster_key
        having count(*) > ? or count(distinct n.date_of_birth) > ?
        """,
        [caps.max_records, caps.max_birth_dates],
    ).fetchall()
    if not over:
        return
    reasons = {
        key: f"over the caps ({records} records, {dates} birth dates)"
        for key, records, dates in over
    }
    graph = nx.Graph()
    members = cursor.execute(
        f"""
        select record_key, cluster_key from {schema}.clusters
        where cluster_key in (select unnest(?::varchar[]))
        """,
        [list(reasons)],
    ).fetchall()
    graph.add_nodes_from(key for key, _ in members)
    cluster_of = dict(members)
    graph.add_edges_from(
        (left, right)
        for left, right in cursor.execute(
            f"""
            select record_key_l, record_key_r from {schema}.edges
            where link_strength >= ?
            """,
            [caps.split_link_strength],
        ).fetchall()
        if left in cluster_of and cluster_of.get(right) == cluster_of[left]
    )
    rows = []
    for component in nx.connected_components(graph):
        new_key = min(component)
        rows.extend((node, new_key, reasons[cluster_of[node]]) for node in component)
    cursor.execute(
        f"create table {schema}.capped (record_key varchar, cluster_key varchar, reason varchar)"
    )
    cursor.executemany(f"insert into {schema}.capped values (?, ?, ?)", rows)
    cursor.execute(
        f"""
        update {schema}.clusters as c
        set cluster_key = capped.cluster_key,
            split_reason = coalesce(c.split_reason || '; ', '') || capped.reason
        from {schema}.capped as capped
        where c.record_key = capped.record_key
        """
    )
