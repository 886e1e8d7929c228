"""The real people behind the records: one row per person with what is true about them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from customer_identity.synthetic import _phones
from customer_identity.synthetic._mess import (
    S,
    chance,
    choose,
    duplicated,
    fill_templates,
    random_ips,
    strings,
    unique_ints,
    zpad,
)
from customer_identity.synthetic._reference import (
    CITIES,
    COMMON_FULL_NAMES,
    COUNTRY_WEIGHTS,
    EMAIL_DOMAINS,
    LANGUAGES,
    LOYALTY_TIERS,
    NAME_LOCALE,
    NICKNAMES,
    POSTAL_LETTERS,
    STREET_LAYOUT,
    STREET_NAMES,
    STREET_TYPES,
    UNIT_PREFIXES,
)
from customer_identity.synthetic._tables import NAMES

if TYPE_CHECKING:
    from customer_identity.synthetic.generator import MessConfig

REF_DAY = np.datetime64("2025-11-01", "D").astype(np.int64)  # "today" of the data set
COUNTRIES = tuple(COUNTRY_WEIGHTS)
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# Government id shapes per country (`#` digit, `@` letter).
_NATIONAL_ID = {
    "US": "###-##-####", "CA": "### ### ###", "GB": "@@######@", "DE": "###########",
    "FR": "# ## ## ## ### ###", "AU": "### ### ###", "IN": "#### #### ####",
    "MX": "@@@@######@@@@@@##", "BR": "###.###.###-##", "ES": "########@",
    "IT": "@@@@@@##@##@###@", "NL": "#########",
}  # fmt: skip


def _unpack(packed: str) -> tuple[np.ndarray, np.ndarray]:
    names, weights = zip(*(e.rsplit(":", 1) for e in packed.split(";")), strict=True)
    return strings(names), np.array([float(w) for w in weights])


_NAME_POOLS = {
    loc: {kind: _unpack(packed) for kind, packed in kinds.items()} for loc, kinds in NAMES.items()
}


@dataclass
class Population:
    """Column arrays, one entry per person; phone fields index into `phone_formats`."""

    person_id: np.ndarray
    country: np.ndarray
    female: np.ndarray
    dob: np.ndarray  # days since 1970-01-01
    head: np.ndarray  # household head (self for one-person households)
    first: np.ndarray
    nick: np.ndarray  # "" when the first name has no common nickname
    last: np.ndarray
    maiden: np.ndarray  # "" when none
    street_full: np.ndarray
    street_abbr: np.ndarray
    city: np.ndarray
    postcode: np.ndarray
    zip4: np.ndarray  # US only, else ""
    moved: np.ndarray
    old_street_full: np.ndarray
    old_street_abbr: np.ndarray
    old_city: np.ndarray
    old_postcode: np.ndarray
    mobile: np.ndarray  # -1 when none
    landline: np.ndarray
    old_phone: np.ndarray
    phone_formats: np.ndarray  # (numbers, _phones.N_FORMATS)
    email: np.ndarray  # "" when none
    old_email: np.ndarray
    family_email: np.ndarray
    account_id: np.ndarray
    national_id: np.ndarray
    cookies: np.ndarray  # (persons, 3)
    n_cookies: np.ndarray
    home_ip: np.ndarray
    tier: np.ndarray
    language: np.ndarray

    @property
    def n(self) -> int:
        return len(self.person_id)


def _households(rng: np.random.Generator, n: int, rate: float) -> tuple[np.ndarray, np.ndarray]:
    """Household head per person and each person's rank in the household (0 = head)."""
    head = np.arange(n)
    rank = np.zeros(n, dtype=np.int64)
    members = rng.permutation(n)[: round(rate * n)]
    sizes = np.array([2, 3, 4, 5])[choose(rng, len(members) // 2 + 1, (0.55, 0.25, 0.15, 0.05))]
    ends = np.cumsum(sizes)
    ends = ends[ends <= len(members)]
    start = 0
    for end in ends.tolist():
        group = members[start:end]
        head[group] = group[0]
        rank[group] = np.arange(len(group))
        start = end
    return head, rank


def _first_names(rng: np.random.Generator, country: np.ndarray, female: np.ndarray) -> np.ndarray:
    out = np.empty(len(country), dtype=S)
    for code, locale in NAME_LOCALE.items():
        for sex, kind in ((False, "male"), (True, "female")):
            rows = np.flatnonzero((country == code) & (female == sex))
            pool, weights = _NAME_POOLS[locale][kind]
            out[rows] = pool[choose(rng, len(rows), weights)]
    return out


def _last_names(rng: np.random.Generator, country: np.ndarray) -> np.ndarray:
    out = np.empty(len(country), dtype=S)
    for code, locale in NAME_LOCALE.items():
        rows = np.flatnonzero(country == code)
        pool, weights = _NAME_POOLS[locale]["last"]
        out[rows] = pool[choose(rng, len(rows), weights)]
    return out


def _addresses(rng: np.random.Generator, country: np.ndarray) -> dict[str, np.ndarray]:
    n = len(country)
    out = {k: np.empty(n, dtype=S) for k in ("full", "abbr", "city", "postcode")}
    out["area_code"] = np.zeros(n, dtype=np.int64)
    out["other_area_code"] = np.zeros(n, dtype=np.int64)
    for code in COUNTRIES:
        rows = np.flatnonzero(country == code)
        m = len(rows)
        if m == 0:
            continue
        cities = CITIES[code]
        ci = choose(rng, m, [c[1] for c in cities])
        out["city"][rows] = strings([c[0] for c in cities])[ci]
        starts = np.cumsum([0] + [len(c[2]) for c in cities])
        templates = strings([t for c in cities for t in c[2]])
        pick = starts[ci] + (rng.random(m) * (starts[ci + 1] - starts[ci])).astype(np.int64)
        out["postcode"][rows] = fill_templates(
            rng, templates[pick], POSTAL_LETTERS.get(code, _UPPER)
        )
        if code in ("US", "CA"):
            starts = np.cumsum([0] + [len(c[3]) for c in cities])
            npas = np.array([int(a) for c in cities for a in c[3]])
            pick = starts[ci] + (rng.random(m) * (starts[ci + 1] - starts[ci])).astype(np.int64)
            out["area_code"][rows] = npas[pick]
            # People keep their mobile number when they move, so some are from elsewhere.
            other = choose(rng, m, [c[1] for c in cities])
            out["other_area_code"][rows] = npas[starts[other]]
        big = code in ("US", "CA", "AU")
        house = np.minimum(rng.lognormal(6.0 if big else 3.0, 1.0, m).astype(np.int64) + 1, 19999)
        num = house.astype(S)
        name = strings(STREET_NAMES[code])[rng.integers(0, len(STREET_NAMES[code]), m)]
        ti = rng.integers(0, len(STREET_TYPES[code]), m)
        t_full = strings([t[0] for t in STREET_TYPES[code]])[ti]
        t_abbr = strings([t[1] for t in STREET_TYPES[code]])[ti]
        for key, t in (("full", t_full), ("abbr", t_abbr)):
            layout = STREET_LAYOUT[code]
            parts = {"{n}": num, "{s}": name, "{t}": t}
            street = np.full(m, "", dtype=S)
            token = ""
            for ch in layout:
                token += ch
                if token in parts:
                    street = street + parts[token]
                    token = ""
                elif not token.startswith("{"):
                    street = street + token
                    token = ""
            out[key][rows] = street
        if code in ("US", "CA", "AU", "GB"):
            # Apartments: "123 Main Street, Apt 4B" / "Flat 3, 12 High Street".
            flat = np.flatnonzero(chance(rng, m, 0.15))
            unit = rng.integers(1, 40, len(flat)).astype(S)
            letter = strings(list("ABCD"))[rng.integers(0, 4, len(flat))]
            letter[~chance(rng, len(flat), 0.3)] = ""
            for key in ("full", "abbr"):
                cur = out[key][rows[flat]]
                if code == "GB":
                    out[key][rows[flat]] = "Flat " + unit + letter + ", " + cur
                else:
                    pre = strings(UNIT_PREFIXES)[rng.integers(0, len(UNIT_PREFIXES), len(flat))]
                    sep = ", " if key == "full" else " "
                    glue = np.where(pre == "#", "", " ")
                    out[key][rows[flat]] = cur + sep + pre + glue + unit + letter
    return out


def _ascii(name: str, cache: dict[str, str]) -> str:
    got = cache.get(name)
    if got is None:
        folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
        got = "".join(ch for ch in folded if "a" <= ch <= "z") or "user"
        cache[name] = got
    return got


def _local_parts(
    rng: np.random.Generator, first: np.ndarray, last: np.ndarray, nick: np.ndarray, dob: np.ndarray
) -> np.ndarray:
    n = len(first)
    pattern = choose(rng, n, (25, 15, 5, 12, 10, 10, 8, 5, 5, 5)).tolist()
    two = rng.integers(1, 100, n).tolist()
    many = rng.integers(1, 10_000, n).tolist()
    year = (1970 + dob // 365).tolist()
    cache: dict[str, str] = {}
    out = []
    for f, lst, nk, p, d2, d4, y in zip(
        first.tolist(), last.tolist(), nick.tolist(), pattern, two, many, year, strict=True
    ):
        f, lst = _ascii(f, cache), _ascii(lst, cache)
        if p == 0:
            s = f"{f}.{lst}"
        elif p == 1:
            s = f"{f}{lst}"
        elif p == 2:
            s = f"{f}_{lst}"
        elif p == 3:
            s = f"{f[0]}{lst}"
        elif p == 4:
            s = f"{f}.{lst}{d2}"
        elif p == 5:
            s = f"{f}{lst}{y % 100:02d}"
        elif p == 6:
            s = f"{f}{d4}"
        elif p == 7:
            s = f"{lst}.{f}"
        elif p == 8:
            s = f"{f[0]}.{lst}"
        else:
            s = f"{_ascii(nk, cache) if nk else f}{lst}{d2}"
        out.append(s)
    return strings(out)


def _domains(rng: np.random.Generator, country: np.ndarray) -> np.ndarray:
    out = np.empty(len(country), dtype=S)
    for code, options in EMAIL_DOMAINS.items():
        rows = np.flatnonzero(country == code)
        out[rows] = strings([d for d, _ in options])[
            choose(rng, len(rows), [w for _, w in options])
        ]
    return out


def _make_unique(rng: np.random.Generator, emails: np.ndarray, taken: np.ndarray) -> np.ndarray:
    """Append digits to the local part of any address that clashes with another or `taken`."""
    emails = emails.copy()
    for _ in range(50):
        dup = duplicated(np.concatenate([taken, emails]))[len(taken) :] & (emails != "")
        if not dup.any():
            return emails
        local, _, domain = np.strings.partition(emails[dup], strings("@"))
        emails[dup] = local + rng.integers(1, 1000, int(dup.sum())).astype(S) + "@" + domain
    raise RuntimeError("could not make e-mail addresses unique")


def _phones_for(
    rng: np.random.Generator,
    owners: list[tuple[np.ndarray, np.ndarray, str, np.ndarray]],
) -> tuple[list[np.ndarray], np.ndarray]:
    """Draw distinct numbers for (rows, regions, kind, area codes) groups; format them all."""
    values, masks, spans = [], [], []
    for _rows, regions, kind, areas in owners:
        v, m = _phones.new_numbers(rng, regions, kind, areas)
        values.append(v)
        masks.append(m)
        spans.append(len(v))
    value, mask = np.concatenate(values), np.concatenate(masks)
    region = np.concatenate([o[1] for o in owners])
    kind = np.concatenate([np.full(len(o[0]), o[2]) for o in owners])
    area = np.concatenate([o[3] for o in owners])
    for _ in range(50):
        dup = duplicated(value)
        if not dup.any():
            break
        for k in np.unique(kind[dup]).tolist():
            rows = np.flatnonzero(dup & (kind == k))
            value[rows], mask[rows] = _phones.new_numbers(rng, region[rows], k, area[rows])
    else:
        raise RuntimeError("could not draw distinct phone numbers")
    offsets = np.concatenate([[0], np.cumsum(spans)])
    index = [np.arange(offsets[i], offsets[i + 1]) for i in range(len(owners))]
    return index, _phones.format_numbers(value, mask)


def build_population(rng: np.random.Generator, n: int, cfg: MessConfig) -> Population:
    us_share = COUNTRY_WEIGHTS["US"]
    weights = [
        (1 - cfg.foreign_rate) if c == "US" else w / (1 - us_share) * cfg.foreign_rate
        for c, w in COUNTRY_WEIGHTS.items()
    ]
    country = strings(COUNTRIES)[choose(rng, n, weights)]
    female = chance(rng, n, 0.51)
    age = 18 * 365 + (rng.beta(1.6, 2.0, n) * 72 * 365).astype(np.int64)
    dob = REF_DAY - age

    head, rank = _households(rng, n, cfg.household_rate)
    member = rank > 0
    country[member] = country[head[member]]
    spouse = rank == 1
    female[spouse] = np.where(chance(rng, n, 0.9), ~female[head], female)[spouse]
    adult = REF_DAY - 18 * 365
    # Everyone is an adult customer; a date past that falls back to a random adult date
    # rather than being clamped, which would give thousands of people one birth date.
    young_adult = adult - rng.integers(0, 8 * 365, n)
    near = dob[head] + rng.normal(0, 3 * 365, n).astype(np.int64)
    dob[spouse] = np.where(near > adult, young_adult, near)[spouse]
    child = rank > 1
    born = dob[head] + rng.integers(22 * 365, 36 * 365, n)
    dob[child] = np.where(born > adult, young_adult, born)[child]

    # Twins: pairs of people outside households, the second copying the first.
    singles = np.flatnonzero(head == np.arange(n))
    singles = singles[np.isin(singles, head[member], invert=True)]
    n_pairs = min(round(cfg.twin_rate * n / 2), len(singles) // 2)
    pairs = rng.permutation(singles)[: 2 * n_pairs].reshape(-1, 2)
    twin_a, twin_b = pairs[:, 0], pairs[:, 1]
    head[twin_b] = twin_a
    country[twin_b] = country[twin_a]
    dob[twin_b] = dob[twin_a]
    member = head != np.arange(n)

    first = _first_names(rng, country, female)
    last = _last_names(rng, country)
    common = np.flatnonzero((country == "US") & chance(rng, n, cfg.common_name_rate))
    pick = rng.integers(0, len(COMMON_FULL_NAMES), len(common))
    first[common] = strings([c[0] for c in COMMON_FULL_NAMES])[pick]
    last[common] = strings([c[1] for c in COMMON_FULL_NAMES])[pick]
    female[common] = np.array([c[2] == "F" for c in COMMON_FULL_NAMES])[pick]

    maiden = np.full(n, "", dtype=S)
    adult_women = female & (dob < REF_DAY - 22 * 365) & ~member
    chosen = np.flatnonzero(adult_women & chance(rng, n, cfg.maiden_name_rate))
    maiden[chosen] = _last_names(rng, country[chosen])
    # Family members mostly share the head's surname; a wife's own surname becomes her maiden name.
    takes = member & (chance(rng, n, 0.85) | np.isin(np.arange(n), twin_b))
    wife = takes & spouse & female
    maiden[wife] = last[wife]
    last[takes] = last[head[takes]]
    maiden[maiden == last] = ""
    for _ in range(20):  # twins get different first names
        same = twin_b[first[twin_b] == first[twin_a]]
        if len(same) == 0:
            break
        first[same] = _first_names(rng, country[same], female[same])

    nick = np.full(n, "", dtype=S)
    has_nick = np.flatnonzero(np.isin(first, strings(list(NICKNAMES))))
    nick_pick = rng.random(len(has_nick)).tolist()
    nick[has_nick] = strings(
        [
            NICKNAMES[f][int(r * len(NICKNAMES[f]))]
            for f, r in zip(first[has_nick].tolist(), nick_pick, strict=True)
        ]
    )

    addr = _addresses(rng, country)
    for key in ("full", "abbr", "city", "postcode", "area_code"):
        addr[key][member] = addr[key][head[member]]
    zip4 = np.where(country == "US", zpad(rng.integers(1, 10_000, n), 4), "")
    zip4[member] = zip4[head[member]]
    moved = chance(rng, n, cfg.move_rate)
    moved[member] = moved[head[member]]
    old = _addresses(rng, country)
    for key in ("full", "abbr", "city", "postcode"):
        old[key][member] = old[key][head[member]]

    # Phones: owners first, then shared copies (household landline, twins).
    owns_line = (~member & chance(rng, n, 0.5)) | np.isin(np.arange(n), twin_a)
    has_mobile = chance(rng, n, 0.92)
    owns_old = ~member & moved & chance(rng, n, 0.8)
    mobile_area = np.where(chance(rng, n, 0.75), addr["area_code"], addr["other_area_code"])
    groups = []
    for rows, kind, area in (
        (np.flatnonzero(has_mobile), "mobile", mobile_area),
        (np.flatnonzero(owns_line), "fixed", addr["area_code"]),
        (np.flatnonzero(owns_old), "fixed", old["area_code"]),
    ):
        groups.append((rows, country[rows], kind, area[rows]))
    index, phone_formats = _phones_for(rng, groups)
    mobile, landline, old_phone = (np.full(n, -1, dtype=np.int64) for _ in range(3))
    mobile[groups[0][0]] = index[0]
    landline[groups[1][0]] = index[1]
    old_phone[groups[2][0]] = index[2]
    shares = member & (chance(rng, n, 0.9) | np.isin(np.arange(n), twin_b))
    landline[shares] = landline[head[shares]]
    old_phone[member] = old_phone[head[member]]

    # E-mail: most people have one; some changed provider or address; families share one.
    domain = _domains(rng, country)
    email = _local_parts(rng, first, last, nick, dob) + "@" + domain
    email[~chance(rng, n, 0.93)] = ""
    email = _make_unique(rng, email, np.zeros(0, dtype=S))
    changed = np.flatnonzero(chance(rng, n, cfg.email_provider_change_rate) & (email != ""))
    local = np.strings.partition(email[changed], strings("@"))[0]
    fresh = chance(rng, len(changed), 0.4)
    rows = changed[fresh]
    local[fresh] = _local_parts(rng, first[rows], last[rows], nick[rows], dob[rows] + 400)
    new_domain = _domains(rng, country[changed])
    # A provider change must change the domain; fall back to another big provider.
    same = new_domain == np.strings.partition(email[changed], strings("@"))[2]
    new_domain[same & ~fresh] = np.where(
        new_domain[same & ~fresh] == "yahoo.com", "hotmail.com", "yahoo.com"
    )
    old_email = np.full(n, "", dtype=S)
    old_email[changed] = local + "@" + new_domain
    old_email = _make_unique(rng, old_email, email[email != ""])

    family_email = np.full(n, "", dtype=S)
    heads = np.flatnonzero(np.isin(np.arange(n), head[member]))
    fam = heads[chance(rng, len(heads), cfg.family_email_rate)]
    cache: dict[str, str] = {}
    styles = rng.integers(0, 3, len(fam)).tolist()
    fam_local = strings(
        [
            (f"{a}family", f"the{a}s", f"{a}house")[k]
            for a, k in zip((_ascii(x, cache) for x in last[fam].tolist()), styles, strict=True)
        ]
    )
    family_email[fam] = _make_unique(
        rng, fam_local + "@" + domain[fam], np.concatenate([email, old_email])
    )
    family_email[member] = family_email[head[member]]

    account_id = "ACC-" + zpad(unique_ints(rng, n, 100_000_000), 8)
    shared_account = member & chance(rng, n, 0.6)
    account_id[shared_account] = account_id[head[shared_account]]

    national_id = np.empty(n, dtype=S)
    for code, tpl in _NATIONAL_ID.items():
        rows = np.flatnonzero(country == code)
        national_id[rows] = fill_templates(rng, np.full(len(rows), tpl, dtype=S), _UPPER)
    for _ in range(20):
        dup = np.flatnonzero(duplicated(national_id))
        if len(dup) == 0:
            break
        national_id[dup] = fill_templates(
            rng, strings([_NATIONAL_ID[c] for c in country[dup].tolist()]), _UPPER
        )

    n_cookies = 1 + choose(rng, n, (0.5, 0.3, 0.2))
    # Recurring browsers were first seen before the contact-centre history starts (2023).
    first_visit = rng.integers(1_560_000_000, 1_672_000_000, 3 * n).astype(S)
    cookies = "GA1.2." + zpad(unique_ints(rng, 3 * n, 5 * 10**9), 10) + "." + first_visit
    home_ip = random_ips(rng, n)

    tier = strings([t for t, _ in LOYALTY_TIERS])[choose(rng, n, [w for _, w in LOYALTY_TIERS])]
    language = np.empty(n, dtype=S)
    for code, options in LANGUAGES.items():
        rows = np.flatnonzero(country == code)
        language[rows] = strings([c for c, _ in options])[
            choose(rng, len(rows), [w for _, w in options])
        ]

    width = max(7, len(str(n)))
    return Population(
        person_id="P" + zpad(np.arange(1, n + 1), width),
        country=country,
        female=female,
        dob=dob,
        head=head,
        first=first,
        nick=nick,
        last=last,
        maiden=maiden,
        street_full=addr["full"],
        street_abbr=addr["abbr"],
        city=addr["city"],
        postcode=addr["postcode"],
        zip4=zip4,
        moved=moved,
        old_street_full=old["full"],
        old_street_abbr=old["abbr"],
        old_city=old["city"],
        old_postcode=old["postcode"],
        mobile=mobile,
        landline=landline,
        old_phone=old_phone,
        phone_formats=phone_formats,
        email=email,
        old_email=old_email,
        family_email=family_email,
        account_id=account_id,
        national_id=national_id,
        cookies=cookies.reshape(n, 3),
        n_cookies=n_cookies,
        home_ip=home_ip,
        tier=tier,
        language=language,
    )
