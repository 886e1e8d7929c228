"""The Splink model definition, in code.

Comparisons and blocking rules are declared once here. Which of them a data set gets depends
on the columns it actually fills: a comparison or blocking rule on a column with no values is
left out, so an extract with no email or phone at all still trains and links.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import ColumnExpression, SettingsCreator, block_on
from splink.blocking_rule_library import CustomRule
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator
from splink.internals.comparison_level_creator import ComparisonLevelCreator
from splink.internals.dialects import SplinkDialect

UNIQUE_ID_COLUMN = "record_key"
# Jaro-Winkler similarity at which a name typed in the other name field still counts.
SWAPPED_NAME_SIMILARITY = 0.88

# Columns of int_identity_records_for_linkage that the model reads.
LINKAGE_COLUMNS = (
    "first_name_key",
    "first_name_variants",
    "last_name_key",
    "email_canonical",
    "phone_numbers",
    "date_of_birth",
    "postcode",
    "street_key",
    "city_key",
    "national_id",
)


@dataclass(frozen=True)
class Rule:
    """A blocking rule and the columns that must hold values for it to be used."""

    columns: tuple[str, ...]
    creator: BlockingRuleCreator


def _first_name_comparison() -> ComparisonCreator:
    return cl.CustomComparison(
        output_column_name="first_name",
        comparison_description="First name: exact, nickname, fuzzy",
        comparison_levels=[
            cll.NullLevel("first_name_key"),
            cll.ExactMatchLevel("first_name_key", term_frequency_adjustments=True),
            cll.ArrayIntersectLevel("first_name_variants", min_intersection=1).configure(
                label_for_charts="Nickname or formal name in common"
            ),
            _names_swapped_level(),
            cll.JaroWinklerLevel("first_name_key", 0.92),
            cll.JaroWinklerLevel("first_name_key", 0.80),
            # One record's first name in the other's last-name field (or the reverse), the
            # other name different: name fields confused, and one name mistyped or replaced.
            _name_in_other_field_level(),
            cll.ElseLevel(),
        ],
    )


def _last_name_comparison() -> ComparisonCreator:
    # cl.NameComparison's levels, plus names typed in each other's field: the first-name
    # comparison weighs that once, so here it counts neither for nor against (m = u).
    return cl.CustomComparison(
        output_column_name="last_name_key",
        comparison_description="Last name: exact, fuzzy",
        comparison_levels=[
            cll.NullLevel("last_name_key"),
            cll.ExactMatchLevel("last_name_key", term_frequency_adjustments=True),
            cll.JaroWinklerLevel("last_name_key", 0.92),
            cll.JaroWinklerLevel("last_name_key", 0.80),
            _name_in_other_field_level().configure(
                m_probability=0.5, u_probability=0.5, fix_m_probability=True, fix_u_probability=True
            ),
            cll.ElseLevel(),
        ],
    )


class _NameInOtherFieldLevel(ComparisonLevelCreator):
    """One record's first name like the other's last name (Jaro-Winkler at least
    SWAPPED_NAME_SIMILARITY), or its last name like the other's first name: `both` ways
    (names swapped) or either."""

    def __init__(self, both: bool):
        self.both = both

    def create_sql(self, sql_dialect: SplinkDialect) -> str:
        first, last = ColumnExpression("first_name_key"), ColumnExpression("last_name_key")
        first.sql_dialect = last.sql_dialect = sql_dialect
        similar = [
            f"{sql_dialect.jaro_winkler_function_name}({left}, {right}) >= "
            f"{SWAPPED_NAME_SIMILARITY}"
            for left, right in ((first.name_l, last.name_r), (last.name_l, first.name_r))
        ]
        return f" {'and' if self.both else 'or'} ".join(f"({part})" for part in similar)

    def create_label_for_charts(self) -> str:
        return "First and last name swapped" if self.both else "A name in the other name field"


def _name_in_other_field_level() -> ComparisonLevelCreator:
    return _NameInOtherFieldLevel(both=False)


def _names_swapped_level() -> ComparisonLevelCreator:
    # In the first-name comparison only: in both, one swap would count twice.
    return _NameInOtherFieldLevel(both=True)


def _email_comparison() -> ComparisonCreator:
    # cl.EmailComparison's levels, except that a fuzzy match must keep the local part's
    # digits: name-based addresses of different people (robertjohnson45@, robert.johnson58@)
    # differ in their numbers, and their names already count in the name comparisons.
    username = ColumnExpression("email_canonical").regex_extract("^[^@]+")
    same_digits = cll.CustomLevel(
        "regexp_replace(split_part(email_canonical_l, '@', 1), '[^0-9]', '', 'g') "
        "= regexp_replace(split_part(email_canonical_r, '@', 1), '[^0-9]', '', 'g')",
        base_dialect_str="duckdb",
    )
    return cl.CustomComparison(
        output_column_name="email_canonical",
        comparison_description="Email: exact, local part, fuzzy with the same digits",
        comparison_levels=[
            cll.NullLevel("email_canonical"),
            cll.ExactMatchLevel("email_canonical"),
            cll.ExactMatchLevel(username).configure(label_for_charts="Exact match on username"),
            cll.And(cll.JaroWinklerLevel("email_canonical", 0.88), same_digits).configure(
                label_for_charts="Similar address, same digits"
            ),
            cll.And(cll.JaroWinklerLevel(username, 0.88), same_digits).configure(
                label_for_charts="Similar username, same digits"
            ),
            cll.ElseLevel(),
        ],
    )


def _phone_comparison() -> ComparisonCreator:
    return cl.CustomComparison(
        output_column_name="phone",
        comparison_description="Phone numbers (landline and mobile) in common",
        comparison_levels=[
            # Written in DuckDB's SQL; Splink translates it for other backends (Spark).
            cll.CustomLevel(
                "phone_numbers_l is null or phone_numbers_r is null "
                "or array_length(phone_numbers_l) = 0 or array_length(phone_numbers_r) = 0",
                label_for_charts="Phone missing",
                base_dialect_str="duckdb",
            ).configure(is_null_level=True),
            cll.ArrayIntersectLevel("phone_numbers", min_intersection=1),
            cll.ElseLevel(),
        ],
    )


def _date_of_birth_comparison() -> ComparisonCreator:
    as_text = ColumnExpression("date_of_birth").cast_to_string()
    return cl.CustomComparison(
        output_column_name="date_of_birth",
        comparison_description="Birth date: exact, one keystroke, day and month swapped, close",
        comparison_levels=[
            cll.NullLevel("date_of_birth"),
            # No term frequencies: placeholder dates are blanked upstream, and in a
            # deduplication a date's frequency mostly counts the duplicates themselves.
            cll.ExactMatchLevel("date_of_birth"),
            cll.DamerauLevenshteinLevel(as_text, 1),
            cll.CustomLevel(
                "year(date_of_birth_l) = year(date_of_birth_r) "
                "and month(date_of_birth_l) = day(date_of_birth_r) "
                "and day(date_of_birth_l) = month(date_of_birth_r)",
                label_for_charts="Day and month swapped",
                base_dialect_str="duckdb",
            ),
            cll.AbsoluteDateDifferenceLevel(
                "date_of_birth", input_is_string=False, threshold=1, metric="year"
            ),
            cll.ElseLevel(),
        ],
    )


def _address_comparison() -> ComparisonCreator:
    # One comparison for street, postcode and city: they move together, and counting them
    # as independent evidence is what merges households.
    return cl.CustomComparison(
        output_column_name="address",
        comparison_description="Address: street and postcode, street, postcode, city, fuzzy city",
        comparison_levels=[
            cll.CustomLevel(
                "(street_key_l is null or street_key_r is null) "
                "and (postcode_l is null or postcode_r is null) "
                "and (city_key_l is null or city_key_r is null)",
                label_for_charts="Address missing",
            ).configure(is_null_level=True),
            cll.And(cll.ExactMatchLevel("street_key"), cll.ExactMatchLevel("postcode")),
            cll.And(cll.JaroWinklerLevel("street_key", 0.88), cll.ExactMatchLevel("postcode")),
            # The same street and house number with a mistyped or missing postcode.
            cll.JaroWinklerLevel("street_key", 0.88),
            cll.ExactMatchLevel("postcode", term_frequency_adjustments=True),
            cll.ExactMatchLevel("city_key"),
            cll.JaroWinklerLevel("city_key", 0.88),
            cll.ElseLevel(),
        ],
    )


def _national_id_comparison() -> ComparisonCreator:
    return cl.ExactMatch("national_id")


# (columns it needs, factory), in the order they appear in charts.
COMPARISONS: tuple[tuple[tuple[str, ...], object], ...] = (
    (("first_name_key", "first_name_variants"), _first_name_comparison),
    (("last_name_key",), _last_name_comparison),
    (("email_canonical",), _email_comparison),
    (("phone_numbers",), _phone_comparison),
    (("date_of_birth",), _date_of_birth_comparison),
    (("postcode",), _address_comparison),
    (("national_id",), _national_id_comparison),
)

CROSSED_NAMES = (("first_name_key", "last_name_key"), ("last_name_key", "first_name_key"))


def _prefix(column: str) -> ColumnExpression:
    return ColumnExpression(column).substr(1, 3)


def _house_number() -> ColumnExpression:
    # The leading digits of the street (null without one: such streets never block together).
    return ColumnExpression("street_key").regex_extract("^[0-9]+")


PREDICTION_RULES: tuple[Rule, ...] = (
    Rule(("email_canonical",), block_on("email_canonical")),
    Rule(("phone_numbers",), block_on("phone_numbers", arrays_to_explode=["phone_numbers"])),
    Rule(("last_name_key", "date_of_birth"), block_on("last_name_key", "date_of_birth")),
    Rule(("first_name_key", "date_of_birth"), block_on("first_name_key", "date_of_birth")),
    Rule(
        ("first_name_key", "last_name_key", "postcode"),
        block_on("first_name_key", "last_name_key", "postcode"),
    ),
    Rule(("national_id",), block_on("national_id")),
    Rule(("street_key", "postcode"), block_on("street_key", "postcode")),
    # Records whose names are both mistyped, or whose birth date is: an address area and
    # one more field still bring them together.
    Rule(("date_of_birth", "postcode"), block_on("date_of_birth", "postcode")),
    Rule(("last_name_key", "postcode"), block_on("last_name_key", "postcode")),
    Rule(("first_name_key", "postcode"), block_on("first_name_key", "postcode")),
    # A mistyped postcode: the city is the other address area.
    Rule(("street_key", "city_key"), block_on("street_key", "city_key")),
    Rule(("date_of_birth", "city_key"), block_on("date_of_birth", "city_key")),
    # Both names mistyped or replaced, and the postcode too.
    Rule(("street_key", "date_of_birth"), block_on("street_key", "date_of_birth")),
    # Typos past the third letter of both names, or in the street name: name prefixes and
    # the house number.
    Rule(
        ("first_name_key", "last_name_key", "city_key"),
        block_on(_prefix("first_name_key"), _prefix("last_name_key"), "city_key"),
    ),
    Rule(
        ("first_name_key", "last_name_key", "street_key"),
        block_on(_prefix("first_name_key"), _prefix("last_name_key"), _house_number()),
    ),
    Rule(("street_key", "postcode"), block_on(_house_number(), "postcode")),
    # First and last name typed in each other's field: both swapped, or one record's first
    # name as the other's last name within a birth date or postcode (a rule per direction).
    Rule(
        ("first_name_key", "last_name_key"),
        CustomRule(
            "l.first_name_key = r.last_name_key and l.last_name_key = r.first_name_key",
            sql_dialect="duckdb",
        ),
    ),
    *(
        Rule(
            ("first_name_key", "last_name_key", column),
            CustomRule(f"l.{left} = r.{right} and l.{column} = r.{column}", sql_dialect="duckdb"),
        )
        for column in ("date_of_birth", "postcode")
        for left, right in CROSSED_NAMES
    ),
)

# EM is run once per rule; each rule leaves its own columns' parameters untrained, the
# others train them. Email first: the stack notes found it far better than names first.
TRAINING_RULES: tuple[Rule, ...] = (
    Rule(("email_canonical",), block_on("email_canonical")),
    Rule(("date_of_birth",), block_on("date_of_birth")),
    Rule(("first_name_key", "last_name_key"), block_on("first_name_key", "last_name_key")),
)

# Pairs these rules find are near-certain matches; used to estimate the prior.
DETERMINISTIC_RULES: tuple[Rule, ...] = (
    Rule(("email_canonical", "first_name_key"), block_on("email_canonical", "first_name_key")),
    Rule(
        ("first_name_key", "last_name_key", "date_of_birth"),
        block_on("first_name_key", "last_name_key", "date_of_birth"),
    ),
)


def usable(rules: Iterable[Rule], filled_columns: set[str]) -> list[BlockingRuleCreator]:
    """The rules whose columns all hold values in this data set."""
    return [rule.creator for rule in rules if set(rule.columns) <= filled_columns]


def build_settings(filled_columns: set[str]) -> SettingsCreator:
    """Settings for the columns this data set fills (see LINKAGE_COLUMNS)."""
    comparisons = [factory() for columns, factory in COMPARISONS if set(columns) <= filled_columns]
    if len(comparisons) < 2:
        raise ValueError(
            "The linkage model needs at least two filled columns among "
            f"{', '.join(LINKAGE_COLUMNS)}; this data set fills {sorted(filled_columns)}"
        )
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name=UNIQUE_ID_COLUMN,
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=usable(PREDICTION_RULES, filled_columns),
        retain_matching_columns=True,
        # Per-comparison match weights (mw_*) explain each score to stewards.
        retain_intermediate_calculation_columns=True,
        max_iterations=20,
    )


def settings_for_dialect(filled_columns: set[str], trained: dict, sql_dialect: str) -> dict:
    """The model for `sql_dialect`: comparisons and blocking rules built from this code,
    with the trained parameters (prior, m and u probabilities) of `trained`, a saved model
    of any dialect. A saved model holds SQL rendered for the backend that trained it, so
    it is not loaded as it is; it must have been trained on this code's comparisons and
    blocking rules for the columns `filled_columns` (checked, else ValueError)."""
    creator = build_settings(filled_columns)
    expected = creator.get_settings(trained["sql_dialect"]).as_dict()
    _check_same_model(expected, trained)
    target = creator.get_settings(sql_dialect).as_dict()
    target["probability_two_random_records_match"] = trained["probability_two_random_records_match"]
    for comparison, trained_comparison in zip(
        target["comparisons"], trained["comparisons"], strict=True
    ):
        for level, trained_level in zip(
            comparison["comparison_levels"], trained_comparison["comparison_levels"], strict=True
        ):
            for parameter in ("m_probability", "u_probability"):
                if parameter in trained_level:
                    level[parameter] = trained_level[parameter]
    return target


def _check_same_model(expected: dict, trained: dict) -> None:
    """Raise ValueError when `trained` was not trained on the settings `expected` describes."""

    def shape(settings: dict) -> list:
        return [
            (
                comparison["output_column_name"],
                [level["label_for_charts"] for level in comparison["comparison_levels"]],
            )
            for comparison in settings["comparisons"]
        ]

    def rules(settings: dict) -> list:
        return [
            rule["blocking_rule"] for rule in settings["blocking_rules_to_generate_predictions"]
        ]

    if shape(expected) != shape(trained) or rules(expected) != rules(trained):
        raise ValueError(
            "the saved linkage model was trained on other comparisons or blocking rules than "
            "this code builds for the columns this data fills: retrain it (make train)"
        )
