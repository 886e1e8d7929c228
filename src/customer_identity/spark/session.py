"""A Spark session for the project: local mode by default, UTC, Splink's similarity UDFs."""

from __future__ import annotations

import os
from pathlib import Path

from pyspark.sql import SparkSession
from splink.backends.spark import similarity_jar_location
from splink.internals.spark.jar_location import get_scala_udfs

from customer_identity.spark.udfs import register_udfs, udf_jar

# A build is thousands of short queries over wide expressions: in local mode the JVM's
# optimising JIT (C2) spends more CPU compiling them than it ever wins back, and competes
# with the work on a small machine. C1 only cut the sample build's startup and first
# queries by about three quarters (docs/scaling.md). SPARK_DRIVER_JAVA_OPTIONS overrides it.
LOCAL_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


def spark_session(warehouse: Path, master: str | None = None) -> SparkSession:
    """The session dbt-spark (`method: session`) and the linkage steps share: tables under
    `warehouse`, their catalog in a Derby metastore beside it, timestamps read and written
    in UTC (the dbt macros rely on it)."""
    warehouse = warehouse.resolve()
    warehouse.mkdir(parents=True, exist_ok=True)
    metastore = warehouse / "metastore_db"
    master = master or os.environ.get("SPARK_MASTER", "local[*]")
    local = master.startswith("local")
    cores = os.cpu_count() or 2
    java_options = os.environ.get("SPARK_DRIVER_JAVA_OPTIONS", LOCAL_JAVA_OPTIONS if local else "")
    builder = (
        SparkSession.builder.appName("customer-identity")
        .master(master)
        .config("spark.jars", f"{similarity_jar_location()},{udf_jar()}")
        .config("spark.sql.warehouse.dir", str(warehouse))
        .config(
            "spark.hadoop.javax.jdo.option.ConnectionURL",
            f"jdbc:derby:;databaseName={metastore};create=true",
        )
        .config("spark.driver.extraJavaOptions", f"-Dderby.system.home={warehouse} {java_options}")
        .config("spark.sql.session.timeZone", "UTC")
        # About two shuffle partitions per core locally (Spark's 200 only adds tasks on small
        # data); on a cluster, Spark's default unless set.
        .config(
            "spark.sql.shuffle.partitions",
            os.environ.get("SPARK_SHUFFLE_PARTITIONS", str(2 * cores) if local else "200"),
        )
        .config("spark.driver.memory", os.environ.get("SPARK_DRIVER_MEMORY", "4g"))
        .config("spark.ui.enabled", os.environ.get("SPARK_UI_ENABLED", "false"))
        .config("spark.ui.showConsoleProgress", "false")
        .enableHiveSupport()
    )
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    session.sparkContext.setCheckpointDir(str(warehouse / "checkpoints"))
    # Splink's similarity functions (damerau_levenshtein, ...), then the project's own, which
    # replace Splink's jaro_winkler with DuckDB's (udfs.py); the dbt macros call them too.
    for name, java_class, return_type in get_scala_udfs():
        session.udf.registerJavaFunction(name, java_class, return_type)
    register_udfs(session)
    return session
