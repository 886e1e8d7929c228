"""Regenerate the country reference seeds from babel (CLDR) and phonenumbers (libphonenumber).

Usage, from the project root:

    .venv/bin/python tests/python/normalization/generate_reference_seeds.py

Writes ``seeds/reference/country_reference.csv`` (one row per country) and
``seeds/reference/country_aliases.csv`` (other names people type for a country: local-language
names from CLDR plus the curated list below). Only the CSVs are committed; rerun this script when
babel or phonenumbers is upgraded and review the diff.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import babel
import phonenumbers
from babel.core import get_global

SEED_DIR = Path(__file__).resolve().parents[3] / "seeds" / "reference"

# CLDR territories that are not countries (groupings, pseudo-regions) or have no ISO alpha-2 use.
NOT_COUNTRIES = {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "CQ", "EA", "IC", "CP", "DG"}
# Exceptionally reserved or user-assigned alpha-2 codes without an ISO alpha-3 code.
NO_ALPHA3 = {"AC", "TA", "XK"}

# Names people use that CLDR's English and local-language names do not cover.
CURATED_ALIASES = {
    "US": ["USA", "U.S.A.", "U.S.", "United States of America", "America"],
    "GB": [
        "UK",
        "U.K.",
        "Great Britain",
        "Britain",
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
        "United Kingdom of Great Britain and Northern Ireland",
    ],
    "DE": ["Federal Republic of Germany"],
    "NL": ["Holland", "Kingdom of the Netherlands"],
    "IE": ["Republic of Ireland", "Eire"],
    "KR": ["Korea", "Republic of Korea", "Korea, Republic of"],
    "KP": ["Democratic People's Republic of Korea", "DPRK"],
    "RU": ["Russian Federation"],
    "CZ": ["Czech Republic"],
    "TR": ["Turkey"],
    "CI": ["Ivory Coast"],
    "MK": ["Macedonia", "Republic of North Macedonia"],
    "SZ": ["Swaziland"],
    "MM": ["Burma"],
    "VA": ["Vatican", "Holy See"],
    "AE": ["UAE", "U.A.E."],
    "VN": ["Viet Nam"],
    "LA": ["Lao People's Democratic Republic", "Lao PDR"],
    "SY": ["Syrian Arab Republic"],
    "IR": ["Islamic Republic of Iran", "Iran, Islamic Republic of", "Persia"],
    "BO": ["Plurinational State of Bolivia"],
    "VE": ["Bolivarian Republic of Venezuela"],
    "TZ": ["United Republic of Tanzania"],
    "MD": ["Republic of Moldova"],
    "CV": ["Cape Verde"],
    "BN": ["Brunei Darussalam"],
    "PS": ["Palestine", "State of Palestine"],
    "CD": ["Democratic Republic of the Congo", "DRC", "DR Congo"],
    "CG": ["Republic of the Congo", "Congo"],
    "FM": ["Federated States of Micronesia"],
    "CN": ["PRC", "People's Republic of China"],
    "IN": ["Bharat"],
    "JP": ["Nippon", "Nihon"],
    "ZA": ["RSA"],
    "MO": ["Macau"],
}


def lookup_key(name: str) -> str:
    """Python twin of the key the country macros compute in SQL (used to spot collisions)."""
    text = unicodedata.normalize("NFKD", name.strip().lower().replace("&", " and "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"^the\s+", "", text)
    return "".join(ch for ch in text if ch.isalpha())


def alpha3_codes() -> dict[str, str]:
    """Alpha-2 to alpha-3, from CLDR's territory aliases (which list every ISO alpha-3 code)."""
    candidates: dict[str, list[str]] = {}
    for alias, targets in get_global("territory_aliases").items():
        if len(alias) == 3 and alias.isalpha() and len(targets) == 1:
            candidates.setdefault(targets[0], []).append(alias)
    chosen = {}
    for alpha2, codes in candidates.items():
        # Deprecated codes (DDR, FXX, BUR, ZAR, ...) also point here; ISO's own starts alike.
        codes.sort(key=lambda c: (not c.startswith(alpha2), c[0] != alpha2[0], c))
        chosen[alpha2] = codes[0]
    return chosen


# Number types a person can be reached on. Universal access numbers (company numbers such as
# 310-xxxx in Canada) are left out: counting them would make 7-digit North American numbers valid.
PERSONAL_NUMBER_TYPES = (
    "fixed_line",
    "mobile",
    "toll_free",
    "premium_rate",
    "shared_cost",
    "personal_number",
    "voip",
    "pager",
    "voicemail",
)


def national_number_lengths(metadata: phonenumbers.PhoneMetadata) -> str:
    """Possible lengths of a national significant number, e.g. ``7|9|10`` for GB."""
    lengths: set[int] = set()
    for number_type in PERSONAL_NUMBER_TYPES:
        desc = getattr(metadata, number_type)
        if desc is not None and desc.national_number_pattern:
            lengths.update(desc.possible_length or metadata.general_desc.possible_length)
    return "|".join(str(n) for n in sorted(lengths))


def international_prefix(metadata: phonenumbers.PhoneMetadata) -> str:
    """The digits dialled before a country code from this country (011 in North America)."""
    if metadata.preferred_international_prefix:
        return metadata.preferred_international_prefix.replace("~", "")
    prefix = metadata.international_prefix or ""
    return prefix if prefix.isdigit() else ""


def country_rows() -> list[dict[str, str]]:
    names = babel.Locale("en").territories
    alpha3 = alpha3_codes()
    rows = []
    for code in sorted(names):
        if len(code) != 2 or not code.isalpha() or code in NOT_COUNTRIES:
            continue
        row = {
            "country_code": code,
            "country_code_alpha3": "" if code in NO_ALPHA3 else alpha3.get(code, ""),
            "country_name": names[code],
            "calling_code": "",
            "national_prefix": "",
            "international_prefix": "",
            "national_number_lengths": "",
        }
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(code)
        if metadata is not None:
            row.update(
                calling_code=str(phonenumbers.country_code_for_region(code)),
                # None for Italy and others whose numbers keep their leading 0 in E.164.
                national_prefix=metadata.national_prefix or "",
                international_prefix=international_prefix(metadata),
                national_number_lengths=national_number_lengths(metadata),
            )
        rows.append(row)
    return rows


def name_variants(name: str) -> list[str]:
    """CLDR's display names written the other ways people write them."""
    variants = [name]
    variants.append(re.sub(r"\s*\(.*?\)", "", name))  # Myanmar (Burma) -> Myanmar
    variants.append(name.replace(" SAR China", ""))  # Hong Kong SAR China -> Hong Kong
    variants.append(re.sub(r"^St\.\s", "Saint ", name))  # St. Lucia -> Saint Lucia
    return variants


def alias_rows(countries: list[dict[str, str]]) -> list[dict[str, str]]:
    taken = {}
    for row in countries:
        for value in (row["country_code"], row["country_code_alpha3"], row["country_name"]):
            if value:
                taken.setdefault(lookup_key(value), row["country_code"])
    official = get_global("territory_languages")
    candidates: list[tuple[str, str]] = []
    for row in countries:
        code = row["country_code"]
        for name in name_variants(row["country_name"]):
            candidates.append((name, code))
        for language, info in sorted(official.get(code, {}).items()):
            if info.get("official_status") not in ("official", "de_facto_official"):
                continue
            try:
                local_name = babel.Locale.parse(language).territories.get(code)
            except (babel.UnknownLocaleError, ValueError):
                continue
            if local_name:
                candidates.extend((name, code) for name in name_variants(local_name))
        candidates.extend((alias, code) for alias in CURATED_ALIASES.get(code, []))
    aliases, ambiguous = {}, set()
    for alias, code in candidates:
        key = lookup_key(alias)
        if not key or taken.get(key, code) != code:
            continue
        if aliases.get(key, (alias, code))[1] != code:
            ambiguous.add(key)
        aliases.setdefault(key, (alias, code))
    rows = [
        {"alias": alias, "country_code": code}
        for key, (alias, code) in aliases.items()
        if key not in ambiguous and key not in taken
    ]
    return sorted(rows, key=lambda r: (r["country_code"], r["alias"]))


def write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    countries = country_rows()
    aliases = alias_rows(countries)
    write(SEED_DIR / "country_reference.csv", countries)
    write(SEED_DIR / "country_aliases.csv", aliases)
    print(f"{len(countries)} countries, {len(aliases)} aliases written to {SEED_DIR}")


if __name__ == "__main__":
    main()
