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
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator

UNIQUE_ID_COLUMN = "record_key"

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
            cll.JaroWinklerLevel("first_name_key", 0.92),
            cll.JaroWinklerLevel("first_name_key", 0.80),
            cll.ElseLevel(),
        ],
    )


def _last_name_comparison() -> ComparisonCreator:
    return cl.NameComparison("last_name_key", jaro_winkler_thresholds=[0.92, 0.80])


def _email_comparison() -> ComparisonCreator:
    return cl.EmailComparison("email_canonical")


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
            cll.ExactMatchLevel("date_of_birth", term_frequency_adjustments=True),
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
        comparison_description="Address: street and postcode, postcode, city",
        comparison_levels=[
            cll.CustomLevel(
                "(street_key_l is null or street_key_r is null) "
                "and (postcode_l is null or postcode_r is null) "
                "and (city_key_l is null or city_key_r is null)",
                label_for_charts="Address missing",
            ).configure(is_null_level=True),
            cll.And(cll.ExactMatchLevel("street_key"), cll.ExactMatchLevel("postcode")),
            cll.And(cll.JaroWinklerLevel("street_key", 0.88), cll.ExactMatchLevel("postcode")),
            cll.ExactMatchLevel("postcode", term_frequency_adjustments=True),
            cll.ExactMatchLevel("city_key"),
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
