"""unnest_array (macros/cross_db): one row per element, none for an empty or null array."""

from __future__ import annotations


def test_unnest_array_gives_one_row_per_element(evaluate_macros):
    rows = evaluate_macros(
        {"element": "unnest_array(\"string_split(value, ',')\")"},
        [("bob,robert",), ("ann",), (None,)],
    )
    assert sorted(rows) == [("ann",), ("bob",), ("robert",)]


def test_unnest_array_of_an_empty_array_gives_no_row(evaluate_macros):
    assert evaluate_macros({"element": "unnest_array('cast([] as varchar[])')"}, [("x",)]) == []
