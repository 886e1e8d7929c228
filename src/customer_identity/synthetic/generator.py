"""Synthetic CRM, ERP, legacy and contact-centre extracts with ground truth, per the data contract.

Everything is vectorised with numpy and drawn from one seeded generator, so a seed always gives
byte-identical files. Usage: `customer-identity generate --persons N --seed S --out DIR`.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from customer_identity.synthetic import _phones
from customer_identity.synthetic._mess import (
    S,
    alnum_ids,
    blank,
    chance,
    choose,
    digit_typos,
    hex_ids,
    random_ips,
    replace_some,
    strings,
    typos,
    unique_ints,
    vary_case,
    vary_spacing,
    zpad,
)
from customer_identity.synthetic._population import Population, build_population
from customer_identity.synthetic._reference import (
    COUNTRY_SPELLINGS,
    JUNK_CALLER_NAMES,
    JUNK_EMAILS,
    JUNK_NATIONAL_IDS,
    JUNK_PHONES,
)

DEFAULT_SEED = 20261123

COLUMNS: dict[str, tuple[str, ...]] = {
    "crm_contacts": (
        "Id", "AccountId", "FirstName", "LastName", "Email", "Phone", "MobilePhone",
        "MailingStreet", "MailingCity", "MailingPostalCode", "MailingCountry", "Birthdate",
        "LoyaltyTier", "PreferredLanguage", "CreatedDate", "LastModifiedDate",
    ),
    "erp_customers": (
        "customer_no", "full_name", "email", "phone", "street", "city", "zip", "country",
        "date_of_birth", "last_purchase_date", "lifetime_value", "updated_at",
    ),
    "legacy_customers": (
        "legacy_id", "first_name", "last_name", "email", "phone", "address_line", "city",
        "postcode", "country", "dob", "national_id", "last_updated",
    ),
    "interactions": (
        "conversation_id", "channel", "started_at", "ani", "email_address", "display_name",
        "cookie_id", "ip_address",
    ),
    "ground_truth": ("source_system", "source_record_id", "person_id"),
}  # fmt: skip
SOURCE_SYSTEM = {
    "crm_contacts": "crm",
    "erp_customers": "erp",
    "legacy_customers": "legacy",
    "interactions": "interactions",
}
_ALIAS_TAGS = ("shop", "news", "promo", "orders", "deals", "2024", "spam", "amazon")
_EMOJI = (" 🙂", " 😊", " 👍", " ✨")


@dataclass(frozen=True)
class MessConfig:
    """How much of each kind of real-world mess to put in. Rates are probabilities."""

    # Volume: mean records per person in each extract.
    crm_per_person: float = 0.65
    erp_per_person: float = 0.55
    legacy_per_person: float = 0.40
    interactions_per_person: float = 2.75
    duplicate_rate: float = 0.08  # a person in a source has another record there
    # Who the people are.
    foreign_rate: float = 0.22  # people outside the US
    household_rate: float = 0.20  # people living with other customers
    family_email_rate: float = 0.30  # households that share one e-mail address
    twin_rate: float = 0.01
    common_name_rate: float = 0.02  # extra John Smiths on top of the natural frequency
    move_rate: float = 0.15  # old address (and often old landline) in older systems
    maiden_name_rate: float = 0.10  # women whose older records carry another surname
    email_provider_change_rate: float = 0.15
    # How records are typed.
    typo_rate: float = 0.04  # per name field
    nickname_rate: float = 0.30  # per record, for people whose name has a nickname
    case_rate: float = 0.12
    spacing_rate: float = 0.04
    missing_rate: float = 0.05  # base rate; some fields are missing more often
    junk_identifier_rate: float = 0.015  # test@test.com, 0000000000 ... per identifier
    email_alias_rate: float = 0.05  # +tag
    gmail_dot_rate: float = 0.05
    phone_typo_rate: float = 0.003
    dob_error_rate: float = 0.01
    last_first_rate: float = 0.40  # ERP full_name as "Last, First"
    # Contact centre.
    anonymous_call_rate: float = 0.08
    first_name_only_chat_rate: float = 0.15
    cookie_reuse_rate: float = 0.60

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if field.name.endswith("_per_person"):
                if value < 0:
                    raise ValueError(f"{field.name} must be >= 0, got {value}")
            elif not 0 <= value <= 1:
                raise ValueError(f"{field.name} must be between 0 and 1, got {value}")


# --------------------------------------------------------------------------- field helpers


def _records(rng: np.random.Generator, n: int, mean: float, dup: float) -> np.ndarray:
    """Person index per record: who is in the source, with within-source duplicates."""
    extra = rng.geometric(1 - dup, n) - 1 if dup > 0 else np.zeros(n, dtype=np.int64)
    p = min(1.0, mean / (1 + dup / (1 - dup))) if dup < 1 else 0.0
    copies = chance(rng, n, p) * (1 + extra)
    return rng.permutation(np.repeat(np.arange(n), copies))


def _first_name(rng: np.random.Generator, pop: Population, pi: np.ndarray, rate: float):
    first = pop.first[pi]
    nick = pop.nick[pi]
    use = chance(rng, len(pi), rate) & (nick != "")
    first[use] = nick[use]
    return first


def _last_name(rng: np.random.Generator, pop: Population, pi: np.ndarray, maiden_p: float):
    last = pop.last[pi]
    maiden = pop.maiden[pi]
    use = chance(rng, len(pi), maiden_p) & (maiden != "")
    last[use] = maiden[use]
    return last


def _typed(
    rng: np.random.Generator, values: np.ndarray, cfg: MessConfig, missing: float, case=None
) -> np.ndarray:
    """Typos, case and spacing as an agent would type a name, then some left empty."""
    values = typos(rng, values, cfg.typo_rate)
    values = vary_case(rng, values, cfg.case_rate if case is None else case)
    values = vary_spacing(rng, values, cfg.spacing_rate)
    return blank(rng, values, missing)


def _gmail_dots(rng: np.random.Generator, emails: np.ndarray, rate: float) -> np.ndarray:
    """Gmail ignores dots in the local part, so people add or drop them."""
    rows = np.flatnonzero(
        chance(rng, len(emails), rate) & np.strings.endswith(emails, "@gmail.com")
    )
    where = rng.random(len(rows)).tolist()
    out = []
    for e, w in zip(emails[rows].tolist(), where, strict=True):
        local, domain = e.split("@", 1)
        if "." in local:
            local = local.replace(".", "")
        elif len(local) > 2:
            i = 1 + int(w * (len(local) - 1))
            local = local[:i] + "." + local[i:]
        out.append(local + "@" + domain)
    emails = emails.copy()
    emails[rows] = strings(out)
    return emails


def _email(
    rng: np.random.Generator,
    pop: Population,
    pi: np.ndarray,
    cfg: MessConfig,
    old_p: float,
    family_p: float,
    missing: float,
    junk: float,
) -> np.ndarray:
    n = len(pi)
    email = pop.email[pi]
    for source, p in ((pop.old_email, old_p), (pop.family_email, family_p)):
        alt = source[pi]
        use = chance(rng, n, p) & (alt != "")
        email[use] = alt[use]
    email = _gmail_dots(rng, email, cfg.gmail_dot_rate)
    alias = np.flatnonzero(chance(rng, n, cfg.email_alias_rate) & (email != ""))
    local, _, domain = np.strings.partition(email[alias], strings("@"))
    tag = strings(_ALIAS_TAGS)[rng.integers(0, len(_ALIAS_TAGS), len(alias))]
    email[alias] = local + "+" + tag + "@" + domain
    email = typos(rng, email, cfg.typo_rate / 4)
    cased = np.flatnonzero(chance(rng, n, cfg.case_rate))
    upper = chance(rng, len(cased), 0.5)
    # Capitalised addresses ("John.smith@gmail.com") come from form autocapitalisation.
    email[cased] = np.where(
        upper, np.strings.upper(email[cased]), np.strings.capitalize(email[cased])
    )
    email = vary_spacing(rng, email, cfg.spacing_rate)
    email = replace_some(rng, email, junk, JUNK_EMAILS)
    return blank(rng, email, missing)


def _phone(
    rng: np.random.Generator,
    pop: Population,
    number: np.ndarray,
    slot_weights: tuple[float, ...],
    cfg: MessConfig,
    missing: float,
) -> np.ndarray:
    slot = choose(rng, len(number), slot_weights)
    phone = np.full(len(number), "", dtype=S)
    has = number >= 0
    phone[has] = pop.phone_formats[number[has], slot[has]]
    phone = digit_typos(rng, phone, cfg.phone_typo_rate)
    phone = replace_some(rng, phone, cfg.junk_identifier_rate, JUNK_PHONES)
    return blank(rng, phone, missing)


def _prefer(rng: np.random.Generator, first: np.ndarray, other: np.ndarray, p: float):
    """`first` with probability p where it exists, else `other` (or `first` if no other)."""
    take_first = (chance(rng, len(first), p) & (first >= 0)) | (other < 0)
    return np.where(take_first, first, other)


def _address(
    rng: np.random.Generator,
    pop: Population,
    pi: np.ndarray,
    cfg: MessConfig,
    old_p: float,
    missing: float,
    zip_zero_drop: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = len(pi)
    old = chance(rng, n, old_p) & pop.moved[pi]
    abbr = chance(rng, n, 0.5)
    street = np.where(abbr, pop.street_abbr[pi], pop.street_full[pi])
    street[old] = np.where(abbr, pop.old_street_abbr[pi], pop.old_street_full[pi])[old]
    city = np.where(old, pop.old_city[pi], pop.city[pi])
    postcode = np.where(old, pop.old_postcode[pi], pop.postcode[pi])
    zip4 = pop.zip4[pi]
    plus4 = ~old & (zip4 != "") & chance(rng, n, 0.15)
    postcode[plus4] = postcode[plus4] + "-" + zip4[plus4]
    # Spreadsheets drop the leading zero of numeric postcodes (Boston 02134 -> 2134).
    lost = np.strings.startswith(postcode, "0") & chance(rng, n, zip_zero_drop)
    lost &= np.strings.isdigit(np.strings.replace(postcode, "-", ""))
    postcode[lost] = np.strings.lstrip(postcode[lost], "0")
    spaced = np.flatnonzero(np.strings.find(postcode, " ") > 0)
    squash = spaced[chance(rng, len(spaced), 0.15)]
    postcode[squash] = np.strings.replace(postcode[squash], " ", "")
    caps = chance(rng, n, cfg.case_rate)
    street[caps] = np.strings.upper(street[caps])
    city[caps] = np.strings.upper(city[caps])
    street = vary_spacing(rng, street, cfg.spacing_rate)
    return (
        blank(rng, street, missing),
        blank(rng, city, missing),
        blank(rng, postcode, missing * 1.5),
    )


def _country(
    rng: np.random.Generator, pop: Population, pi: np.ndarray, code_p: float, missing: float
) -> np.ndarray:
    """ISO code with probability code_p, else one of the country's English spellings."""
    codes = pop.country[pi]
    out = codes.copy()
    for code, names in COUNTRY_SPELLINGS.items():
        rows = np.flatnonzero((codes == code) & ~chance(rng, len(pi), code_p))
        out[rows] = strings(names)[rng.integers(1, len(names), len(rows))]
    return blank(rng, out, missing)


def _dob(
    rng: np.random.Generator, pop: Population, pi: np.ndarray, cfg: MessConfig, missing: float
) -> np.ndarray:
    """Birth dates as YYYY-MM-DD with entry errors and placeholder dates."""
    n = len(pi)
    days = pop.dob[pi].copy()
    err = np.flatnonzero(chance(rng, n, cfg.dob_error_rate))
    kind = rng.integers(0, 3, len(err))
    days[err[kind == 0]] += rng.choice([-1, 1], int((kind == 0).sum()))
    days[err[kind == 1]] += rng.choice([-3652, -365, 365, 3652], int((kind == 1).sum()))
    iso = days.astype("datetime64[D]").astype(S)
    swap = err[kind == 2]
    y, mo, d = (np.strings.slice(iso[swap], a, b) for a, b in ((0, 4), (5, 7), (8, 10)))
    ok = np.strings.less_equal(d, "12")
    iso[swap[ok]] = (y + "-" + d + "-" + mo)[ok]
    iso = replace_some(rng, iso, cfg.junk_identifier_rate / 3, ("1900-01-01",))
    return blank(rng, iso, missing)


def _timestamps(rng: np.random.Generator, n: int, start: str, end: str) -> np.ndarray:
    lo = np.datetime64(start, "s").astype(np.int64)
    hi = np.datetime64(end, "s").astype(np.int64)
    return rng.integers(lo, hi, n)


def _iso(seconds: np.ndarray) -> np.ndarray:
    return seconds.astype("datetime64[s]").astype(S)


def _mdy(iso: np.ndarray) -> np.ndarray:
    y, m, d = (np.strings.slice(iso, a, b) for a, b in ((0, 4), (5, 7), (8, 10)))
    return np.where(iso == "", "", m + "/" + d + "/" + y)


def _sequential(rng: np.random.Generator, n: int, start: int) -> np.ndarray:
    """Increasing numbers with gaps, like ids from a system where rows were deleted."""
    return start + np.cumsum(1 + (rng.random(n) < 0.05) * rng.integers(1, 20, n))


# --------------------------------------------------------------------------- sources

_CRM_SLOTS = (0.30, 0.08, 0.17, 0.10, 0.05, 0.20, 0.10)
_ERP_SLOTS = (0.20, 0.05, 0.40, 0.05, 0.00, 0.20, 0.10)
_LEGACY_SLOTS = (0.35, 0.15, 0.35, 0.00, 0.00, 0.05, 0.10)


def _crm(rng: np.random.Generator, pop: Population, cfg: MessConfig):
    pi = _records(rng, pop.n, cfg.crm_per_person, cfg.duplicate_rate)
    n = len(pi)
    miss = cfg.missing_rate
    pod = strings(["5e", "8d", "Dn", "4x", "1U"])[rng.integers(0, 5, n)]
    phone = _prefer(rng, pop.landline[pi], pop.mobile[pi], 0.5)
    street, city, postcode = _address(rng, pop, pi, cfg, 0.10, miss, 0.0)
    created = _timestamps(rng, n, "2016-01-01", "2025-10-20")
    end = np.datetime64("2025-10-31T23:59:59", "s").astype(np.int64)
    modified = created + (rng.exponential(200, n) * 86_400).astype(np.int64)
    late = modified > end
    modified[late] = created[late] + (rng.random(int(late.sum())) * (end - created[late])).astype(
        np.int64
    )
    mobile = _phone(rng, pop, pop.mobile[pi], _CRM_SLOTS, cfg, miss)
    mobile[~chance(rng, n, 0.55)] = ""
    cols = {
        "Id": "003" + pod + "0000" + alnum_ids(rng, n, 9),
        "AccountId": blank(rng, pop.account_id[pi], 0.25),
        "FirstName": _typed(rng, _first_name(rng, pop, pi, cfg.nickname_rate), cfg, miss * 0.3),
        "LastName": _typed(rng, _last_name(rng, pop, pi, 0.1), cfg, miss * 0.1),
        "Email": _email(rng, pop, pi, cfg, 0.15, 0.3, miss, cfg.junk_identifier_rate),
        "Phone": _phone(rng, pop, phone, _CRM_SLOTS, cfg, miss),
        "MobilePhone": mobile,
        "MailingStreet": street,
        "MailingCity": city,
        "MailingPostalCode": postcode,
        "MailingCountry": _country(rng, pop, pi, 0.55, miss),
        "Birthdate": _dob(rng, pop, pi, cfg, min(1.0, miss * 4)),
        "LoyaltyTier": blank(rng, pop.tier[pi], miss * 2),
        "PreferredLanguage": blank(rng, pop.language[pi], min(1.0, miss * 5)),
        "CreatedDate": _iso(created) + ".000Z",
        "LastModifiedDate": _iso(modified) + ".000Z",
    }
    return cols, pi, cols["Id"]


def _erp(rng: np.random.Generator, pop: Population, cfg: MessConfig):
    pi = _records(rng, pop.n, cfg.erp_per_person, cfg.duplicate_rate)
    n = len(pi)
    miss = cfg.missing_rate
    first = _typed(rng, _first_name(rng, pop, pi, cfg.nickname_rate * 0.7), cfg, 0.0, case=0.0)
    last = _typed(rng, _last_name(rng, pop, pi, 0.35), cfg, 0.0, case=0.0)
    flipped = chance(rng, n, cfg.last_first_rate)
    full = np.where(flipped, last + ", " + first, first + " " + last)
    full = vary_case(rng, full, 0.45, weights=(0.8, 0.15, 0.05))
    street, city, postcode = _address(rng, pop, pi, cfg, 0.30, miss, 0.10)
    updated = _timestamps(rng, n, "2019-01-01", "2025-10-31")
    purchase = (updated // 86_400 - rng.integers(0, 700, n)).astype("datetime64[D]").astype(S)
    purchase = blank(rng, purchase, 0.2)
    cents = (rng.lognormal(10.5, 1.3, n)).astype(np.int64)
    ltv = (cents // 100).astype(S) + "." + zpad(cents % 100, 2)
    ltv[purchase == ""] = "0.00"
    number = _prefer(rng, pop.mobile[pi], pop.landline[pi], 0.6)
    customer_no = "C" + zpad(_sequential(rng, n, 1000), 7)
    cols = {
        "customer_no": customer_no,
        "full_name": blank(rng, vary_spacing(rng, full, cfg.spacing_rate), miss * 0.05),
        "email": _email(rng, pop, pi, cfg, 0.30, 0.2, miss, cfg.junk_identifier_rate),
        "phone": _phone(rng, pop, number, _ERP_SLOTS, cfg, miss),
        "street": street,
        "city": city,
        "zip": postcode,
        "country": blank(rng, pop.country[pi], miss * 0.5),
        "date_of_birth": _mdy(_dob(rng, pop, pi, cfg, miss * 2)),
        "last_purchase_date": purchase,
        "lifetime_value": blank(rng, ltv, miss),
        "updated_at": _iso(updated),
    }
    return cols, pi, customer_no


def _legacy(rng: np.random.Generator, pop: Population, cfg: MessConfig):
    pi = _records(rng, pop.n, cfg.legacy_per_person, cfg.duplicate_rate)
    n = len(pi)
    miss = cfg.missing_rate
    # The retired CRM upper-cased a lot of what was typed into it.
    caps = min(1.0, cfg.case_rate * 2.5)
    number = np.where(
        chance(rng, n, 0.85) & (pop.old_phone[pi] >= 0),
        pop.old_phone[pi],
        _prefer(rng, pop.landline[pi], pop.mobile[pi], 0.6),
    )
    street, city, postcode = _address(rng, pop, pi, cfg, 0.85, miss * 2, 0.30)
    nid = pop.national_id[pi]
    nodash = chance(rng, n, 0.3)
    nid[nodash] = np.strings.replace(np.strings.replace(nid[nodash], "-", ""), " ", "")
    nid[~chance(rng, n, 0.4)] = ""
    nid = replace_some(rng, nid, cfg.junk_identifier_rate / 2, JUNK_NATIONAL_IDS)
    legacy_id = "L-" + zpad(_sequential(rng, n, 100), 6)
    cols = {
        "legacy_id": legacy_id,
        "first_name": _typed(rng, _first_name(rng, pop, pi, cfg.nickname_rate), cfg, miss, caps),
        "last_name": _typed(rng, _last_name(rng, pop, pi, 0.7), cfg, miss * 0.2, caps),
        "email": _email(rng, pop, pi, cfg, 0.75, 0.3, min(1.0, miss * 3), cfg.junk_identifier_rate),
        "phone": _phone(rng, pop, number, _LEGACY_SLOTS, cfg, miss * 2),
        "address_line": np.where(chance(rng, n, caps), np.strings.upper(street), street),
        "city": np.where(chance(rng, n, caps), np.strings.upper(city), city),
        "postcode": postcode,
        "country": vary_case(rng, _country(rng, pop, pi, 0.3, miss * 2), caps, (1.0, 0, 0)),
        "dob": np.strings.replace(_dob(rng, pop, pi, cfg, miss), "-", ""),
        "national_id": nid,
        "last_updated": np.strings.slice(_iso(_timestamps(rng, n, "2006-01-01", "2019-01-01")), 10),
    }
    return cols, pi, legacy_id


_CHANNELS = ("voice", "webchat", "email", "whatsapp", "sms")


def _interactions(rng: np.random.Generator, pop: Population, cfg: MessConfig):
    mean = cfg.interactions_per_person
    shape = 0.8  # over-dispersed: a few people contact the centre a lot
    lam = rng.gamma(shape, mean / shape, pop.n) if mean > 0 else np.zeros(pop.n)
    pi = np.repeat(np.arange(pop.n), rng.poisson(lam))
    n = len(pi)
    started = np.sort(_timestamps(rng, n, "2023-01-01", "2025-10-31"))
    pi = rng.permutation(pi)
    ch = choose(rng, n, (0.35, 0.25, 0.20, 0.10, 0.10))
    mobile, landline = pop.mobile[pi], pop.landline[pi]
    has_email = pop.email[pi] != ""
    ch[(ch >= 3) & (mobile < 0)] = 0  # messaging needs a mobile
    voice_number = _prefer(rng, mobile, landline, 0.65)
    ch[(ch == 0) & (voice_number < 0)] = 2
    ch[(ch == 2) & ~has_email] = 1

    ani = np.full(n, "", dtype=S)
    email = np.full(n, "", dtype=S)
    display = np.full(n, "", dtype=S)
    cookie = np.full(n, "", dtype=S)
    ip = np.full(n, "", dtype=S)
    first = _first_name(rng, pop, pi, cfg.nickname_rate)
    full = first + " " + pop.last[pi]
    formats = pop.phone_formats

    voice = np.flatnonzero(ch == 0)
    tel = np.where(chance(rng, len(voice), 0.6), _phones.SLOT_TEL, _phones.SLOT_E164)
    ani[voice] = formats[voice_number[voice], tel]
    anon = voice[chance(rng, len(voice), cfg.anonymous_call_rate)]
    ani[anon] = "anonymous"
    cnam = choose(rng, len(voice), (0.45, 0.25, 0.10, 0.20))
    caller_id = np.strings.slice(np.strings.upper(pop.last[pi] + " " + pop.first[pi]), 0, 15)
    display[voice] = np.where(cnam == 1, caller_id[voice], np.where(cnam == 3, full[voice], ""))
    junk_cnam = voice[cnam == 2]
    display[junk_cnam] = strings(JUNK_CALLER_NAMES)[
        rng.integers(0, len(JUNK_CALLER_NAMES), len(junk_cnam))
    ]
    display[anon] = ""

    messaging = np.flatnonzero(ch >= 3)
    tel = np.where(chance(rng, len(messaging), 0.15), _phones.SLOT_TEL, _phones.SLOT_E164)
    ani[messaging] = formats[mobile[messaging], tel]
    whatsapp = np.flatnonzero(ch == 3)
    style = choose(rng, len(whatsapp), (0.40, 0.35, 0.10, 0.05, 0.10))
    shown = np.where(style == 0, first[whatsapp], full[whatsapp])
    shown[style == 2] = np.strings.lower(first[whatsapp][style == 2])
    shown[style == 3] = (first[whatsapp] + strings(_EMOJI)[rng.integers(0, 4, len(whatsapp))])[
        style == 3
    ]
    shown[style == 4] = ""
    display[whatsapp] = shown

    mail = np.flatnonzero(ch == 2)
    email[mail] = _email(rng, pop, pi[mail], cfg, 0.10, 0.2, 0.0, 0.0)
    style = choose(rng, len(mail), (0.6, 0.1, 0.3))
    display[mail] = np.where(style == 0, full[mail], np.where(style == 1, first[mail], ""))

    chat = np.flatnonzero(ch == 1)
    bare = chance(rng, len(chat), cfg.first_name_only_chat_rate)
    # Cookies: one of the person's recurring browsers, or a one-off session.
    slot = (rng.random(len(chat)) * pop.n_cookies[pi[chat]]).astype(np.int64)
    reuse = chance(rng, len(chat), cfg.cookie_reuse_rate) & ~bare
    one_off = "GA1.2." + zpad(5 * 10**9 + unique_ints(rng, len(chat), 5 * 10**9), 10)
    one_off = one_off + "." + (started[chat] - rng.integers(0, 3600, len(chat))).astype(S)
    cookie[chat] = np.where(reuse, pop.cookies[pi[chat], slot], one_off)
    with_email = chance(rng, len(chat), 0.6) & ~bare
    chat_email = _email(rng, pop, pi[chat], cfg, 0.1, 0.1, 0.0, cfg.junk_identifier_rate)
    email[chat] = np.where(with_email, chat_email, "")
    style = choose(rng, len(chat), (0.45, 0.35, 0.20))
    named = np.where(style == 0, first[chat], np.where(style == 1, full[chat], ""))
    bare_name = vary_case(rng, first[chat], 0.4, weights=(0.1, 0.9, 0.0))
    display[chat] = np.where(bare, bare_name, named)
    where_from = choose(rng, len(chat), (0.5, 0.3, 0.2))
    where_from[bare & (where_from == 0)] = 1  # a one-off visitor has no known home address
    ip[chat] = np.where(where_from == 0, pop.home_ip[pi[chat]], random_ips(rng, len(chat)))
    ip[chat[where_from == 2]] = ""

    conversation_id = "conv-" + hex_ids(rng, n, 12)
    cols = {
        "conversation_id": conversation_id,
        "channel": strings(_CHANNELS)[ch],
        "started_at": _iso(started) + "Z",
        "ani": ani,
        "email_address": email,
        "display_name": vary_spacing(rng, display, cfg.spacing_rate),
        "cookie_id": cookie,
        "ip_address": ip,
    }
    return cols, pi, conversation_id


# --------------------------------------------------------------------------- output


def _table(cols: dict[str, np.ndarray], names: tuple[str, ...]) -> pa.Table:
    # An empty string means a missing value in the contract, so write it as an empty field.
    arrays = [pa.array(cols[c], type=pa.string(), mask=(cols[c] == "")) for c in names]
    return pa.table(arrays, names=list(names))


def _write(table: pa.Table, path: Path, fmt: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    if fmt == "csv":
        options = pacsv.WriteOptions(include_header=True, quoting_style="needed")
        pacsv.write_csv(table, tmp, write_options=options)
    else:
        pq.write_table(table, tmp, compression="zstd")
    tmp.replace(path)


def generate(
    persons: int,
    seed: int,
    out_dir: Path,
    config: MessConfig | None = None,
    fmt: str = "csv",
) -> dict[str, int]:
    """Write the four extracts and ground_truth into out_dir; return rows written per file."""
    if persons < 0:
        raise ValueError("persons must be >= 0")
    if fmt not in ("csv", "parquet"):
        raise ValueError(f"unknown format {fmt!r}: use csv or parquet")
    cfg = config or MessConfig()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    # One independent stream per stage, so changing one source leaves the others' rows alone.
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(5)]
    pop = build_population(streams[0], persons, cfg)
    built = {
        "crm_contacts": _crm(streams[1], pop, cfg),
        "erp_customers": _erp(streams[2], pop, cfg),
        "legacy_customers": _legacy(streams[3], pop, cfg),
        "interactions": _interactions(streams[4], pop, cfg),
    }
    truth = {
        "source_system": np.concatenate(
            [np.full(len(ids), SOURCE_SYSTEM[name], dtype=S) for name, (_, _, ids) in built.items()]
        ),
        "source_record_id": np.concatenate([ids for _, _, ids in built.values()]),
        "person_id": np.concatenate([pop.person_id[pi] for _, pi, _ in built.values()]),
    }
    tables = {name: cols for name, (cols, _, _) in built.items()} | {"ground_truth": truth}
    counts = {}
    for name, cols in tables.items():
        path = out_dir / f"{name}.{fmt}"
        _write(_table(cols, COLUMNS[name]), path, fmt)
        # A stale extract in the other format would make the folder ambiguous.
        other = path.with_suffix(".parquet" if fmt == "csv" else ".csv")
        other.unlink(missing_ok=True)
        counts[path.name] = len(cols[COLUMNS[name][0]])
    return counts


def _parse_override(text: str) -> tuple[str, float]:
    key, sep, value = text.partition("=")
    names = {f.name for f in dataclasses.fields(MessConfig)}
    if not sep or key not in names:
        raise argparse.ArgumentTypeError(
            f"expected FIELD=VALUE with FIELD one of: {', '.join(sorted(names))}"
        )
    try:
        return key, float(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{key}: {value!r} is not a number") from exc


def main(argv: list[str] | None = None) -> int:
    """CLI: customer-identity generate --persons N --seed S --out DIR [--format csv|parquet]."""
    parser = argparse.ArgumentParser(
        prog="customer-identity generate",
        description="Write synthetic, deliberately messy extracts plus ground_truth to DIR.",
    )
    parser.add_argument("--persons", type=int, default=2000, help="people to simulate")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="same seed, same files")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--format", choices=("csv", "parquet"), default="csv")
    parser.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        type=_parse_override,
        metavar="FIELD=VALUE",
        help="override a MessConfig rate, e.g. --set typo_rate=0.1 (repeatable)",
    )
    args = parser.parse_args(argv)
    if args.persons < 0:
        parser.error("--persons must be >= 0")
    try:
        config = MessConfig(**dict(args.overrides))
    except ValueError as exc:
        parser.error(str(exc))
    began = time.perf_counter()
    counts = generate(args.persons, args.seed, args.out, config, fmt=args.format)
    elapsed = time.perf_counter() - began
    for name, rows in counts.items():
        print(f"{name:<28} {rows:>10,}")
    extracts = sum(rows for name, rows in counts.items() if not name.startswith("ground_truth"))
    print(f"{extracts:,} records for {args.persons:,} persons in {args.out} ({elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
