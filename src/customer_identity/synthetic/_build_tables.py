"""Regenerate `_tables.py` (name lists and phone numbering plans) from Faker and phonenumbers.

Run by hand when either library's data should be refreshed:
`python -m customer_identity.synthetic._build_tables`, then `ruff format` the result.
The generator itself only reads the embedded tables, so its output does not change with the
installed versions of those libraries, and neither is a runtime dependency.
"""

from __future__ import annotations

import importlib
import random
import re
from pathlib import Path

from customer_identity.synthetic._reference import CITIES, NAME_LOCALE

NAME_LIMITS = {"en_US": (300, 1000)}  # (first names per sex, last names); others default
DEFAULT_LIMITS = (80, 200)
PREFIXES_PER_PLAN = 40
_NAME_OK = re.compile(r"^[^\W\d_][^\W\d_' -]*(?:[' -][^\W\d_]+)*$")


def _names(locale: str, rnd: random.Random) -> dict[str, tuple[tuple[str, float], ...]]:
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    n_first, n_last = NAME_LIMITS.get(locale, DEFAULT_LIMITS)
    out = {}
    for key, attr, limit in (
        ("male", "first_names_male", n_first),
        ("female", "first_names_female", n_first),
        ("last", "last_names", n_last),
    ):
        data = getattr(provider, attr)
        items = list(data.items()) if isinstance(data, dict) else [(n, 1.0) for n in data]
        seen: dict[str, float] = {}
        for name, weight in items:
            name = name.strip()
            if _NAME_OK.match(name) and name not in seen:
                seen[name] = float(weight)
        if isinstance(data, dict):
            ranked = sorted(seen.items(), key=lambda kv: -kv[1])[:limit]
        else:
            # Unweighted lists are often alphabetical: sample rather than take the head.
            ranked = sorted(rnd.sample(sorted(seen.items()), min(limit, len(seen))))
        total = sum(w for _, w in ranked)
        out[key] = tuple((n, round(w / total, 6)) for n, w in ranked)
    return out


def _mask(formatted: str, nsn: str) -> str:
    """Replace the national significant number's digits in `formatted` by `#`."""
    chars = list(formatted)
    positions = [i for i, c in enumerate(chars) if c.isdigit()][-len(nsn) :]
    if "".join(chars[i] for i in positions) != nsn:
        raise ValueError(f"{formatted!r} does not end with {nsn!r}")
    for i in positions:
        chars[i] = "#"
    return "".join(chars)


def _phone_plans(region: str, rnd: random.Random) -> dict[str, tuple[tuple[str, str, str], ...]]:
    import phonenumbers as pn
    from phonenumbers import PhoneNumberFormat as Fmt
    from phonenumbers import PhoneNumberType as Typ

    cc = str(pn.country_code_for_region(region))
    plans = {}
    for key, typ in (("mobile", Typ.MOBILE), ("fixed", Typ.FIXED_LINE)):
        example = pn.example_number_for_type(region, typ)
        length = len(pn.national_significant_number(example))

        def check(nsn: str, typ: int = typ) -> tuple[str, str] | None:
            num = pn.parse("+" + cc + nsn)
            if not pn.is_valid_number_for_region(num, region):
                return None
            if pn.number_type(num) not in (typ, Typ.FIXED_LINE_OR_MOBILE):
                return None
            if pn.national_significant_number(num) != nsn:
                return None
            try:
                national = _mask(pn.format_number(num, Fmt.NATIONAL), nsn)
                intl = _mask(pn.format_number(num, Fmt.INTERNATIONAL), nsn)
            except ValueError:
                return None
            return national, intl

        prefixes: set[str] = set()
        for _ in range(400_000):
            nsn = "".join(rnd.choice("0123456789") for _ in range(length))
            if check(nsn):
                prefixes.add(nsn[:-4])
            if len(prefixes) >= 6 * PREFIXES_PER_PLAN:
                break
        kept = []
        for prefix in sorted(prefixes):
            masks = {check(prefix + f"{rnd.randrange(10_000):04d}") for _ in range(12)}
            masks.add(check(prefix + "0000"))
            masks.add(check(prefix + "9999"))
            if len(masks) == 1 and None not in masks:
                national, intl = masks.pop()
                kept.append((prefix, national, intl))
        rnd.shuffle(kept)
        plans[key] = tuple(sorted(kept[:PREFIXES_PER_PLAN]))
        if not plans[key]:
            raise RuntimeError(f"no phone prefixes for {region} {key}")
    return plans


def _check_nanp_area_codes() -> None:
    """Check every US/CA area code in the city list against phonenumbers."""
    import phonenumbers as pn

    rnd = random.Random(7)
    for region in ("US", "CA"):
        for city, _w, _zips, npas in CITIES[region]:
            for npa in npas:
                for _ in range(50):
                    nxx = f"{rnd.randint(2, 9)}{rnd.randint(0, 9)}{rnd.randint(2, 9)}"
                    num = pn.parse(f"+1{npa}{nxx}{rnd.randrange(10_000):04d}")
                    if not pn.is_valid_number_for_region(num, region):
                        raise RuntimeError(f"area code {npa} ({city}) not valid for {region}")


def _packed(entries: list[str], indent: str) -> str:
    """Pack `;`-joined entries into implicitly concatenated string lines (compact source)."""
    lines, line = [], ""
    for entry in entries:
        piece = entry + ";"
        if len(line) + len(piece) > 88 - len(indent):
            lines.append(line)
            line = ""
        line += piece
    lines.append(line.rstrip(";"))
    return "(\n" + "".join(f'{indent}"{part}"\n' for part in lines) + indent[:-4] + ")"


def build() -> str:
    rnd = random.Random(20261123)
    _check_nanp_area_codes()
    out = [
        '"""Generated by `_build_tables.py` from Faker (MIT) name lists and phonenumbers',
        "(Apache-2.0) metadata.",
        "",
        "Do not edit by hand. NAMES: locale -> kind -> `name:weight_ppm` entries joined by `;`.",
        "PHONE_PLANS: region -> type -> (national-number prefix, national format mask,",
        "international format mask); a `#` in a mask takes the next digit of the national",
        'significant number.\n"""',
        "",
        "NAMES = {",
    ]
    for loc in sorted(set(NAME_LOCALE.values())):
        out.append(f'    "{loc}": {{')
        for kind, entries in _names(loc, rnd).items():
            packed = _packed([f"{n}:{round(w * 1e6)}" for n, w in entries], " " * 12)
            out.append(f'        "{kind}": {packed},')
        out.append("    },")
    out += ["}", "", "PHONE_PLANS = {"]
    for region in sorted(set(NAME_LOCALE) - {"US", "CA"}):  # NANP numbers are built in code
        out.append(f'    "{region}": {{')
        for kind, plans in _phone_plans(region, rnd).items():
            out.append(f'        "{kind}": (')
            out += [f"            {plan!r}," for plan in plans]
            out.append("        ),")
        out.append("    },")
    out.append("}")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    target = Path(__file__).with_name("_tables.py")
    target.write_text(build(), encoding="utf-8")
    print(f"wrote {target}")
