"""`make quality`: a Great Expectations suite over the published marts.

The marts are read through pandas (Great Expectations has no DuckDB SQL dialect: through
duckdb-engine its metrics fail), validated by one checkpoint per table in an ephemeral
context (nothing written but the report), and written as Data Docs HTML. Data Docs load their
CSS and JavaScript from CDNs, so offline they render unstyled; `summary.txt` beside them is
the plain-text result.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

E164 = r"^\+[1-9][0-9]{7,14}$"
EMAIL = r"^[a-z0-9._%+'-]+@[a-z0-9.-]+\.[a-z]{2,}$"
SOURCE_SYSTEMS = ["crm", "erp", "legacy", "interactions"]
# Null-rate bounds: the share of customers that must carry each attribute. The bundled
# sample lacks an email for 20% of customers and a birth date for 25%; a drop below these
# means a source stopped delivering the column, not normal sparsity.
MIN_FILLED = {
    "first_name": 0.75,
    "last_name": 0.75,
    "primary_email": 0.6,
    "primary_phone": 0.6,
    "country_code": 0.5,
}
# Cluster-size distribution: most customers unite a handful of records.
MAX_MEDIAN_RECORDS_PER_CUSTOMER = 10
DEFAULT_MAX_RECORDS_PER_CUSTOMER = 500  # as var max_records_per_customer in dbt_project.yml


@dataclass
class QualityReport:
    """Outcome of the suite: overall success, one line per expectation, the docs index."""

    success: bool
    lines: list[str] = field(default_factory=list)
    docs_index: Path | None = None

    def text(self) -> str:
        verdict = "PASSED" if self.success else "FAILED"
        return "\n".join([f"Data quality suite {verdict}", *self.lines])


def _expectations(max_records_per_customer: int) -> dict[str, list]:
    import great_expectations.expectations as gxe

    golden = [
        gxe.ExpectColumnValuesToNotBeNull(column="customer_id"),
        gxe.ExpectColumnValuesToBeUnique(column="customer_id"),
        gxe.ExpectColumnValuesToMatchRegex(column="customer_id", regex=r"^CUS-[0-9]{10}$"),
        gxe.ExpectColumnValuesToMatchRegex(column="primary_email", regex=EMAIL),
        gxe.ExpectColumnValuesToMatchRegex(column="primary_phone", regex=E164),
        gxe.ExpectColumnValuesToBeBetween(
            column="source_record_count", min_value=1, max_value=max_records_per_customer - 1
        ),
        gxe.ExpectColumnMedianToBeBetween(
            column="source_record_count",
            min_value=1,
            max_value=MAX_MEDIAN_RECORDS_PER_CUSTOMER,
        ),
        *(
            gxe.ExpectColumnValuesToNotBeNull(column=column, mostly=share)
            for column, share in MIN_FILLED.items()
        ),
    ]
    xref = [
        gxe.ExpectColumnValuesToNotBeNull(column="source_system"),
        gxe.ExpectColumnValuesToBeInSet(column="source_system", value_set=SOURCE_SYSTEMS),
        gxe.ExpectColumnValuesToNotBeNull(column="source_record_id"),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["source_system", "source_record_id"]),
        gxe.ExpectColumnValuesToMatchRegex(column="customer_id", regex=r"^CUS-[0-9]{10}$"),
    ]
    quarantine = [
        gxe.ExpectColumnValuesToNotBeNull(column="reason"),
        gxe.ExpectColumnValuesToNotBeNull(column="raw_record"),
        gxe.ExpectColumnValuesToBeInSet(column="source_system", value_set=SOURCE_SYSTEMS),
        gxe.ExpectColumnValuesToBeUnique(column="quarantine_id"),
    ]
    return {"golden_customer": golden, "customer_xref": xref, "quarantined_records": quarantine}


def _describe(expectation_result) -> str:
    config = expectation_result.expectation_config
    kwargs = {k: v for k, v in config.kwargs.items() if k not in {"batch_id"}}
    column = kwargs.pop("column", None) or kwargs.pop("column_list", "")
    result = expectation_result.result or {}
    detail = ""
    if "unexpected_count" in result:
        detail = f" ({result['unexpected_count']} unexpected)"
    elif "observed_value" in result:
        detail = f" (observed {result['observed_value']})"
    if config.kwargs.get("mostly") is not None:
        detail += f" (at least {config.kwargs['mostly']:.0%} expected)"
    status = "ok  " if expectation_result.success else "FAIL"
    return f"    {status} {config.type} {column}{detail}"


def quality_main(database: Path, docs_dir: Path) -> int:
    """CLI entry: run the suite, print the plain-text summary, 0 on success."""
    report = run_quality(database, docs_dir)
    print(report.text())
    return 0 if report.success else 1


def run_quality(
    database: Path,
    docs_dir: Path,
    max_records_per_customer: int = DEFAULT_MAX_RECORDS_PER_CUSTOMER,
) -> QualityReport:
    """Validate the marts of `database`; write Data Docs and summary.txt under `docs_dir`."""
    # Before the import: Great Expectations logs its own registration at INFO.
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    import great_expectations as gx
    from great_expectations.checkpoint import UpdateDataDocsAction
    from great_expectations.data_context.types.base import ProgressBarsConfig

    docs_dir = Path(docs_dir).resolve()
    docs_dir.mkdir(parents=True, exist_ok=True)
    suites = _expectations(max_records_per_customer)
    with duckdb.connect(str(database), read_only=True) as connection:
        frames = {table: connection.sql(f"select * from main.{table}").df() for table in suites}

    context = gx.get_context(mode="ephemeral")
    # Per-metric progress bars are noise in a log.
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    context.add_data_docs_site(
        site_name="quality",
        site_config={
            "class_name": "SiteBuilder",
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(docs_dir),
            },
        },
    )
    data_source = context.data_sources.add_pandas(name="marts")
    report = QualityReport(success=True)
    for table, expectations in suites.items():
        batch = data_source.add_dataframe_asset(name=table).add_batch_definition_whole_dataframe(
            "whole_table"
        )
        suite = context.suites.add(gx.ExpectationSuite(name=f"{table}_expectations"))
        for expectation in expectations:
            suite.add_expectation(expectation)
        validation = context.validation_definitions.add(
            gx.ValidationDefinition(name=f"{table}_validation", data=batch, suite=suite)
        )
        checkpoint = context.checkpoints.add(
            gx.Checkpoint(
                name=f"{table}_checkpoint",
                validation_definitions=[validation],
                actions=[UpdateDataDocsAction(name="data_docs", site_names=["quality"])],
                result_format={"result_format": "SUMMARY"},
            )
        )
        outcome = checkpoint.run(batch_parameters={"dataframe": frames[table]})
        report.success &= outcome.success
        report.lines.append(f"  {table} ({len(frames[table])} rows)")
        for run_result in outcome.run_results.values():
            report.lines.extend(_describe(result) for result in run_result.results)
    index = docs_dir / "index.html"
    report.docs_index = index if index.exists() else None
    report.lines.append(
        f"  Data Docs: {index} (styles load from CDNs; offline the page is unstyled)"
    )
    (docs_dir / "summary.txt").write_text(report.text() + "\n", encoding="utf-8")
    return report
