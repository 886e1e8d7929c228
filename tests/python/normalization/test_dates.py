"""parse_date and parse_timestamp: values in, values out."""

from __future__ import annotations

from datetime import date, datetime

import pytest

FORMATS = {"ymd": "%Y-%m-%d", "mdy": "%m/%d/%Y", "compact": "%Y%m%d"}
# The dispatched macro and the portable default__ version (built on the cross-db helpers).
DATES = {
    **{f"{name}": f"parse_date('value', '{layout}')" for name, layout in FORMATS.items()},
    **{
        f"{name}_portable": f"customer_identity.default__parse_date('value', '{layout}')"
        for name, layout in FORMATS.items()
    },
}
TIMESTAMPS = {"parsed": "parse_timestamp('value')"}

# (raw, format name, expected)
DATE_CASES = [
    ("2023-02-28", "ymd", date(2023, 2, 28)),
    ("2024-02-29", "ymd", date(2024, 2, 29)),
    (" 1985-07-04 ", "ymd", date(1985, 7, 4)),
    ("1900-01-01", "ymd", date(1900, 1, 1)),
    ("2100-12-31", "ymd", date(2100, 12, 31)),
    ("2023-02-30", "ymd", None),
    ("2023-02-29", "ymd", None),
    ("2023-13-01", "ymd", None),
    ("1899-12-31", "ymd", None),
    ("2101-01-01", "ymd", None),
    ("0000-00-00", "ymd", None),
    ("1985/07/04", "ymd", None),
    ("garbage", "ymd", None),
    ("", "ymd", None),
    ("   ", "ymd", None),
    (None, "ymd", None),
    ("02/28/2023", "mdy", date(2023, 2, 28)),
    ("2/3/1990", "mdy", date(1990, 2, 3)),
    ("12/31/1999", "mdy", date(1999, 12, 31)),
    ("02/30/2023", "mdy", None),
    ("13/01/2023", "mdy", None),
    ("31/12/1999", "mdy", None),
    ("1999-12-31", "mdy", None),
    ("19850704", "compact", date(1985, 7, 4)),
    ("20000229", "compact", date(2000, 2, 29)),
    ("19850230", "compact", None),
    ("18991231", "compact", None),
    ("1985074", "compact", None),
    ("1985-07-04", "compact", None),
]

# (raw, expected UTC timestamp)
TIMESTAMP_CASES = [
    ("2024-05-01T10:20:30Z", datetime(2024, 5, 1, 10, 20, 30)),
    ("2024-05-01t10:20:30z", datetime(2024, 5, 1, 10, 20, 30)),
    ("2024-05-01T10:20:30", datetime(2024, 5, 1, 10, 20, 30)),
    ("2024-05-01 10:20:30", datetime(2024, 5, 1, 10, 20, 30)),
    ("2024-05-01T10:20", datetime(2024, 5, 1, 10, 20)),
    (" 2024-05-01T10:20:30Z ", datetime(2024, 5, 1, 10, 20, 30)),
    ("2024-05-01T10:20:30.123Z", datetime(2024, 5, 1, 10, 20, 30, 123000)),
    ("2024-05-01T10:20:30.123456789Z", datetime(2024, 5, 1, 10, 20, 30, 123456)),
    ("2024-05-01T10:20:30,5Z", datetime(2024, 5, 1, 10, 20, 30, 500000)),
    ("2024-05-01T10:20:30,123+02:00", datetime(2024, 5, 1, 8, 20, 30, 123000)),
    ("2024-05-01T10:20:30,25", datetime(2024, 5, 1, 10, 20, 30, 250000)),
    ("2024-05-01T10:20:30+02:00", datetime(2024, 5, 1, 8, 20, 30)),
    ("2024-05-01T10:20:30+0200", datetime(2024, 5, 1, 8, 20, 30)),
    ("2024-05-01T10:20:30-05:30", datetime(2024, 5, 1, 15, 50, 30)),
    ("2024-05-01 10:20:30 +00:00", datetime(2024, 5, 1, 10, 20, 30)),
    ("2024-12-31T23:30:00-01:00", datetime(2025, 1, 1, 0, 30)),
    ("2024-05-01", datetime(2024, 5, 1)),
    ("2024-02-30T10:00:00Z", None),
    ("2024-05-01T25:00:00Z", None),
    ("2024-02-30", None),
    ("not a timestamp", None),
    ("", None),
    (None, None),
]


@pytest.fixture(scope="module")
def date_results(evaluate_macros):
    return evaluate_macros(DATES, [(raw,) for raw, _, _ in DATE_CASES])


@pytest.fixture(scope="module")
def timestamp_results(evaluate_macros):
    return evaluate_macros(TIMESTAMPS, [(raw,) for raw, _ in TIMESTAMP_CASES])


@pytest.mark.parametrize(
    ("index", "raw", "layout", "expected"),
    [(index, *case) for index, case in enumerate(DATE_CASES)],
)
def test_parse_date(date_results, index, raw, layout, expected):
    row = dict(zip(DATES, date_results[index], strict=True))
    assert (row[layout], row[f"{layout}_portable"]) == (expected, expected), raw


@pytest.mark.parametrize(
    ("index", "raw", "expected"),
    [(index, *case) for index, case in enumerate(TIMESTAMP_CASES)],
)
def test_parse_timestamp(timestamp_results, index, raw, expected):
    assert timestamp_results[index] == (expected,), raw


def test_parse_timestamp_returns_a_utc_timestamp_without_time_zone(dbt_session):
    import duckdb

    compiled = dbt_session.compile("select {{ parse_timestamp('value') }} as parsed from corpus")
    with duckdb.connect() as connection:
        connection.execute("set TimeZone = 'America/New_York'")
        connection.execute("create table corpus as select '2024-05-01T10:20:30' as value")
        [(type_name,)] = connection.execute(f"select typeof(parsed) from ({compiled})").fetchall()
        [(parsed,)] = connection.execute(compiled).fetchall()
    assert (type_name, parsed) == ("TIMESTAMP", datetime(2024, 5, 1, 10, 20, 30))
