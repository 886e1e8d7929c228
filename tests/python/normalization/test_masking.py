"""mask_email, mask_phone and salted_hash (macros/governance): values in, values out."""

from __future__ import annotations

import hashlib

import pytest

# (email, calling code, phone, masked email, masked phone)
CASES = [
    ("john.doe@example.com", "1", "+15551234567", "j***@example.com", "+1******4567"),
    ("a@b.co", "44", "+447700900123", "a***@b.co", "+44******0123"),
    ("zoë@exämple.de", None, "+4930123456", "z***@exämple.de", "+4*****3456"),
    (None, None, None, None, None),
]


@pytest.fixture(scope="module")
def masked(evaluate_macros):
    return evaluate_macros(
        {
            "email": "mask_email('email')",
            "phone": "mask_phone('phone', 'calling_code')",
        },
        [(email, code, phone) for email, code, phone, _, _ in CASES],
        columns=("email", "calling_code", "phone"),
    )


@pytest.mark.parametrize(("index", "case"), list(enumerate(CASES)))
def test_masking(masked, index, case):
    assert masked[index] == (case[3], case[4])


def test_salted_hash_is_sha256_of_salt_and_value(evaluate_macros):
    [(hashed,), (empty,)] = evaluate_macros({"hashed": "salted_hash('value')"}, [("x",), (None,)])
    assert hashed == hashlib.sha256(b"customer-identity-default-saltx").hexdigest()
    assert empty is None
