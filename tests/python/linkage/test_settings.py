import duckdb
import pytest

from customer_identity.linkage import settings as model_settings

ALL_COLUMNS = set(model_settings.LINKAGE_COLUMNS)


def _comparison_columns(creator) -> set[str]:
    return {
        comparison.get_comparison("duckdb").output_column_name for comparison in creator.comparisons
    }


def test_all_comparisons_when_every_column_is_filled():
    creator = model_settings.build_settings(ALL_COLUMNS)
    assert _comparison_columns(creator) == {
        "first_name",
        "last_name_key",
        "email_canonical",
        "phone",
        "date_of_birth",
        "address",
        "national_id",
    }
    assert len(creator.blocking_rules_to_generate_predictions) == len(
        model_settings.PREDICTION_RULES
    )


def test_empty_columns_drop_their_comparisons_and_rules():
    filled = ALL_COLUMNS - {"email_canonical", "phone_numbers"}
    creator = model_settings.build_settings(filled)
    assert not {"email_canonical", "phone"} & _comparison_columns(creator)
    rules = [
        rule.get_blocking_rule("duckdb").blocking_rule_sql
        for rule in creator.blocking_rules_to_generate_predictions
    ]
    assert rules
    assert not any("email" in rule or "phone" in rule for rule in rules)
    training = model_settings.usable(model_settings.TRAINING_RULES, filled)
    assert all("email" not in r.get_blocking_rule("duckdb").blocking_rule_sql for r in training)


def test_too_few_columns_is_a_clear_error():
    with pytest.raises(ValueError, match="at least two filled columns"):
        model_settings.build_settings({"last_name_key"})


def _level(comparison, **values) -> str:
    """The label of the first level of `comparison` that a pair with `values` falls in.

    `values` maps column names to (left, right) values; the pair is one row in DuckDB.
    """
    levels = comparison.get_comparison("duckdb").comparison_levels
    cases = " ".join(
        f"when {level.sql_condition} then {index}"
        for index, level in enumerate(levels)
        if level.sql_condition != "ELSE"
    )
    columns = ", ".join(
        f"{side!r}::varchar as {name}_{suffix}"
        if not isinstance(side, list)
        else f"{side!r}::varchar[] as {name}_{suffix}"
        for name, pair in values.items()
        for suffix, side in zip(("l", "r"), pair, strict=True)
    )
    with duckdb.connect() as connection:
        index = connection.execute(
            f"select case {cases} else -1 end from (select {columns})"
        ).fetchall()[0][0]
    return "else" if index < 0 else levels[index].label_for_charts


def _names(first, last):
    return {
        "first_name_key": first,
        "last_name_key": last,
        "first_name_variants": ([first[0]], [first[1]]),
    }


def test_swapped_names_count_once_in_the_first_name_comparison():
    swapped = _names(("maria", "lopez"), ("lopez", "mariah"))
    assert _level(model_settings._first_name_comparison(), **swapped) == (
        "First and last name swapped"
    )
    # The last-name comparison neither rewards nor penalises the same swap (m = u).
    last = model_settings._last_name_comparison()
    assert _level(last, **swapped) == "A name in the other name field"
    neutral = [
        level
        for level in last.get_comparison("duckdb").comparison_levels
        if level.label_for_charts == "A name in the other name field"
    ]
    assert neutral[0].m_probability == neutral[0].u_probability
    assert neutral[0]._fix_m_probability and neutral[0]._fix_u_probability
    different = _names(("maria", "lopez"), ("anna", "smith"))
    assert _level(model_settings._first_name_comparison(), **different) == "else"


def test_fuzzy_email_needs_the_same_digits():
    email = model_settings._email_comparison()
    typo = ("robertjonson45@gmail.com", "robertjohnson45@gmail.com")
    assert _level(email, email_canonical=typo) == "Similar address, same digits"
    namesakes = ("robertjohnson45@gmail.com", "robertjohnson58@gmail.com")
    assert _level(email, email_canonical=namesakes) == "else"
    assert _level(email, email_canonical=("a.b@x.com", "a.b@y.org")) == "Exact match on username"


def _blocked_by(values: dict[str, tuple]) -> list[str]:
    """The prediction rules (as SQL) that put a pair with `values` in one block."""
    columns = ", ".join(
        f"{side!r}::{'date' if name == 'date_of_birth' else 'varchar'} as {name}"
        for name, pair in values.items()
        for side in pair[:1]
    )
    right = ", ".join(
        f"{pair[1]!r}::{'date' if name == 'date_of_birth' else 'varchar'} as {name}"
        for name, pair in values.items()
    )
    found = []
    with duckdb.connect() as connection:
        for rule in model_settings.usable(model_settings.PREDICTION_RULES, set(values)):
            sql = rule.get_blocking_rule("duckdb").blocking_rule_sql
            hit = connection.execute(
                f"select count(*) from (select {columns}) as l, (select {right}) as r where {sql}"
            ).fetchall()[0][0]
            if hit:
                found.append(sql)
    return found


RECORD = {
    "first_name_key": ("maria", "maria"),
    "last_name_key": ("lopez", "lopez"),
    "date_of_birth": ("1980-02-03", "1980-02-03"),
    "postcode": ("10001", "10001"),
    "street_key": ("12 elm street", "12 elm street"),
    "city_key": ("newyork", "newyork"),
}


def test_swapped_names_with_a_mistyped_postcode_and_birth_date_are_still_compared():
    pair = {
        **RECORD,
        "first_name_key": ("maria", "lopez"),
        "last_name_key": ("lopez", "maria"),
        "date_of_birth": ("1980-02-03", "1981-12-30"),
        "postcode": ("10001", "10010"),
        "street_key": ("12 elm street", "12 elm stret"),
        "city_key": ("newyork", "brooklyn"),
    }
    assert _blocked_by(pair) == [
        "l.first_name_key = r.last_name_key and l.last_name_key = r.first_name_key"
    ]


def test_typos_in_both_names_and_the_postcode_are_still_compared():
    pair = {
        **RECORD,
        "first_name_key": ("mariah", "marie"),
        "last_name_key": ("lopez", "lopes"),
        "date_of_birth": ("1980-02-03", "1980-03-02"),
        "postcode": ("10001", "10010"),
        "street_key": ("12 elm street", "12 elm stret"),
    }
    found = _blocked_by(pair)
    assert found and all("SUBSTRING" in sql for sql in found), found
    # Without the house number and the city, nothing brings them together.
    far = {**pair, "street_key": ("12 elm street", "21 elm stret"), "city_key": ("a", "b")}
    assert _blocked_by(far) == []
