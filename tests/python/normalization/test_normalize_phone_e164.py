"""normalize_phone_e164 against libphonenumber (phonenumbers) as the oracle.

The corpus: for 25 countries, libphonenumber's example numbers of each personal number type
plus valid numbers made by changing their last digits (fixed random seed), each written the
ways people write numbers. The expected value is what phonenumbers parses with the record's
country; numbers phonenumbers itself rejects are left out of the agreement.
"""

from __future__ import annotations

import random
import re
from collections import Counter

import phonenumbers
import pytest
from phonenumbers import PhoneNumberFormat, PhoneNumberType

# fmt: off
COUNTRIES = (
    "US", "CA", "GB", "DE", "FR", "IT", "ES", "NL", "BE", "CH", "AT", "IE", "AU",
    "NZ", "IN", "MX", "BR", "JP", "ZA", "SE", "NO", "DK", "PL", "PT", "SG",
)
# fmt: on
NUMBER_TYPES = (
    PhoneNumberType.FIXED_LINE,
    PhoneNumberType.MOBILE,
    PhoneNumberType.TOLL_FREE,
    PhoneNumberType.PREMIUM_RATE,
    PhoneNumberType.SHARED_COST,
    PhoneNumberType.VOIP,
    PhoneNumberType.PERSONAL_NUMBER,
)
VARIANTS_PER_EXAMPLE = 6
MINIMUM_AGREEMENT = 0.99
PHONE = {"e164": "normalize_phone_e164('raw_phone', 'country')"}


def _variants(example: phonenumbers.PhoneNumber, country: str, rng: random.Random) -> list:
    """Valid numbers of the same country that differ from the example in the last digits."""
    e164 = phonenumbers.format_number(example, PhoneNumberFormat.E164)
    found: list[phonenumbers.PhoneNumber] = []
    for _ in range(200):
        if len(found) == VARIANTS_PER_EXAMPLE:
            break
        changed = rng.randint(2, 4)
        candidate = e164[:-changed] + "".join(rng.choice("0123456789") for _ in range(changed))
        number = phonenumbers.parse(candidate)
        if phonenumbers.is_valid_number(number) and (
            phonenumbers.region_code_for_number(number) == country
        ):
            found.append(number)
    return found


def _renderings(number: phonenumbers.PhoneNumber, international_prefix: str) -> dict[str, str]:
    """The ways one number is written in extracts."""
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    international = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    written = {
        "e164": phonenumbers.format_number(number, PhoneNumberFormat.E164),
        "international": international,
        "national": national,
        "rfc3966": phonenumbers.format_number(number, PhoneNumberFormat.RFC3966),
        "00": "00" + international[1:],
        "national digits": re.sub(r"\D", "", national),
        "national with extension": f"{national} ext. 123",
        "national with dots": national.replace(" ", "."),
    }
    if national.startswith("0") and not number.italian_leading_zero:
        # The UK and German habit: the trunk prefix in parentheses after the country code.
        code = f"+{number.country_code} "
        written["international (0)"] = international.replace(code, f"{code}(0)", 1)
    if international_prefix not in ("", "00"):
        written["international prefix"] = f"{international_prefix} {international[1:]}"
    if number.country_code == 1:
        digits = str(number.national_number)
        area, exchange, line = digits[:3], digits[3:6], digits[6:]
        written |= {
            "dots": f"{area}.{exchange}.{line}",
            "dashes": f"{area}-{exchange}-{line}",
            "parentheses": f"({area}) {exchange}-{line}",
            "with 1": f"1 {area} {exchange} {line}",
            "with 1 digits": f"1{digits}",
            "extension x": f"{area}-{exchange}-{line} x123",
        }
    return written


def _oracle(raw: str, country: str) -> str | None:
    try:
        number = phonenumbers.parse(raw, country)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def _international_prefix(country: str) -> str:
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(country)
    prefix = metadata.preferred_international_prefix or metadata.international_prefix or ""
    prefix = prefix.replace("~", "")
    return prefix if prefix.isdigit() else ""


def build_corpus(seed: int = 20261123) -> list[tuple[str, str, str, str | None]]:
    """(country, format, raw phone, expected E.164 or None) for every rendering."""
    rng = random.Random(seed)
    corpus = []
    for country in COUNTRIES:
        numbers = []
        for number_type in NUMBER_TYPES:
            example = phonenumbers.example_number_for_type(country, number_type)
            if example is not None:
                numbers.append(example)
                numbers.extend(_variants(example, country, rng))
        prefix = _international_prefix(country)
        for number in numbers:
            for form, raw in _renderings(number, prefix).items():
                corpus.append((country, form, raw, _oracle(raw, country)))
    return corpus


DOCUMENTED = [
    ("(555) 123-4567", "US", "+15551234567"),
    ("\u00a0(555)\u00a0123-4567\u200b", "US", "+15551234567"),
    ("555.123.4567", "US", "+15551234567"),
    ("555-123-4567", "US", "+15551234567"),
    ("1 555 123 4567", "US", "+15551234567"),
    ("15551234567", "US", "+15551234567"),
    ("+1 555 123 4567", "US", "+15551234567"),
    ("tel:+15551234567", None, "+15551234567"),
    ("TEL:+1-555-123-4567;ext=22", None, "+15551234567"),
    ("555-123-4567 x123", "US", "+15551234567"),
    ("555-123-4567 ext. 12", "US", "+15551234567"),
    ("555 123 4567 Extension 7", "US", "+15551234567"),
    ("555 123 4567", None, "+15551234567"),
    ("555 123 4567", "", "+15551234567"),
    ("+1 (555) 123-4567", "GB", "+15551234567"),
    ("011 44 7700 900123", "US", "+447700900123"),
    ("0044 7700 900123", "US", "+447700900123"),
    ("07700 900123", "GB", "+447700900123"),
    ("07700 900123", "gb", "+447700900123"),
    ("447700900123", "GB", "+447700900123"),
    ("+44 (0)20 7946 0000", "GB", "+442079460000"),
    ("+44 (0) 7700 900123", None, "+447700900123"),
    ("+44 07700 900123", None, "+447700900123"),
    ("030 123456", "DE", "+4930123456"),
    ("+49 (30) 1234567", None, "+49301234567"),
    ("06 12 34 56 78", "FR", "+33612345678"),
    ("02 1234 5678", "AU", "+61212345678"),
    ("0412 345 678", "AU", "+61412345678"),
    ("0011 44 7700 900123", "AU", "+447700900123"),
    ("06 1234 5678", "IT", "+390612345678"),
    ("+39 06 1234 5678", None, "+390612345678"),
    ("0039 06 1234 5678", "FR", "+390612345678"),
    ("8 (800) 555-35-35", "RU", "+78005553535"),
    ("021 123 4567", "ZA", "+27211234567"),
    ("9123 4567", "SG", "+6591234567"),
    ("090-1234-5678", "JP", "+819012345678"),
    ("+447700900123", "XX", "+447700900123"),
    ("07700 900123", "XX", None),
]
JUNK = [
    None,
    "",
    "   ",
    "anonymous",
    "N/A",
    "call me",
    "tel:",
    "+",
    "0000000000",
    "000-000-0000",
    "1111111",
    "+1 555",
    "123",
    "555-1234",
    "(555) 123-45678",
    "+44 20 7946",
    "12345678901234567",
    "+1 201 555 0123 4567 89",
    "+999 1234 5678",
    "++15551234567",
    "555-123-4567 / 555-987-6543",
    "555-CALL-NOW",
    "+44 7700 9001234567",
]


@pytest.fixture(scope="module")
def phone_results(evaluate_macros) -> dict[str, list]:
    """Every case of this module in one query: the oracle corpus, documented forms, junk."""
    corpus = build_corpus()
    inputs = {
        "corpus": [(raw, country) for country, _, raw, _ in corpus],
        "documented": [(raw, country) for raw, country, _ in DOCUMENTED],
        "junk": [(raw, "US") for raw in JUNK],
    }
    rows = [row for part in inputs.values() for row in part]
    results = [result for (result,) in evaluate_macros(PHONE, rows, ("raw_phone", "country"))]
    by_part, start = {}, 0
    for part, part_rows in inputs.items():
        by_part[part] = results[start : start + len(part_rows)]
        start += len(part_rows)
    by_part["corpus"] = [
        (*case, result) for case, result in zip(corpus, by_part["corpus"], strict=True)
    ]
    return by_part


def test_agrees_with_phonenumbers_on_valid_numbers(phone_results):
    corpus = phone_results["corpus"]
    valid = [row for row in corpus if row[3] is not None]
    disagreements = [row for row in valid if row[4] != row[3]]
    agreement = 1 - len(disagreements) / len(valid)
    print(
        f"\nnormalize_phone_e164: {len(valid) - len(disagreements)}/{len(valid)} valid numbers "
        f"agree with phonenumbers ({agreement:.2%}); "
        f"{len(corpus) - len(valid)} renderings phonenumbers rejects were left out"
    )
    for country, form, raw, expected, got in disagreements:
        print(f"  {country} {form:<24} {raw!r:<32} expected {expected} got {got}")
    by_country = Counter(row[0] for row in valid)
    assert set(by_country) == set(COUNTRIES)
    assert len(valid) > 5000
    assert agreement >= MINIMUM_AGREEMENT, disagreements[:50]


def test_every_country_and_format_is_covered(phone_results):
    forms = {(row[0], row[1]) for row in phone_results["corpus"] if row[3] is not None}
    for country in COUNTRIES:
        assert {(country, form) for form in ("e164", "international", "national")} <= forms


@pytest.mark.parametrize(
    ("index", "raw_phone", "country", "expected"),
    [(index, *case) for index, case in enumerate(DOCUMENTED)],
)
def test_documented_formats(phone_results, index, raw_phone, country, expected):
    assert phone_results["documented"][index] == expected, (raw_phone, country)


@pytest.mark.parametrize(("index", "raw_phone"), list(enumerate(JUNK)))
def test_junk_is_null(phone_results, index, raw_phone):
    assert phone_results["junk"][index] is None, raw_phone
