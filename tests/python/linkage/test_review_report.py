import duckdb

from conftest import SAMPLE_MODEL
from customer_identity.linkage.review_report import write_review_report


def test_review_queue_has_side_by_side_pairs_and_dashboards(sample_build, tmp_path):
    with duckdb.connect(str(sample_build.database), read_only=True) as connection:
        rows = connection.execute(
            """
            select review_reason, match_probability, comparison_match_weights,
                   customer_id_l, customer_id_r
            from main.identity_review_queue
            order by review_priority desc
            """
        ).fetchall()
    assert rows, "the sample has household pairs a steward should see"
    for _, probability, weights, left_customer, right_customer in rows:
        assert 0 <= probability <= 1
        assert weights and weights.startswith("{")
        assert left_customer != right_customer
    written = write_review_report(sample_build.database, SAMPLE_MODEL, tmp_path / "review")
    assert [path.name for path in written] == ["comparison_viewer.html", "cluster_studio.html"]
    assert all(path.stat().st_size > 10_000 for path in written)
