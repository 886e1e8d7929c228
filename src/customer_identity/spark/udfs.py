"""The project's own Spark functions: a small Java source compiled once per version into a
jar the session loads (`javac` from a JDK 17 is needed; on a cluster, add the jar to its
libraries). Today one function: `jaro_winkler` as DuckDB computes it, replacing Splink's."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pyspark
from pyspark.sql import SparkSession
from pyspark.sql.types import DoubleType

SOURCES = (Path(__file__).with_name("JaroWinklerSimilarity.java"),)
FUNCTIONS = {"jaro_winkler": "customer_identity.spark.JaroWinklerSimilarity"}


class UdfBuildError(RuntimeError):
    """The Java functions could not be compiled."""


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "customer-identity"


def udf_jar() -> Path:
    """The jar of the project's functions, compiled on first use and kept under the user's
    cache folder, named by a hash of the sources so an edit compiles it anew."""
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in SOURCES)).hexdigest()[:16]
    jar = _cache_dir() / f"customer-identity-udfs-{digest}.jar"
    if jar.exists():
        return jar
    java_home = os.environ.get("JAVA_HOME")
    javac = str(Path(java_home) / "bin" / "javac") if java_home else shutil.which("javac")
    if not javac or not Path(javac).exists():
        raise UdfBuildError(
            f"javac not found (JAVA_HOME={java_home!r}): a JDK 17 is needed to compile "
            f"{', '.join(path.name for path in SOURCES)}"
        )
    spark_jars = Path(pyspark.__file__).parent / "jars"
    jar.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=jar.parent) as work:
        classes = Path(work) / "classes"
        compiled = subprocess.run(
            [javac, "--release", "17", "-cp", f"{spark_jars}/*", "-d", str(classes)]
            + [str(path) for path in SOURCES],
            capture_output=True,
            text=True,
            check=False,
        )
        if compiled.returncode != 0:
            raise UdfBuildError(f"javac failed on {SOURCES[0].parent}: {compiled.stderr}")
        built = Path(work) / jar.name
        with zipfile.ZipFile(built, "w") as archive:
            for path in sorted(classes.rglob("*.class")):
                archive.write(path, path.relative_to(classes).as_posix())
        built.replace(jar)  # atomic: a concurrent build leaves one whole jar
    return jar


def register_udfs(session: SparkSession) -> None:
    """Register the project's functions on `session` (whose spark.jars include udf_jar()),
    replacing any function of the same name."""
    for name, java_class in FUNCTIONS.items():
        session.udf.registerJavaFunction(name, java_class, DoubleType())
