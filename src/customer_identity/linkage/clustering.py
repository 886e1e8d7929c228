"""Connected components of linked records, with Splink's clustering."""

from __future__ import annotations

import duckdb
import pyarrow as pa
from splink import DuckDBAPI
from splink.clustering import cluster_pairwise_predictions_at_threshold

from customer_identity.linkage.database import WORK_SCHEMA

CLUSTER_SCHEMA = pa.schema([("record_key", pa.string()), ("cluster_key", pa.string())])


def connected_components(
    connection: duckdb.DuckDBPyConnection, nodes_sql: str, edges_sql: str
) -> pa.Table:
    """Cluster `nodes_sql` (column record_key) along `edges_sql` (record_key_l, record_key_r).

    Every node gets a cluster; a cluster's key is its smallest record key, so it does not
    depend on the order Splink visits the graph.
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
        result = cursor.sql(
            f"""
            select
                cast(record_key as varchar) as record_key,
                cast(min(record_key) over (partition by cluster_id) as varchar) as cluster_key
            from {clusters.physical_name}
            """
        ).to_arrow_table()
        return result.cast(CLUSTER_SCHEMA)
    finally:
        cursor.execute(f"drop schema if exists {schema} cascade")
        cursor.close()
