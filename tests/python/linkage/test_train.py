import pytest

from customer_identity.linkage.settings import Rule
from customer_identity.linkage.train import deterministic_recall, neutralise_untrained_levels


def _model(**exact_m):
    return {
        "comparisons": [
            {
                "comparison_levels": [
                    {"sql_condition": f'"{column}_l" IS NULL OR "{column}_r" IS NULL'},
                    {"sql_condition": f'"{column}_l" = "{column}_r"', "m_probability": m},
                    {"sql_condition": "ELSE", "m_probability": 1 - m},
                ]
            }
            for column, m in exact_m.items()
        ]
    }


NAMES_AND_BIRTH_DATE = Rule(("first", "last", "dob"), None)
EMAIL_AND_FIRST_NAME = Rule(("email", "first"), None)


def test_recall_of_overlapping_rules_by_inclusion_and_exclusion():
    model = _model(first=0.8, last=0.9, dob=0.5, email=0.6)
    fill = {"first": 1.0, "last": 1.0, "dob": 1.0, "email": 1.0}
    recall = deterministic_recall(model, [NAMES_AND_BIRTH_DATE, EMAIL_AND_FIRST_NAME], fill)
    # 0.8 * 0.9 * 0.5 + 0.8 * 0.6 - 0.8 * 0.9 * 0.5 * 0.6
    assert recall == pytest.approx(0.624)


def test_a_half_empty_column_finds_a_quarter_of_the_pairs():
    model = _model(first=1.0, last=1.0, dob=1.0)
    fill = {"first": 1.0, "last": 1.0, "dob": 0.5}
    assert deterministic_recall(model, [NAMES_AND_BIRTH_DATE], fill) == pytest.approx(0.25)


def test_no_estimate_without_a_trained_exact_level():
    model = _model(first=0.8, last=0.9)
    fill = {"first": 1.0, "last": 1.0, "dob": 1.0}
    assert deterministic_recall(model, [NAMES_AND_BIRTH_DATE], fill) is None
    assert deterministic_recall(model, [], fill) is None


def test_a_level_no_em_pass_trained_weighs_nothing():
    model = {
        "comparisons": [
            {
                "comparison_levels": [
                    {"sql_condition": "x_l IS NULL", "is_null_level": True},
                    {"sql_condition": "swapped", "u_probability": 1e-6},
                    {"sql_condition": "exact", "m_probability": 0.9, "u_probability": 0.01},
                    {"sql_condition": "unseen"},
                ]
            }
        ]
    }
    levels = neutralise_untrained_levels(model)["comparisons"][0]["comparison_levels"]
    assert "m_probability" not in levels[0]
    assert levels[1]["m_probability"] == levels[1]["u_probability"] == 1e-6
    assert levels[2]["m_probability"] == 0.9
    assert "m_probability" not in levels[3], "a level with no u either stays as it is"
