"""The accuracy report `make evaluate` writes: figures, a threshold sweep, the cluster-size
histogram and the worst false merges and missed matches, as Markdown with text charts (it
renders anywhere, offline)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from customer_identity.evaluation import Scores, evaluate, format_report, load_assignments

SWEEP = (0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999)


def _pairwise(clusters: np.ndarray, persons: np.ndarray) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of a clustering against true persons."""

    def pairs(*keys: np.ndarray) -> float:
        _, counts = np.unique(np.stack(keys, axis=1), axis=0, return_counts=True)
        return float((counts * (counts - 1) / 2).sum())

    together = pairs(clusters, persons)
    predicted, actual = pairs(clusters), pairs(persons)
    precision = together / predicted if predicted else 1.0
    recall = together / actual if actual else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def threshold_sweep(connection: duckdb.DuckDBPyConnection) -> list[tuple[float, ...]]:
    """Profile-record pairwise P/R/F1 if Splink pairs were linked at each threshold (the
    deterministic edges, name veto and steward decisions held as they are)."""
    nodes = connection.execute(
        """
        select records.record_key, truth.person_id
        from identity.int_identity_records_for_linkage as records
        join evaluated as truth using (record_key)
        """
    ).fetchall()
    index = {key: position for position, (key, _) in enumerate(nodes)}
    _, persons = np.unique([person for _, person in nodes], return_inverse=True)
    fixed = connection.execute(
        "select record_key_l, record_key_r from identity.int_identity_edges_linked "
        "where evidence not like 'probabilistic%'"
    ).fetchall()
    scored = connection.execute(
        """
        select record_key_l, record_key_r, match_probability
        from identity.int_identity_pairs_checked
        where not is_contradicted
        """
    ).fetchall()
    rows = []
    for threshold in SWEEP:
        edges = fixed + [(left, right) for left, right, p in scored if p >= threshold]
        edges = [(index[a], index[b]) for a, b in edges if a in index and b in index]
        size = len(nodes)
        if edges:
            left, right = zip(*edges, strict=True)
            graph = coo_matrix((np.ones(len(edges)), (left, right)), shape=(size, size))
        else:
            graph = coo_matrix((size, size))
        _, clusters = connected_components(graph, directed=False)
        rows.append((threshold, *_pairwise(clusters, persons)))
    return rows


def _bar(value: float, maximum: float, width: int = 40) -> str:
    return "█" * max(1 if value else 0, round(width * value / maximum)) if maximum else ""


def write_accuracy_report(database: Path, ground_truth: Path, out: Path) -> dict[str, Scores]:
    """Evaluate the run and write the Markdown report to `out`."""
    results = evaluate(database, ground_truth)
    with duckdb.connect(str(database), read_only=True) as connection:
        load_assignments(connection, ground_truth)
        sweep = threshold_sweep(connection)
        histogram = connection.execute(
            """
            select source_record_count, count(*) from main.golden_customer
            group by all order by 1
            """
        ).fetchall()
        false_merges = connection.execute(
            """
            select cluster_id, count(distinct person_id) as persons, count(*) as records,
                string_agg(distinct person_id, ', ' order by person_id) as person_ids
            from evaluated where cluster_id not like 'none:%'
            group by cluster_id having count(distinct person_id) > 1
            order by persons desc, records desc, cluster_id limit 10
            """
        ).fetchall()
        missed = connection.execute(
            """
            select person_id, count(distinct cluster_id) as customers, count(*) as records,
                string_agg(distinct source_system, ', ' order by source_system) as sources
            from evaluated
            group by person_id having count(distinct cluster_id) > 1
            order by customers desc, records desc, person_id limit 10
            """
        ).fetchall()
        auto = connection.execute(
            "select min(match_probability) from identity.int_identity_edges_linked "
            "where evidence = 'probabilistic'"
        ).fetchall()[0][0]
    lines = [
        "# Accuracy report",
        "",
        f"Database `{database}`, ground truth `{ground_truth}`.",
        "",
        "```",
        format_report(results),
        "```",
        "",
        "## Threshold sweep (profile records, pairwise)",
        "",
        "Splink pairs linked at each threshold; deterministic edges, the name and birth-date "
        f"veto and steward decisions as in the run (lowest linked probability now: {auto}).",
        "",
        "| threshold | precision | recall | F1 | |",
        "|---:|---:|---:|---:|---|",
    ]
    best = max(row[3] for row in sweep)
    for threshold, precision, recall, f1 in sweep:
        lines.append(
            f"| {threshold} | {precision:.4f} | {recall:.4f} | {f1:.4f} | "
            f"`{_bar(f1 - min(r[3] for r in sweep), best - min(r[3] for r in sweep) or 1)}` |"
        )
    largest = max((count for _, count in histogram), default=0)
    lines += ["", "## Customers by number of source records", "", "| records | customers | |"]
    lines.append("|---:|---:|---|")
    lines += [f"| {size} | {count} | `{_bar(count, largest)}` |" for size, count in histogram]
    lines += ["", "## Worst false merges (customers uniting several real persons)", ""]
    lines += ["| customer | persons | records | person ids |", "|---|---:|---:|---|"]
    lines += [f"| {c} | {p} | {r} | {ids} |" for c, p, r, ids in false_merges]
    lines += ["", "## Worst missed matches (persons split over several customers)", ""]
    lines += ["| person | customers | records | sources |", "|---|---:|---:|---|"]
    lines += [f"| {p} | {c} | {r} | {s} |" for p, c, r, s in missed]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return results
