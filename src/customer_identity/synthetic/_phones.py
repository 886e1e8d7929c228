"""Phone numbers that phonenumbers accepts as valid, written the ways people type them."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from customer_identity.synthetic._tables import PHONE_PLANS

S = np.dtypes.StringDType()

CALLING_CODES: dict[str, int] = {
    "US": 1, "CA": 1, "GB": 44, "DE": 49, "FR": 33, "AU": 61, "IN": 91, "MX": 52, "BR": 55,
    "ES": 34, "IT": 39, "NL": 31,
}  # fmt: skip

# Format slots, one column of PhoneBook.formats each.
# NANP:  (555) 123-4567 | 555.123.4567 | 555-123-4567 | +1 555 123 4567 | tel:+1555... | +1555...
#        | 15551234567
# Other: national | national digits only | international | international with dashes | tel:+..
#        | +E164 | national
N_FORMATS = 7
SLOT_TEL = 4
SLOT_E164 = 5


@dataclass(frozen=True)
class _Plan:
    base: np.ndarray  # int64: calling code followed by the prefix digits
    mask_id: np.ndarray  # int64 index into masks
    masks: tuple[tuple[str, str], ...]  # (national, international)


def _load_plans() -> dict[tuple[str, str], _Plan]:
    plans = {}
    for region, kinds in PHONE_PLANS.items():
        cc = str(CALLING_CODES[region])
        for kind, rows in kinds.items():
            masks = sorted({(nat, intl) for _, nat, intl in rows})
            plans[region, kind] = _Plan(
                base=np.array([int(cc + prefix) for prefix, _, _ in rows], dtype=np.int64),
                mask_id=np.array([masks.index((nat, intl)) for _, nat, intl in rows]),
                masks=tuple(masks),
            )
    return plans


_PLANS = _load_plans()
_MASKS: tuple[tuple[str, str], ...] = tuple(
    sorted({m for plan in _PLANS.values() for m in plan.masks})
)
_MASK_INDEX = {m: i for i, m in enumerate(_MASKS)}


def new_numbers(
    rng: np.random.Generator, regions: np.ndarray, kind: str, area_codes: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Draw one number per row: E.164 digits as int64 and a mask id (-1 for NANP).

    `regions` holds ISO codes; `area_codes` the NANP area code to use per row (ignored elsewhere).
    """
    n = len(regions)
    value = np.zeros(n, dtype=np.int64)
    mask = np.full(n, -1, dtype=np.int64)
    line = rng.integers(0, 10_000, n)
    nanp = np.isin(regions, ["US", "CA"])
    if nanp.any():
        # Exchange codes N11 and 555 are reserved or fictional, so skip them.
        nxx = rng.integers(200, 1000, n)
        nxx = np.where(nxx % 100 == 11, nxx + 1, nxx)
        nxx = np.where(nxx == 555, 556, nxx)
        npa = area_codes.astype(np.int64)
        value[nanp] = (10_000_000_000 + npa * 10_000_000 + nxx * 10_000 + line)[nanp]
    for region in np.unique(regions[~nanp]).tolist():
        rows = np.flatnonzero(regions == region)
        plan = _PLANS[str(region), kind]
        pick = rng.integers(0, len(plan.base), len(rows))
        value[rows] = plan.base[pick] * 10_000 + line[rows]
        mask[rows] = np.array([_MASK_INDEX[m] for m in plan.masks])[plan.mask_id[pick]]
    return value, mask


def _apply_mask(nsn: np.ndarray, mask: str) -> np.ndarray:
    out = np.full(len(nsn), "", dtype=S)
    pos = 0
    for literal, run in re.findall(r"([^#]*)(#*)", mask):
        if literal:
            out = out + literal
        if run:
            out = out + np.strings.slice(nsn, pos, pos + len(run))
            pos += len(run)
    return out


def _digits_only(values: np.ndarray) -> np.ndarray:
    for ch in (" ", "(", ")", "-"):
        values = np.strings.replace(values, ch, "")
    return values


def format_numbers(values: np.ndarray, mask_ids: np.ndarray) -> np.ndarray:
    """All N_FORMATS spellings of each number, shape (n, N_FORMATS)."""
    n = len(values)
    e164 = values.astype(S)
    out = np.empty((n, N_FORMATS), dtype=S)
    out[:, SLOT_TEL] = "tel:+" + e164
    out[:, SLOT_E164] = "+" + e164
    nanp = mask_ids < 0
    if nanp.any():
        d = e164[nanp]
        npa, nxx, line = (np.strings.slice(d, a, b) for a, b in ((1, 4), (4, 7), (7, 11)))
        out[nanp, 0] = "(" + npa + ") " + nxx + "-" + line
        out[nanp, 1] = npa + "." + nxx + "." + line
        out[nanp, 2] = npa + "-" + nxx + "-" + line
        out[nanp, 3] = "+1 " + npa + " " + nxx + " " + line
        out[nanp, 6] = d
    for m in np.unique(mask_ids[~nanp]).tolist():
        rows = np.flatnonzero(mask_ids == m)
        national, intl = _MASKS[m]
        cc_len = len(intl.split(" ", 1)[0]) - 1  # "+44 ..." -> 2
        nsn = np.strings.slice(e164[rows], cc_len, None)
        nat = _apply_mask(nsn, national)
        inter = _apply_mask(nsn, intl)
        out[rows, 0] = nat
        out[rows, 1] = _digits_only(nat)
        out[rows, 2] = inter
        out[rows, 3] = np.strings.replace(inter, " ", "-")
        out[rows, 6] = nat
    return out
