"""normalize_person_name, name_match_key and split_full_name: values in, values out."""

from __future__ import annotations

import pytest

NAMES = {
    "display": "normalize_person_name('value')",
    "match_key": "name_match_key('value')",
}
SPLIT = {
    "first": "split_full_name('value', 'first')",
    "last": "split_full_name('value', 'last')",
}

# (raw, normalize_person_name, name_match_key)
NAME_CASES = [
    ("john", "John", "john"),
    ("  john   SMITH ", "John Smith", "johnsmith"),
    ("\u200bmary\u00a0ann\u200b", "Mary Ann", "maryann"),
    ("o'brien", "O'Brien", "obrien"),
    ("d\u2019angelo", "D\u2019Angelo", "dangelo"),
    ("anne-marie", "Anne-Marie", "annemarie"),
    ("MCDONALD", "Mcdonald", "mcdonald"),
    ("van der berg", "Van Der Berg", "vanderberg"),
    ("j.r.r. tolkien", "J.R.R. Tolkien", "jrrtolkien"),
    ("josé garcía", "José García", "josegarcia"),
    ("ÉLODIE", "Élodie", "elodie"),
    ("Zoë-Anne", "Zoë-Anne", "zoeanne"),
    ("strauß", "Strauß", "strauss"),
    ("søren", "Søren", "soren"),
    ("łukasz", "Łukasz", "lukasz"),
    ("дмитрий", "Дмитрий", "дмитрии"),
    ("ζωή", "Ζωή", "ζωη"),
    ("山田 太郎", "山田 太郎", "山田太郎"),
    ("राम", "राम", "राम"),
    ("محمد", "محمد", "محمد"),
    ("John2", "John2", "john"),
    ("", None, None),
    ("   ", None, None),
    (None, None, None),
    ("123", "123", None),
]

# (raw full name, first, last)
SPLIT_CASES = [
    ("John Smith", "John", "Smith"),
    ("john smith", "john", "smith"),
    ("  John   Smith  ", "John", "Smith"),
    ("Mary Ann Smith", "Mary Ann", "Smith"),
    ("Smith, John", "John", "Smith"),
    ("SMITH,JOHN", "JOHN", "SMITH"),
    ("Smith, John Paul", "John Paul", "Smith"),
    ("O'Brien, Anne-Marie", "Anne-Marie", "O'Brien"),
    ("Smith, Dr. John", "John", "Smith"),
    ("Smith,", None, "Smith"),
    ("Ludwig van Beethoven", "Ludwig", "van Beethoven"),
    ("Maria de la Cruz", "Maria", "de la Cruz"),
    ("Van Morrison", "Van", "Morrison"),
    ("Dr. John Smith Jr.", "John", "Smith"),
    ("Mrs Jane Doe", "Jane", "Doe"),
    ("Martin Luther King, Jr.", "Martin Luther", "King"),
    ("Dr. Smith, John", "John", "Smith"),
    ("John Smith III", "John", "Smith"),
    ("Madonna", "Madonna", None),
    ("山田太郎", "山田太郎", None),
    ("Дмитрий Иванов", "Дмитрий", "Иванов"),
    ("", None, None),
    ("   ", None, None),
    (None, None, None),
]


@pytest.fixture(scope="module")
def name_results(evaluate_macros):
    return evaluate_macros(NAMES, [(raw,) for raw, _, _ in NAME_CASES])


@pytest.fixture(scope="module")
def split_results(evaluate_macros):
    return evaluate_macros(SPLIT, [(raw,) for raw, _, _ in SPLIT_CASES])


@pytest.mark.parametrize(
    ("index", "raw", "display", "match_key"),
    [(index, *case) for index, case in enumerate(NAME_CASES)],
)
def test_person_name(name_results, index, raw, display, match_key):
    assert name_results[index] == (display, match_key), raw


@pytest.mark.parametrize(
    ("index", "raw", "first", "last"),
    [(index, *case) for index, case in enumerate(SPLIT_CASES)],
)
def test_split_full_name(split_results, index, raw, first, last):
    assert split_results[index] == (first, last), raw


def test_split_full_name_rejects_an_unknown_part(dbt_session):
    with pytest.raises(RuntimeError, match="part must be 'first' or 'last'"):
        dbt_session.compile("select {{ split_full_name('value', 'middle') }} from corpus")
