"""The project on Spark: the session, the linkage steps and the build that runs dbt around them.

dbt-spark runs Python models only on Databricks clusters, not in `session` mode, so on Spark
the two Python models (pair scoring, clustering) run here, as steps between dbt invocations
in one Spark session; DuckDB keeps them inside `dbt build`.
"""
