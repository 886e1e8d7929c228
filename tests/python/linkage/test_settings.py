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
