"""normalize_country and normalize_postcode: values in, values out."""

from __future__ import annotations

import csv

import pytest

from .conftest import PROJECT_DIR

SEED_DIR = PROJECT_DIR / "seeds" / "reference"
COUNTRY = {"country_code": "normalize_country('value')"}
POSTCODE = {"postcode": "normalize_postcode('value', 'country')"}

# (raw, expected alpha-2)
COUNTRY_CASES = [
    ("US", "US"),
    ("us", "US"),
    (" gb ", "GB"),
    ("USA", "US"),
    ("U.S.A.", "US"),
    ("U.S.", "US"),
    ("United States", "US"),
    ("united  states", "US"),
    ("United States of America", "US"),
    ("UK", "GB"),
    ("England", "GB"),
    ("Great Britain", "GB"),
    ("United Kingdom", "GB"),
    ("Deutschland", "DE"),
    ("germany", "DE"),
    ("DEU", "DE"),
    ("The Netherlands", "NL"),
    ("Holland", "NL"),
    ("C\u00f4te d\u2019Ivoire", "CI"),
    ("Cote d'Ivoire", "CI"),
    ("Ivory Coast", "CI"),
    ("St. Kitts & Nevis", "KN"),
    ("Saint Kitts and Nevis", "KN"),
    ("España", "ES"),
    ("Espana", "ES"),
    ("日本", "JP"),
    ("Россия", "RU"),
    ("Russian Federation", "RU"),
    ("Korea, Republic of", "KR"),
    ("Hong Kong", "HK"),
    ("Myanmar", "MM"),
    ("Burma", "MM"),
    ("Türkiye", "TR"),
    ("Turkey", "TR"),
    ("Narnia", None),
    ("XX", None),
    ("ZZ", None),
    ("EU", None),
    ("", None),
    ("  ", None),
    (None, None),
]

# (raw, country, expected)
POSTCODE_CASES = [
    ("02134", "US", "02134"),
    ("02134-1234", "US", "02134"),
    ("02134 1234", "US", "02134"),
    ("021341234", "US", "02134"),
    ("2134", "US", "02134"),
    ("2134-1234", "US", "02134"),
    ("501", "US", "00501"),
    (" 90210 ", None, "90210"),
    ("90210", "", "90210"),
    ("90210", "us", "90210"),
    ("ABCDE", "US", "ABCDE"),
    ("6576 lh", None, "6576 LH"),
    ("12", "US", "12"),
    ("sw1a1aa", "GB", "SW1A 1AA"),
    ("SW1A 1AA", "GB", "SW1A 1AA"),
    (" sw1a   1aa ", "GB", "SW1A 1AA"),
    ("M1 1AE", "GB", "M1 1AE"),
    ("k1a0b1", "CA", "K1A 0B1"),
    ("K1A-0B1", "CA", "K1A 0B1"),
    ("1234  ab", "NL", "1234 AB"),
    ("75008", "FR", "75008"),
    ("00-950", "PL", "00950"),
    ("10115", "de", "10115"),
    ("", "DE", None),
    ("-", "DE", None),
    (None, "GB", None),
]


def _csv(name: str) -> list[dict[str, str]]:
    with (SEED_DIR / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def country_results(evaluate_macros):
    return [result for (result,) in evaluate_macros(COUNTRY, [(raw,) for raw, _ in COUNTRY_CASES])]


@pytest.fixture(scope="module")
def postcode_results(evaluate_macros):
    rows = [(raw, country) for raw, country, _ in POSTCODE_CASES]
    return [result for (result,) in evaluate_macros(POSTCODE, rows, ("value", "country"))]


@pytest.mark.parametrize(
    ("index", "raw", "expected"), [(index, *case) for index, case in enumerate(COUNTRY_CASES)]
)
def test_normalize_country(country_results, index, raw, expected):
    assert country_results[index] == expected, raw


def test_every_code_name_and_alias_in_the_seeds_resolves_to_its_country(evaluate_macros):
    expected = []
    for row in _csv("country_reference"):
        for column in ("country_code", "country_code_alpha3", "country_name"):
            if row[column]:
                expected.append((row[column], row["country_code"]))
        expected.append((row["country_code"].lower(), row["country_code"]))
    expected += [(row["alias"], row["country_code"]) for row in _csv("country_aliases")]
    results = evaluate_macros(COUNTRY, [(raw,) for raw, _ in expected])
    wrong = [
        (raw, code, got)
        for (raw, code), (got,) in zip(expected, results, strict=True)
        if got != code
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("index", "raw", "country", "expected"),
    [(index, *case) for index, case in enumerate(POSTCODE_CASES)],
)
def test_normalize_postcode(postcode_results, index, raw, country, expected):
    assert postcode_results[index] == expected, (raw, country)
