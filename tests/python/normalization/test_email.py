"""normalize_email and canonical_email: values in, values out."""

from __future__ import annotations

import pytest

EMAIL = {
    "normalized": "normalize_email('value')",
    "canonical": "canonical_email('value')",
}

# (raw, normalize_email, canonical_email)
CASES = [
    ("john.doe@example.com", "john.doe@example.com", "john.doe@example.com"),
    (" John.Doe@Example.COM ", "john.doe@example.com", "john.doe@example.com"),
    ("\tjane@example.org\n", "jane@example.org", "jane@example.org"),
    ("mailto:Bob@Example.org", "bob@example.org", "bob@example.org"),
    ("jane+news@example.com", "jane+news@example.com", "jane@example.com"),
    ("user.name+tag+more@Example.com", "user.name+tag+more@example.com", "user.name@example.com"),
    ("J.A.N.E@gmail.com", "j.a.n.e@gmail.com", "jane@gmail.com"),
    ("john.doe+promo@GoogleMail.com", "john.doe+promo@googlemail.com", "johndoe@gmail.com"),
    ("john.doe@gmail.co.uk", "john.doe@gmail.co.uk", "john.doe@gmail.co.uk"),
    (
        "first.last@sub.example.co.uk",
        "first.last@sub.example.co.uk",
        "first.last@sub.example.co.uk",
    ),
    ("o'neil@example.ie", "o'neil@example.ie", "o'neil@example.ie"),
    ("zoë@exämple.de", "zoë@exämple.de", "zoë@exämple.de"),
    ("+tag@example.com", "+tag@example.com", "+tag@example.com"),
    (None, None, None),
    ("", None, None),
    ("   ", None, None),
    ("not-an-email", None, None),
    ("john@localhost", None, None),
    ("dpierre@hotmailf.r", None, None),
    ("jo@mail.123", None, None),
    ("john doe@example.com", None, None),
    ("john@@example.com", None, None),
    ("a@b@example.com", None, None),
    ("@example.com", None, None),
    ("john@", None, None),
    ("john@.com", None, None),
    ("john@example.com.", None, None),
    ("john@example..com", None, None),
]


@pytest.fixture(scope="module")
def email_results(evaluate_macros):
    return evaluate_macros(EMAIL, [(raw,) for raw, _, _ in CASES])


@pytest.mark.parametrize(
    ("index", "raw", "normalized", "canonical"),
    [(index, *case) for index, case in enumerate(CASES)],
)
def test_email(email_results, index, raw, normalized, canonical):
    assert email_results[index] == (normalized, canonical), raw
