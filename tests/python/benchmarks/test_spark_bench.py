"""The partition comparison behind `make bench-spark`."""

from customer_identity.benchmarks.spark_bench import compare_partitions


def test_same_grouping_under_other_ids_is_identical():
    left = {"a": "C1", "b": "C1", "c": "C2", "d": None}
    right = {"a": "X9", "b": "X9", "c": "X3", "d": None}
    comparison = compare_partitions(left, right)
    assert comparison.identical
    assert comparison.identical_customers == 2
    assert comparison.pairs_left == comparison.pairs_right == comparison.pairs_both == 1
    assert comparison.pair_agreement == 1.0


def test_a_record_moved_to_another_customer_is_counted():
    left = {"a": "C1", "b": "C1", "c": "C1", "d": "C2"}
    right = {"a": "C1", "b": "C1", "c": "C2", "d": "C2"}
    comparison = compare_partitions(left, right)
    assert not comparison.identical
    assert comparison.identical_customers == 0
    assert (comparison.pairs_left, comparison.pairs_right, comparison.pairs_both) == (3, 2, 1)
    assert comparison.pair_agreement == 1 / 4


def test_records_on_one_side_only_break_identity():
    comparison = compare_partitions({"a": "C1", "b": "C1"}, {"a": "C1", "b": "C1", "z": "C2"})
    assert comparison.records == 2
    assert comparison.records_only_one_side == 1
    assert not comparison.identical


def test_an_unassigned_record_pairs_with_nothing():
    comparison = compare_partitions({"a": None, "b": None}, {"a": "C1", "b": "C1"})
    assert (comparison.pairs_left, comparison.pairs_right, comparison.pairs_both) == (0, 1, 0)
    assert comparison.pair_agreement == 0.0
