"""The synthetic generator writes contract-shaped, deterministic, realistically messy extracts."""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import pandas as pd
import phonenumbers
import pytest

from customer_identity.synthetic import MessConfig, generate
from customer_identity.synthetic._reference import (
    COMMON_FULL_NAMES,
    COUNTRY_SPELLINGS,
    JUNK_EMAILS,
    JUNK_PHONES,
    NICKNAMES,
)
from customer_identity.synthetic.generator import main

PERSONS = 3000
SEED = 424242
SAMPLE_DIR = Path(__file__).resolve().parents[3] / "data" / "sample"
SAMPLE_PERSONS, SAMPLE_SEED = 2000, 20261123

# Column lists copied from the data contract, so a drift in the generator shows up here.
CONTRACT = {
    "crm_contacts": [
        "Id", "AccountId", "FirstName", "LastName", "Email", "Phone", "MobilePhone",
        "MailingStreet", "MailingCity", "MailingPostalCode", "MailingCountry", "Birthdate",
        "LoyaltyTier", "PreferredLanguage", "CreatedDate", "LastModifiedDate",
    ],
    "erp_customers": [
        "customer_no", "full_name", "email", "phone", "street", "city", "zip", "country",
        "date_of_birth", "last_purchase_date", "lifetime_value", "updated_at",
    ],
    "legacy_customers": [
        "legacy_id", "first_name", "last_name", "email", "phone", "address_line", "city",
        "postcode", "country", "dob", "national_id", "last_updated",
    ],
    "interactions": [
        "conversation_id", "channel", "started_at", "ani", "email_address", "display_name",
        "cookie_id", "ip_address",
    ],
    "ground_truth": ["source_system", "source_record_id", "person_id"],
}  # fmt: skip
ID_COLUMN = {
    "crm_contacts": ("crm", "Id"),
    "erp_customers": ("erp", "customer_no"),
    "legacy_customers": ("legacy", "legacy_id"),
    "interactions": ("interactions", "conversation_id"),
}
COUNTRY_CODE = {s.upper(): code for code, names in COUNTRY_SPELLINGS.items() for s in names}


def _read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(
        folder / f"{name}.csv", dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8"
    )


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic")
    counts = generate(PERSONS, SEED, folder)
    assert set(counts) == {f"{name}.csv" for name in CONTRACT}
    return folder


@pytest.fixture(scope="module")
def frames(out: Path) -> dict[str, pd.DataFrame]:
    frames = {name: _read(out, name) for name in CONTRACT}
    truth = frames["ground_truth"].set_index(["source_system", "source_record_id"]).person_id
    for name, (system, id_col) in ID_COLUMN.items():
        df = frames[name]
        df["person"] = truth.loc[[(system, i) for i in df[id_col]]].to_numpy()
    return frames


def _norm(values: pd.Series) -> pd.Series:
    return values.fillna("").str.strip().str.lower()


# --------------------------------------------------------------------------- shape


def test_every_contract_column_in_order_with_csv_quoting(out: Path) -> None:
    for name, columns in CONTRACT.items():
        with (out / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        assert rows[0] == columns, name
        assert all(len(r) == len(columns) for r in rows), name
        assert len(rows) > 1, name


def test_counts_match_files_and_volume_per_person(out: Path, frames) -> None:
    counts = generate(PERSONS, SEED, out)  # rewriting in place must give the same counts
    for name, df in frames.items():
        assert counts[f"{name}.csv"] == len(df)
    per_person = {name: len(frames[name]) / PERSONS for name in ID_COLUMN}
    assert 0.5 < per_person["crm_contacts"] < 0.8
    assert 0.4 < per_person["erp_customers"] < 0.7
    assert 0.3 < per_person["legacy_customers"] < 0.5
    assert 2.2 < per_person["interactions"] < 3.3
    in_sources = Counter(
        p for name in ID_COLUMN for p in frames[name]["person"].drop_duplicates().tolist()
    )
    assert 1 in in_sources.values()  # some people are in one source only
    assert 4 in in_sources.values()


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    generate(800, 7, tmp_path / "a")
    generate(800, 7, tmp_path / "b")
    generate(800, 8, tmp_path / "c")
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert (
        _digest(tmp_path / "a")["crm_contacts.csv"] != _digest(tmp_path / "c")["crm_contacts.csv"]
    )


def test_ground_truth_covers_every_record_exactly_once(frames) -> None:
    truth = frames["ground_truth"]
    assert not truth.duplicated(["source_system", "source_record_id"]).any()
    assert truth.notna().all().all()
    expected = {(system, i) for name, (system, col) in ID_COLUMN.items() for i in frames[name][col]}
    assert set(zip(truth.source_system, truth.source_record_id, strict=True)) == expected
    assert len(truth) == sum(len(frames[name]) for name in ID_COLUMN)


@pytest.mark.parametrize(
    ("name", "column", "pattern"),
    [
        ("crm_contacts", "Id", r"003[0-9A-Za-z]{15}"),
        ("erp_customers", "customer_no", r"C\d{7}"),
        ("legacy_customers", "legacy_id", r"L-\d{6}"),
        ("interactions", "conversation_id", r"conv-[0-9a-f]{12}"),
    ],
)
def test_ids_unique_and_well_formed(frames, name: str, column: str, pattern: str) -> None:
    ids = frames[name][column]
    assert ids.is_unique
    assert ids.str.fullmatch(pattern).all()


def test_account_ids_shape_and_sharing(frames) -> None:
    crm = frames["crm_contacts"].dropna(subset=["AccountId"])
    assert crm.AccountId.str.fullmatch(r"ACC-\d{8}").all()
    assert (crm.groupby("AccountId").person.nunique() > 1).any()  # household accounts


def test_dates_parse_in_their_contract_formats(frames) -> None:
    def parses(values: pd.Series, fmt: str | None) -> None:
        for v in values.dropna():
            if fmt is None:
                datetime.fromisoformat(v)
            else:
                datetime.strptime(v, fmt)

    crm, erp = frames["crm_contacts"], frames["erp_customers"]
    legacy, chats = frames["legacy_customers"], frames["interactions"]
    parses(crm.Birthdate, "%Y-%m-%d")
    parses(crm.CreatedDate, "%Y-%m-%dT%H:%M:%S.%fZ")
    parses(crm.LastModifiedDate, "%Y-%m-%dT%H:%M:%S.%fZ")
    assert (crm.LastModifiedDate >= crm.CreatedDate).all()
    parses(erp.date_of_birth, "%m/%d/%Y")
    parses(erp.last_purchase_date, "%Y-%m-%d")
    parses(erp.updated_at, None)
    parses(legacy.dob, "%Y%m%d")
    parses(legacy.last_updated, "%Y-%m-%d")
    parses(chats.started_at, "%Y-%m-%dT%H:%M:%SZ")
    assert erp.lifetime_value.dropna().str.fullmatch(r"\d+\.\d{2}").all()


def test_phones_valid_for_the_records_country(frames) -> None:
    checked = valid = 0
    for name, phone_cols, country_col in (
        ("crm_contacts", ("Phone", "MobilePhone"), "MailingCountry"),
        ("erp_customers", ("phone",), "country"),
        ("legacy_customers", ("phone",), "country"),
    ):
        df = frames[name].dropna(subset=[country_col])
        for col in phone_cols:
            for value, country in zip(df[col], df[country_col], strict=True):
                if pd.isna(value) or value in JUNK_PHONES:
                    continue
                region = COUNTRY_CODE[country.strip().upper()]
                checked += 1
                try:
                    number = phonenumbers.parse(value, region)
                except phonenumbers.NumberParseException:
                    continue
                valid += phonenumbers.is_valid_number_for_region(number, region)
    assert checked > 1000
    assert valid / checked >= 0.95


def test_phone_formats_cover_the_contract_examples(frames) -> None:
    crm = frames["crm_contacts"]
    phones = pd.concat([crm.Phone, crm.MobilePhone, frames["erp_customers"].phone]).dropna()
    for pattern in (
        r"\(\d{3}\) \d{3}-\d{4}",
        r"\d{3}\.\d{3}\.\d{4}",
        r"\d{3}-\d{3}-\d{4}",
        r"\+1 \d{3} \d{3} \d{4}",
        r"tel:\+1\d{10}",
        r"\+1\d{10}",
        r"1\d{10}",
        r"0\d{4} \d{6}",  # GB mobile, national format
        r"\+44 \d{4} \d{6}",
    ):
        assert phones.str.fullmatch(pattern).any(), pattern


def test_interaction_identifiers(frames) -> None:
    chats = frames["interactions"]
    assert set(chats.channel) == {"voice", "webchat", "email", "whatsapp", "sms"}
    ani = chats.ani.dropna()
    assert ani.str.fullmatch(r"anonymous|(tel:)?\+\d{8,15}").all()
    numbers = ani[ani != "anonymous"]
    valid = sum(phonenumbers.is_valid_number(phonenumbers.parse(a, None)) for a in numbers)
    assert valid / len(numbers) >= 0.95
    messaging = chats[chats.channel.isin(["whatsapp", "sms"])]
    assert messaging.ani.notna().all()
    assert chats.loc[chats.channel == "email", "email_address"].notna().all()
    assert chats.ip_address.dropna().str.fullmatch(r"\d{1,3}(\.\d{1,3}){3}").all()


# --------------------------------------------------------------------------- mess


def test_erp_names_both_orders_and_cases(frames) -> None:
    names = frames["erp_customers"].full_name.dropna()
    last_first = names.str.contains(",").mean()
    assert abs(last_first - MessConfig().last_first_rate) < 0.06
    assert names.str.isupper().any()
    assert names.str.islower().any()


def test_calls_tel_uris_and_anonymous(frames) -> None:
    voice = frames["interactions"].query("channel == 'voice'")
    anonymous = (voice.ani == "anonymous").mean()
    assert abs(anonymous - MessConfig().anonymous_call_rate) < 0.03
    assert voice.ani.str.startswith("tel:+").mean() > 0.3


def test_junk_identifiers_shared_by_unrelated_people(frames) -> None:
    emails = pd.concat(
        [frames[n][["person"]].assign(e=_norm(frames[n][c])) for n, c in
         (("crm_contacts", "Email"), ("erp_customers", "email"), ("legacy_customers", "email"))]
    )  # fmt: skip
    junk = emails[emails.e.isin(JUNK_EMAILS)]
    assert junk.groupby("e").person.nunique().max() >= 3
    phones = frames["crm_contacts"].dropna(subset=["Phone"])
    junk_phones = phones[phones.Phone.isin(JUNK_PHONES)]
    assert junk_phones.groupby("Phone").person.nunique().max() >= 3


def test_email_variants(frames) -> None:
    raw = pd.concat([frames["crm_contacts"].Email, frames["erp_customers"].email]).dropna()
    assert raw.str.contains(r"\+\w+@").any()  # +tag aliases
    assert (raw != raw.str.strip()).any()  # surrounding spaces
    assert raw.str.isupper().any()
    # Provider changes: the same person with the same local part at two domains.
    crm = frames["crm_contacts"]
    legacy = frames["legacy_customers"]
    both = pd.concat([crm[["person"]].assign(e=_norm(crm.Email)), legacy[["person"]].assign(
        e=_norm(legacy.email))])  # fmt: skip
    both = both[both.e.str.contains("@") & ~both.e.isin(JUNK_EMAILS)].drop_duplicates()
    parts = both.e.str.split("@", expand=True)
    both = both.assign(local=parts[0].str.replace(r"\+.*", "", regex=True), domain=parts[1])
    per_local = both.groupby(["person", "local"]).domain.nunique()
    assert (per_local > 1).sum() >= 5


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def test_names_have_typos_nicknames_and_case_noise(frames) -> None:
    crm, legacy = frames["crm_contacts"], frames["legacy_customers"]
    firsts = pd.concat(
        [crm[["person"]].assign(f=_norm(crm.FirstName)),
         legacy[["person"]].assign(f=_norm(legacy.first_name))]
    ).query("f != ''")  # fmt: skip
    nick_of = {n.lower(): formal.lower() for formal, ns in NICKNAMES.items() for n in ns}
    seen = firsts.groupby("person").f.agg(set)
    assert sum(any(nick_of.get(x) in names for x in names) for names in seen) >= 20
    lasts = crm.assign(ln=_norm(crm.LastName)).query("ln != ''")
    spelled = lasts.groupby("person").ln.agg(lambda s: sorted(set(s)))
    typo_pairs = sum(
        1 for names in spelled if len(names) > 1 and _edit_distance(names[0], names[1]) == 1
    )
    assert typo_pairs >= 3
    assert crm.FirstName.dropna().str.isupper().any()
    assert (crm.LastName.dropna() != crm.LastName.dropna().str.strip()).any()


def test_households_twins_and_common_names(frames) -> None:
    crm = frames["crm_contacts"].dropna(subset=["Phone"])
    crm = crm[~crm.Phone.isin(JUNK_PHONES)]
    digits = crm.Phone.str.replace(r"\D", "", regex=True).str[-9:]
    assert (crm.assign(d=digits).groupby("d").person.nunique() > 1).sum() >= 10
    people = frames["crm_contacts"].dropna(subset=["Birthdate", "LastName", "MailingPostalCode"])
    key = people.assign(last=_norm(people.LastName), zip=people.MailingPostalCode.str[:5])
    twins = key.groupby(["Birthdate", "last", "zip"]).person.nunique()
    assert (twins > 1).any()
    crm, legacy = frames["crm_contacts"], frames["legacy_customers"]
    full = pd.concat(
        [
            crm[["person"]].assign(full=_norm(crm.FirstName) + " " + _norm(crm.LastName)),
            legacy[["person"]].assign(
                full=_norm(legacy.first_name) + " " + _norm(legacy.last_name)
            ),
        ]
    )
    common = full[full.full.isin([f"{f} {ln}".lower() for f, ln, _ in COMMON_FULL_NAMES])]
    assert common.person.nunique() >= 15
    assert common.groupby("full").person.nunique().max() >= 3


def test_moves_and_maiden_names_show_in_legacy(frames) -> None:
    crm = frames["crm_contacts"][["person", "MailingCity", "LastName"]]
    legacy = frames["legacy_customers"][["person", "city", "last_name"]]
    pairs = crm.merge(legacy, on="person").dropna()
    assert (_norm(pairs.MailingCity) != _norm(pairs.city)).mean() > 0.05
    assert (_norm(pairs.LastName) != _norm(pairs.last_name)).mean() > 0.03


def test_national_id_in_legacy_only_and_stable(frames) -> None:
    legacy = frames["legacy_customers"]
    present = legacy.national_id.notna().mean()
    assert 0.3 < present < 0.5
    ids = legacy.dropna(subset=["national_id"])
    ids = ids[~ids.national_id.isin(["000-00-0000", "999-99-9999", "123-45-6789"])]
    canonical = ids.national_id.str.replace(r"[^0-9A-Za-z]", "", regex=True)
    assert (ids.assign(c=canonical).groupby("person").c.nunique() == 1).all()
    assert ids.national_id.str.fullmatch(r"\d{3}-\d{2}-\d{4}").any()
    assert ids.national_id.str.fullmatch(r"\d{9}").any()


def test_chats_without_usable_identifiers(frames) -> None:
    chats = frames["interactions"]
    web = chats[chats.channel == "webchat"]
    cookie_uses = chats.cookie_id.value_counts()
    bare = web[
        web.email_address.isna()
        & web.ani.isna()
        & web.display_name.notna()
        & ~web.display_name.str.strip().str.contains(" ")
        & web.cookie_id.map(cookie_uses).eq(1)
    ]
    assert len(bare) / len(web) > 0.05
    recurring = web.groupby("cookie_id").agg(n=("person", "size"), people=("person", "nunique"))
    assert (recurring.n > 1).any()
    assert (recurring.people == 1).all()  # a browser cookie belongs to one person


def test_addresses_look_national(frames) -> None:
    crm = frames["crm_contacts"].dropna(subset=["MailingCountry", "MailingPostalCode"])
    code = crm.MailingCountry.str.strip().str.upper().map(COUNTRY_CODE)
    zips = crm.MailingPostalCode.str.upper()
    assert zips[code == "US"].str.fullmatch(r"\d{5}(-\d{4})?").mean() > 0.99
    assert zips[code == "US"].str.contains("-").any()  # ZIP+4
    gb = zips[code == "GB"]
    assert gb.str.fullmatch(r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}").all()
    assert set(crm.MailingCountry) >= {"US", "United States", "USA"}


@pytest.mark.parametrize("rate", [0.0, 0.3])
def test_missing_rate_follows_config(tmp_path: Path, rate: float) -> None:
    generate(1500, 3, tmp_path, MessConfig(missing_rate=rate))
    crm = _read(tmp_path, "crm_contacts")
    assert abs(crm.MailingStreet.isna().mean() - rate) < 0.04
    assert crm.Id.notna().all()


def test_less_mess_when_rates_are_zero(tmp_path: Path) -> None:
    quiet = MessConfig(
        typo_rate=0, case_rate=0, spacing_rate=0, junk_identifier_rate=0, anonymous_call_rate=0
    )
    generate(1000, 3, tmp_path, quiet)
    crm = _read(tmp_path, "crm_contacts")
    assert not crm.FirstName.dropna().str.isupper().any()
    assert not crm.Email.dropna().isin(JUNK_EMAILS).any()
    assert "anonymous" not in set(_read(tmp_path, "interactions").ani.dropna())


def test_config_rejects_bad_rates() -> None:
    with pytest.raises(ValueError, match="typo_rate"):
        MessConfig(typo_rate=1.5)


def test_cli_writes_parquet_and_replaces_csv(tmp_path: Path, capsys) -> None:
    assert main(["--persons", "200", "--seed", "1", "--out", str(tmp_path)]) == 0
    argv = ["--persons", "200", "--seed", "1", "--out", str(tmp_path), "--format", "parquet"]
    assert main([*argv, "--set", "typo_rate=0.2"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.parquet" for n in CONTRACT)
    assert "ground_truth.parquet" in capsys.readouterr().out
    frame = pd.read_parquet(tmp_path / "crm_contacts.parquet")
    assert list(frame.columns) == CONTRACT["crm_contacts"]
    with pytest.raises(SystemExit):
        main(["--out", str(tmp_path), "--set", "no_such_rate=1"])


def test_zero_persons_writes_empty_extracts(tmp_path: Path) -> None:
    counts = generate(0, 1, tmp_path)
    assert set(counts.values()) == {0}
    with (tmp_path / "crm_contacts.csv").open(encoding="utf-8") as f:
        assert next(csv.reader(f)) == CONTRACT["crm_contacts"]


@pytest.mark.skipif(not SAMPLE_DIR.joinpath("crm_contacts.csv").exists(), reason="no sample")
def test_committed_sample_is_reproducible(tmp_path: Path) -> None:
    generate(SAMPLE_PERSONS, SAMPLE_SEED, tmp_path)
    fresh = _digest(tmp_path)
    committed = {k: v for k, v in _digest(SAMPLE_DIR).items() if k in fresh}
    assert committed == fresh, (
        "data/sample is stale: python -m customer_identity.synthetic "
        f"--persons {SAMPLE_PERSONS} --seed {SAMPLE_SEED} --out data/sample"
    )
    assert re.fullmatch(r"P\d{7}", _read(tmp_path, "ground_truth").person_id.iloc[0])
