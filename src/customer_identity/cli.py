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
    from customer_identity.evaluation import evaluate, format_report

    print(format_report(evaluate(args.database, args.ground_truth)))
    return 0


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

    train = commands.add_parser("train", help="train the Splink model on a built database")
    train.add_argument("--database", type=Path, required=True)
    train.add_argument("--model", type=Path, required=True)
    train.add_argument("--charts", type=Path, default=Path("reports/linkage"))
    train.set_defaults(handler=_train)

    evaluate = commands.add_parser("evaluate", help="score a run against ground_truth.csv")
    evaluate.add_argument("--database", type=Path, required=True)
    evaluate.add_argument("--ground-truth", type=Path, required=True)
    evaluate.set_defaults(handler=_evaluate)

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
