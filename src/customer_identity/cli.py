"""`customer-identity`: the Python steps of the project, one subcommand each."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path


def _generate(args: argparse.Namespace) -> int:
    from customer_identity.synthetic import generator

    argv = ["--persons", str(args.persons), "--seed", str(args.seed), "--out", str(args.out)]
    return generator.main(argv + (["--format", args.format] if args.format else []))


def _febrl(args: argparse.Namespace) -> int:
    from customer_identity.benchmarks.febrl import write_febrl

    print(f"wrote {write_febrl(args.name, args.out, args.cache)}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from customer_identity.benchmarks.bench import format_report, run_bench

    result = run_bench(args.persons, args.seed, args.work, with_bare=not args.no_bare)
    report = format_report(result)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(report)
    print(report)
    print(f"report written to {args.report}")
    return 0


def _bench_spark(args: argparse.Namespace) -> int:
    from customer_identity.benchmarks.spark_bench import run_spark_bench

    report = run_spark_bench(args.persons, args.seed, args.work, Path.cwd())
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(report + "\n")
    print(report)
    print(f"report written to {args.report}")
    return 0


def _train(args: argparse.Namespace) -> int:
    import duckdb

    from customer_identity.linkage.train import train_model

    with duckdb.connect(str(args.database)) as connection:
        train_model(
            connection,
            "select * from identity.int_identity_records_for_linkage",
            args.model,
            charts_dir=args.charts,
        )
    print(f"model written to {args.model}; charts in {args.charts}")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from customer_identity.accuracy_report import write_accuracy_report
    from customer_identity.evaluation import format_report, steward_agreement

    agreement = steward_agreement(args.database)
    if agreement is not None:
        count, precision, recall = agreement
        print(f"against {count} steward decisions: precision {precision:.4f}, recall {recall:.4f}")
    if not args.ground_truth.exists():
        print(f"{args.ground_truth} not found: no ground-truth evaluation")
        return 0 if agreement is not None else 1
    results = write_accuracy_report(args.database, args.ground_truth, args.report)
    print(format_report(results))
    print(f"report written to {args.report}")
    return 0


def _recall_ceiling(args: argparse.Namespace) -> int:
    from customer_identity.recall_ceiling import format_ceilings, recall_ceilings

    print(format_ceilings(recall_ceilings(args.database, args.ground_truth)))
    return 0


def _review_report(args: argparse.Namespace) -> int:
    from customer_identity.linkage.review_report import write_review_report

    written = write_review_report(args.database, args.model, args.out)
    print("\n".join(f"wrote {path}" for path in written) or "the review queue is empty")
    return 0


def _build(args: argparse.Namespace) -> int:
    from customer_identity.publish import PublishError, build_and_publish

    command = [arg for arg in args.dbt_command if arg != "--"]
    if not command:
        print("customer-identity build: give the dbt command after --", file=sys.stderr)
        return 2

    def mask_newly_erased_records(working: Path) -> list[str] | None:
        # A new erasure request resolves to its customer's records only after staging:
        # build staging and everything downstream once more, before anything is published.
        from customer_identity.summary import erasure_pending_records

        if erasure_pending_records(working) == 0:
            return None
        print("erasure requests resolved to more records: masking them in a second pass")
        return [*command, "--select", "staging+"]

    try:
        build_and_publish(args.database, command, follow_up=mask_newly_erased_records)
    except PublishError as error:
        print(f"customer-identity build: {error}", file=sys.stderr)
        return 1
    print(f"published {args.database}")
    return 0


def _spark_build(args: argparse.Namespace) -> int:
    from customer_identity.spark.build import SparkBuildError, build_on_spark

    try:
        build_on_spark(
            args.warehouse,
            [arg for arg in args.dbt_args if arg != "--"],
            data_tests=not args.skip_data_tests,
        )
    except SparkBuildError as error:
        print(f"customer-identity spark-build: {error}", file=sys.stderr)
        return 1
    print(f"built on Spark; tables under {args.warehouse}")
    return 0


def _quality(args: argparse.Namespace) -> int:
    from customer_identity.quality import quality_main

    return quality_main(args.database, args.docs)


def _summary(args: argparse.Namespace) -> int:
    from customer_identity.summary import run_summary

    print(run_summary(args.database))
    return 0


def _erasure_pending(args: argparse.Namespace) -> int:
    from customer_identity.summary import erasure_pending_records

    pending = erasure_pending_records(args.database)
    print(f"records named by the erasure registry and not yet masked: {pending}")
    return 0 if pending else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="customer-identity", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    generate = commands.add_parser("generate", help="write synthetic contract extracts")
    generate.add_argument("--persons", type=int, required=True)
    generate.add_argument("--seed", type=int, required=True)
    generate.add_argument("--out", type=Path, required=True)
    generate.add_argument("--format", choices=["csv", "parquet"])
    generate.set_defaults(handler=_generate)

    febrl = commands.add_parser("febrl", help="write FEBRL3 or FEBRL4 as contract extracts")
    febrl.add_argument("name", choices=["febrl3", "febrl4"])
    febrl.add_argument("--out", type=Path, required=True)
    febrl.add_argument("--cache", type=Path, default=Path("data/cache"))
    febrl.set_defaults(handler=_febrl)

    bench = commands.add_parser(
        "bench", help="time the whole job on generated data, phase by phase, and bare Splink"
    )
    bench.add_argument("--persons", type=int, default=230_000, help="about 4.3 records each")
    bench.add_argument("--seed", type=int, default=555)
    bench.add_argument("--work", type=Path, default=Path("data/bench"), help="emptied first")
    bench.add_argument("--report", type=Path, default=Path("reports/benchmark.md"))
    bench.add_argument("--no-bare", action="store_true", help="skip the bare Splink run")
    bench.set_defaults(handler=_bench)

    bench_spark = commands.add_parser(
        "bench-spark", help="build the same generated extracts on DuckDB and local Spark, compare"
    )
    bench_spark.add_argument("--persons", type=int, default=23_000, help="about 4.3 records each")
    bench_spark.add_argument("--seed", type=int, default=808)
    bench_spark.add_argument("--work", type=Path, default=Path("data/bench-spark"))
    bench_spark.add_argument("--report", type=Path, default=Path("reports/benchmark_spark.md"))
    bench_spark.set_defaults(handler=_bench_spark)

    train = commands.add_parser("train", help="train the Splink model on a built database")
    train.add_argument("--database", type=Path, required=True)
    train.add_argument("--model", type=Path, required=True)
    train.add_argument("--charts", type=Path, default=Path("reports/linkage"))
    train.set_defaults(handler=_train)

    evaluate = commands.add_parser("evaluate", help="score a run against ground_truth.csv")
    evaluate.add_argument("--database", type=Path, required=True)
    evaluate.add_argument("--ground-truth", type=Path, required=True)
    evaluate.add_argument("--report", type=Path, default=Path("reports/accuracy.md"))
    evaluate.set_defaults(handler=_evaluate)

    ceiling = commands.add_parser(
        "recall-ceiling",
        help="the all-records recall oracles given what conversations carry reach (precision 1)",
    )
    ceiling.add_argument("--database", type=Path, required=True)
    ceiling.add_argument("--ground-truth", type=Path, required=True)
    ceiling.set_defaults(handler=_recall_ceiling)

    review = commands.add_parser(
        "review-report", help="Splink dashboards (comparison viewer, cluster studio) for review"
    )
    review.add_argument("--database", type=Path, required=True)
    review.add_argument("--model", type=Path, required=True)
    review.add_argument("--out", type=Path, default=Path("reports/review"))
    review.set_defaults(handler=_review_report)

    build = commands.add_parser(
        "build",
        help="run a dbt command into a working copy and publish it atomically on success",
    )
    build.add_argument("--database", type=Path, required=True, help="the published file")
    build.add_argument("dbt_command", nargs=argparse.REMAINDER, help="-- dbt build ...")
    build.set_defaults(handler=_build)

    spark_build = commands.add_parser(
        "spark-build",
        help="dbt build on a local Spark session, with the linkage steps between its parts",
    )
    spark_build.add_argument(
        "--warehouse", type=Path, required=True, help="folder of the tables and their metastore"
    )
    spark_build.add_argument(
        "--skip-data-tests",
        action="store_true",
        help="build the models only (a parity check whose DuckDB build runs the tests)",
    )
    spark_build.add_argument("dbt_args", nargs=argparse.REMAINDER, help="-- --vars ...")
    spark_build.set_defaults(handler=_spark_build)

    quality = commands.add_parser(
        "quality", help="Great Expectations suite over the marts, with Data Docs"
    )
    quality.add_argument("--database", type=Path, required=True)
    quality.add_argument("--docs", type=Path, default=Path("reports/quality"))
    quality.set_defaults(handler=_quality)

    summary = commands.add_parser("summary", help="print the run summary")
    summary.add_argument("--database", type=Path, required=True)
    summary.set_defaults(handler=_summary)

    pending = commands.add_parser(
        "erasure-pending",
        help="exit 0 when new erasures need staging and its descendants built again",
    )
    pending.add_argument("--database", type=Path, required=True)
    pending.set_defaults(handler=_erasure_pending)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
